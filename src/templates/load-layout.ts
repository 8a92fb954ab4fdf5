import { join } from 'node:path';
import { LANGUAGES, type Language } from '../domain/index.ts';
import { checkLayout, type LayoutKind } from './check-layout.ts';
import type { TemplateProblem } from './template-error.ts';
import type { TemplateFileReader } from './template-file-reader.ts';

export interface LayoutFile {
  file: string;
  source: string;
}

/** The shared e-mail layout (templates/_layout): the stylesheet and one HTML and text layout per language. */
export interface LayoutSources {
  /** email.css, or '' when it could not be read (a problem is recorded). */
  css: string;
  /** The layouts that read and parsed, e.g. layoutFile(layout, 'nl', 'html'). */
  files: ReadonlyMap<`${Language}.${LayoutKind}`, LayoutFile>;
}

/** Reads, parses and checks the layout files; problems are added, the files that loaded are returned. */
export function loadLayout(dir: string, reader: TemplateFileReader, problems: TemplateProblem[]): LayoutSources {
  const layoutDir = join(dir, '_layout');
  const css = reader.read(join(layoutDir, 'email.css'), '_layout') ?? '';
  const files = new Map<`${Language}.${LayoutKind}`, LayoutFile>();
  for (const lang of LANGUAGES) {
    for (const kind of ['html', 'txt'] as const) {
      const file = join(layoutDir, `email.${lang}.${kind}.hbs`);
      const source = reader.read(file, '_layout');
      if (source === null) continue;
      const ast = reader.parse(source, file, '_layout');
      if (!ast) continue;
      files.set(`${lang}.${kind}`, { file, source });
      checkLayout({ file: reader.display(file), ast }, source, kind, problems);
    }
  }
  return { css, files };
}

export function layoutFile(layout: LayoutSources, lang: Language, kind: LayoutKind): LayoutFile | undefined {
  return layout.files.get(`${lang}.${kind}`);
}
