import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_SITE, loadTemplates, type RenderedMessage } from '../../../src/templates/index.ts';
import { GOLDEN_DIR, TEMPLATES_DIR } from './fixtures.ts';

/**
 * Every template × language × channel, rendered with the manifest's example values, compared with
 * the reviewed files under test/golden/templates. After an intended change, rewrite them with
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/templates/golden.test.ts` and read the diff.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const catalog = loadTemplates(TEMPLATES_DIR);

const CHANNEL_FILES: Array<[keyof RenderedMessage, string]> = [
  ['subject', 'subject.txt'],
  ['html', 'email.html'],
  ['text', 'email.txt'],
  ['statusPageMarkdown', 'status-page.md'],
];

describe('golden renderings of the shipped templates', () => {
  it('ships the agreed starting set in Dutch and English', () => {
    expect(catalog.list().map((template) => [template.id, template.kind, template.languages.join('+')])).toEqual([
      ['lokale-storing', 'incident_opened', 'nl+en'],
      ['onderhoud-aangekondigd', 'maintenance_announced', 'nl+en'],
      ['onderhoud-afgerond', 'maintenance_completed', 'nl+en'],
      ['onderhoud-gestart', 'maintenance_started', 'nl+en'],
      ['opgelost', 'incident_resolved', 'nl+en'],
      ['storing-gemeld', 'incident_opened', 'nl+en'],
      ['update', 'incident_update', 'nl+en'],
      ['vrije-mededeling', 'notice', 'nl+en'],
    ]);
  });

  for (const template of catalog.list()) {
    for (const lang of template.languages) {
      it(`${template.id} (${lang}) matches its golden files in every channel`, () => {
        const rendered = catalog.render(template.id, lang, catalog.exampleValues(template.id, lang), { site: EXAMPLE_SITE });
        const dir = join(GOLDEN_DIR, template.id);
        for (const [field, suffix] of CHANNEL_FILES) {
          const file = join(dir, `${lang}.${suffix}`);
          const actual = String(rendered[field]);
          if (UPDATE || !existsSync(file)) {
            if (!UPDATE) throw new Error(`golden file ${file} is missing; run with UPDATE_GOLDEN=1 to create it, then review it`);
            mkdirSync(dir, { recursive: true });
            writeFileSync(file, actual);
            continue;
          }
          expect(actual, `${template.id} ${lang} ${field} differs from ${file}`).toBe(readFileSync(file, 'utf8'));
        }
      });
    }
  }
});
