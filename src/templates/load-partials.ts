import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../domain/index.ts';
import type { PartialKind } from './channel-files.ts';
import { problem, type TemplateProblem } from './template-error.ts';
import type { TemplateFileReader } from './template-file-reader.ts';

const PARTIAL_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.(nl|en)\.(email\.html|email\.txt|status-page\.md)\.hbs$/;
const PARTIAL_KIND_BY_SUFFIX: Record<string, PartialKind> = { 'email.html': 'html', 'email.txt': 'text', 'status-page.md': 'markdown' };

export interface SharedPartial {
  file: string;
  source: string;
  ast: hbs.AST.Program;
}

/** The shared partials by partialKey(kind, lang, name). */
export type PartialSources = ReadonlyMap<string, SharedPartial>;

/** "html.nl.affected-products": partial names have no dots, so the key is unambiguous. */
export function partialKey(kind: PartialKind, lang: Language, name: string): string {
  return `${kind}.${lang}.${name}`;
}

/**
 * Reads and parses templates/_partials: <name>.<nl|en>.<email.html|email.txt|status-page.md>.hbs.
 * A file that does not follow that scheme is a problem rather than silently ignored.
 */
export function loadPartials(dir: string, reader: TemplateFileReader, problems: TemplateProblem[]): PartialSources {
  const partials = new Map<string, SharedPartial>();
  const partialsDir = join(dir, '_partials');
  for (const name of existsSync(partialsDir) ? readdirSync(partialsDir).sort() : []) {
    if (name.startsWith('.') || name === 'README.md') continue;
    const match = PARTIAL_FILE.exec(name);
    const file = join(partialsDir, name);
    if (!match) {
      problems.push(
        problem({
          code: 'forbidden_construct',
          template: '_partials',
          file: reader.display(file),
          message: 'this file name does not follow the partial naming scheme',
          fix: 'name partials <name>.<nl|en>.<email.html|email.txt|status-page.md>.hbs, e.g. "affected-products.nl.email.html.hbs"',
        }),
      );
      continue;
    }
    const source = reader.read(file, '_partials');
    const ast = source === null ? null : reader.parse(source, file, '_partials');
    if (source !== null && ast) partials.set(partialKey(PARTIAL_KIND_BY_SUFFIX[match[3]!]!, match[2] as Language, match[1]!), { file, source, ast });
  }
  return partials;
}

/** The partials one channel kind and language can include, by name. */
export function partialsFor(partials: PartialSources, kind: PartialKind, lang: Language): Map<string, SharedPartial> {
  const result = new Map<string, SharedPartial>();
  for (const [key, value] of partials) {
    const [partialKind, partialLang, name] = key.split('.') as [string, string, string];
    if (partialKind === kind && partialLang === lang) result.set(name, value);
  }
  return result;
}
