import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/content/content-error.ts';
import { loadContent, loadSite } from '../../../src/content/load-content.ts';

const DEMO_CONTENT = resolve(import.meta.dirname, '../../../content');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'helder-broken-'));
  cpSync(DEMO_CONTENT, dir, { recursive: true });
  writeFileSync(join(dir, 'incidents', '2026-12-02-zaakstroom-traag.md'), '---\ntitle:\n  nl: Zaakstroom reageert traag\n  en: Zaakstroom responds slowly\nimpact: [unclosed\ncomponents: [zaakstroom]\nscope: all\nupdates: []\n---\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one broken incident file', () => {
  it('is named with its line when the whole content is read', () => {
    let caught: unknown;
    try {
      loadContent(dir);
    } catch (error) {
      caught = error;
    }
    expect(ContentError.is(caught)).toBe(true);
    const [problem] = (caught as ContentError).problems;
    expect(problem).toMatchObject({ file: expect.stringContaining('2026-12-02-zaakstroom-traag.md'), field: '', line: expect.any(Number) });
    expect(problem!.line).toBeGreaterThanOrEqual(5);
  });

  it('does not stop what needs only the catalogue or the site', () => {
    const catalogue = loadContent(dir, { catalogueOnly: true });
    expect(catalogue.municipalities.some((municipality) => municipality.id === 'GM0344')).toBe(true);
    expect(catalogue.incidents).toEqual([]);
    expect(loadSite(dir, { siteUrl: 'https://status.voorbeeldsoftware.nl/' }).url).toBe('https://status.voorbeeldsoftware.nl');
  });
});
