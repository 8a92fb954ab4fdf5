import { describe, expect, it } from 'vitest';
import { parseRequestPath } from '../../../src/server/request-path.ts';

describe('parseRequestPath', () => {
  it('splits a page path into decoded segments', () => {
    expect(parseRequestPath('/gemeenten/GM0363/?taal=nl')).toEqual({ ok: true, segments: ['gemeenten', 'GM0363'], trailingSlash: true, rawPath: '/gemeenten/GM0363/', rawQuery: '?taal=nl' });
    expect(parseRequestPath('/')).toMatchObject({ ok: true, segments: [], trailingSlash: true });
    expect(parseRequestPath('/feeds/incidents.xml')).toMatchObject({ ok: true, segments: ['feeds', 'incidents.xml'], trailingSlash: false });
  });

  it('decodes names with spaces and accents', () => {
    expect(parseRequestPath('/gemeenten/s-Gravenhage%20(Den%20Haag)/caf%C3%A9')).toMatchObject({ ok: true, segments: ['gemeenten', 's-Gravenhage (Den Haag)', 'café'] });
  });

  it('takes only the path of an absolute-form target', () => {
    expect(parseRequestPath('http://status.voorbeeldsoftware.nl/over/')).toMatchObject({ ok: true, segments: ['over'] });
    expect(parseRequestPath('https://status.voorbeeldsoftware.nl')).toMatchObject({ ok: true, segments: [] });
  });

  it.each([
    ['/../etc/passwd', 400],
    ['/%2e%2e/etc/passwd', 400],
    ['/.%2E/etc', 400],
    ['/a/%2f/b', 400],
    ['/..%2Fgeheim', 400],
    ['/a%5cb', 400],
    ['/a\\b', 400],
    ['/a%00b', 400],
    ['/a\u0000b', 400],
    ['//etc/passwd', 400],
    ['/a//b', 400],
    ['/．．/geheim', 400],
    ['/%EF%BC%8E%EF%BC%8E/geheim', 400],
    ['/a%EF%BC%8Fb', 400], // "／" FULLWIDTH SOLIDUS becomes "/" under NFKC
    ['/%ZZ', 400],
    ['*', 400],
    ['../geheim', 400],
    ['/.env', 404],
    ['/%2eenv', 404],
    ['/incidenten/.git/config', 404],
    ['/%EF%BC%8Eenv', 404],
  ] as const)('refuses %s with %i', (target, status) => {
    expect(parseRequestPath(target)).toMatchObject({ ok: false, status });
  });

  it('keeps look-alikes that no normalisation turns into a separator as plain names', () => {
    expect(parseRequestPath('/a%E2%81%84b')).toMatchObject({ ok: true, segments: ['a⁄b'] });
  });

  it('allows /.well-known/ at the root only', () => {
    expect(parseRequestPath('/.well-known/security.txt')).toMatchObject({ ok: true, segments: ['.well-known', 'security.txt'] });
    expect(parseRequestPath('/feeds/.well-known/x')).toMatchObject({ ok: false, status: 404 });
  });
});
