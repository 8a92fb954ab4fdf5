import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped templates: tests run against exactly what customer care edits. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates', import.meta.url));
export const GOLDEN_DIR = fileURLToPath(new URL('../../golden/templates', import.meta.url));

/** A private copy of the shipped templates in a temp folder, to break on purpose. */
export function copyOfTemplates(): { dir: string; edit(file: string, change: (source: string) => string): void; write(file: string, source: string): void; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'helder-templates-'));
  cpSync(TEMPLATES_DIR, dir, { recursive: true });
  return {
    dir,
    edit(file, change) {
      const path = join(dir, file);
      writeFileSync(path, change(readFileSync(path, 'utf8')));
    },
    write(file, source) {
      writeFileSync(join(dir, file), source);
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What people paste into forms, on purpose or by accident. */
export const HOSTILE_VALUES = [
  '{{constructor.name}}',
  '{{#each this}}{{/each}}',
  '}} {{',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><script>alert(document.cookie)</script>",
  '[klik hier](javascript:alert(1))',
  '![tracker](https://evil.example/pixel.png)',
  '# Kop',
  '- lijst',
  '1. lijst',
  '<https://evil.example>',
  '&amp; &lt; &#x3C;',
  'Bergen & Zoon <info@bergen.example>',
  'abc\u202Edef',
  'رجيسترا BRP',
  '`code` *nadruk* _nadruk_ ~~weg~~',
  '| a | b |',
  'a\\b',
] as const;
