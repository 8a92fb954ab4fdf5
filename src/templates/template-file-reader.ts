import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import Handlebars from 'handlebars';
import { problem, type TemplateProblem } from './template-error.ts';

/**
 * Reads and parses template files without stopping at the first problem: each one is added to the
 * shared list and the caller gets null, so a single run reports every broken file.
 */
export interface TemplateFileReader {
  /** The path as shown in problems: relative to the working directory. */
  display(file: string): string;
  /** The file's text without a byte-order mark, or null (problem recorded). */
  read(file: string, template: string): string | null;
  /** The Handlebars syntax tree, or null (problem recorded, with the line where known). */
  parse(source: string, file: string, template: string): hbs.AST.Program | null;
}

export function createTemplateFileReader(problems: TemplateProblem[]): TemplateFileReader {
  const display = (file: string) => relative(process.cwd(), file) || file;
  return {
    display,
    read(file, template) {
      try {
        return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        problems.push(
          problem({
            code: missing ? 'missing_file' : 'unreadable_file',
            template,
            file: display(file),
            message: missing ? 'the file is missing' : `the file cannot be read (${(error as Error).message})`,
            fix: missing ? `create ${display(file)} (copy it from another template and adapt it)` : 'check the file permissions',
          }),
        );
        return null;
      }
    },
    parse(source, file, template) {
      try {
        return Handlebars.parse(source);
      } catch (error) {
        const message = (error as Error).message;
        const line = (error as { lineNumber?: number }).lineNumber ?? Number(/line (\d+)/.exec(message)?.[1] ?? Number.NaN);
        problems.push(
          problem({
            code: 'syntax_error',
            template,
            file: display(file),
            line: Number.isFinite(line) ? line : null,
            message: `the template does not parse: ${message.split('\n').filter(Boolean).join(' ').replace(/\s+/g, ' ')}`,
            fix: 'check that every {{ has a matching }}, and every {{#block}} its {{/block}}',
          }),
        );
        return null;
      }
    },
  };
}
