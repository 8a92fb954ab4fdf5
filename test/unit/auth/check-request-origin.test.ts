import { describe, expect, it } from 'vitest';
import { checkRequestOrigin } from '../../../src/auth/check-request-origin.ts';

const ADMIN = 'https://beheer.status.leverancier.nl';

function post(headers: Record<string, string>, body: string | null = 'titel=Storing+BRP') {
  return new Request(`${ADMIN}/incidenten/nieuw`, { method: 'POST', headers, body });
}

const verdict = (request: Request) => {
  const result = checkRequestOrigin(request, ADMIN);
  return result.ok ? 'ok' : `${result.status} ${result.reason}`;
};

describe('checkRequestOrigin', () => {
  it('lets safe methods through without looking', () => {
    expect(verdict(new Request(`${ADMIN}/`, { headers: { origin: 'https://evil.example' } }))).toBe('ok');
  });

  it('accepts a form post from the admin origin', () => {
    expect(verdict(post({ origin: ADMIN, 'content-type': 'application/x-www-form-urlencoded' }))).toBe('ok');
    expect(verdict(post({ origin: ADMIN, 'content-type': 'multipart/form-data; boundary=x', 'sec-fetch-site': 'same-origin' }))).toBe('ok');
    expect(verdict(post({ origin: ADMIN, 'content-type': 'application/json; charset=utf-8' }, '{}'))).toBe('ok');
  });

  it('accepts a request without Origin when the browser says same-origin', () => {
    expect(verdict(post({ 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' }))).toBe('ok');
  });

  it('refuses a foreign origin, a look-alike and another port or scheme', () => {
    expect(verdict(post({ origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }))).toBe('403 cross_origin');
    expect(verdict(post({ origin: 'https://beheer.status.leverancier.nl.evil.example', 'content-type': 'application/x-www-form-urlencoded' }))).toBe('403 cross_origin');
    expect(verdict(post({ origin: 'https://beheer.status.leverancier.nl:8443', 'content-type': 'application/x-www-form-urlencoded' }))).toBe('403 cross_origin');
    expect(verdict(post({ origin: 'http://beheer.status.leverancier.nl', 'content-type': 'application/x-www-form-urlencoded' }))).toBe('403 cross_origin');
  });

  it('refuses the opaque "null" origin', () => {
    expect(verdict(post({ origin: 'null', 'content-type': 'application/x-www-form-urlencoded' }))).toBe('403 null_origin');
  });

  it('refuses when there is neither Origin nor Sec-Fetch-Site: same-origin', () => {
    expect(verdict(post({ 'content-type': 'application/x-www-form-urlencoded' }))).toBe('403 origin_unknown');
    expect(verdict(post({ 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }))).toBe('403 origin_unknown');
  });

  it('believes a browser that reports a cross-site or same-site fetch even with a matching Origin', () => {
    expect(verdict(post({ origin: ADMIN, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }))).toBe('403 cross_site_fetch');
    expect(verdict(post({ origin: ADMIN, 'sec-fetch-site': 'same-site', 'content-type': 'application/x-www-form-urlencoded' }))).toBe('403 cross_site_fetch');
  });

  it.each(['text/plain', 'Text/Plain', 'TEXT/PLAIN; charset=utf-8', ' text/plain', 'application/xml', 'application/x-www-form-urlencoded-evil'])(
    'refuses the content type %j that a cross-site page could send',
    (contentType) => {
      expect(verdict(post({ origin: ADMIN, 'content-type': contentType }))).toBe('415 content_type');
    },
  );

  it('accepts accepted content types in any letter case', () => {
    expect(verdict(post({ origin: ADMIN, 'content-type': 'Application/X-WWW-Form-Urlencoded' }))).toBe('ok');
  });

  it('refuses a body without a content type, but allows an empty POST', () => {
    expect(verdict(post({ origin: ADMIN }, 'titel=x'))).toBe('415 content_type');
    expect(verdict(post({ origin: ADMIN }, null))).toBe('ok');
  });

  it('applies to PUT, PATCH and DELETE as well', () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const request = new Request(`${ADMIN}/x`, { method, headers: { origin: 'https://evil.example' } });
      expect(checkRequestOrigin(request, ADMIN).ok).toBe(false);
    }
  });

  it('explains a refusal in words', () => {
    const result = checkRequestOrigin(post({ origin: 'https://evil.example', 'content-type': 'text/plain' }), ADMIN);
    expect(result).toMatchInlineSnapshot(`
      {
        "message": "Refused: Origin "https://evil.example" is not the admin origin https://beheer.status.leverancier.nl.",
        "ok": false,
        "reason": "cross_origin",
        "status": 403,
      }
    `);
  });
});
