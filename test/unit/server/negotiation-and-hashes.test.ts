import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineHashes, staticPagePolicy } from '../../../src/server/security-headers.ts';
import { negotiateEncoding } from '../../../src/server/content-encoding.ts';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('negotiateEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0', null],
    ['identity', null],
    ['', null],
  ] as const)('%j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('inlineHashes', () => {
  it('hashes inline scripts, style elements and style attributes, and skips data blocks and external scripts', () => {
    const html = `<script>a()</script><script type="module">b()</script><script src="/_astro/c.js"></script>
      <script type="application/ld+json">{"@type":"WebSite"}</script><style>.x{color:red}</style>
      <p style="color: rgb(29, 79, 145)">x</p><div style='--w:&quot;3&quot;'></div>`;
    expect(inlineHashes(html)).toEqual({
      scripts: [hash('a()'), hash('b()')],
      styles: [hash('.x{color:red}')],
      styleAttributes: [hash('color: rgb(29, 79, 145)'), hash('--w:"3"')],
    });
  });

  it('gives a policy without unsafe-inline, and without unsafe-hashes when no attribute needs it', () => {
    const policy = staticPagePolicy(inlineHashes('<style>.x{}</style>'));
    expect(policy).toContain(`style-src 'self' ${hash('.x{}')};`);
    expect(policy).not.toContain('unsafe');
  });
});
