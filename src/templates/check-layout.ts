import { checkTemplate, type ParsedFile } from './check-template.ts';
import { problem, type TemplateProblem } from './template-error.ts';
import { siteFields, type Shape } from './template-shape.ts';

/** What the layout sees besides the site's values; drill_notice only in HTML (the text layout gets it prepended). */
const LAYOUT_FIELDS = {
  body: { kind: 'markdown' },
  lang: { kind: 'text' },
  subject: { kind: 'text' },
  drill_notice: { kind: 'text' },
  unsubscribe_url: { kind: 'url' },
} as const satisfies Record<string, Shape>;

/** Names the layout sees besides the site's; templates may not declare them. */
export const LAYOUT_NAMES = Object.keys(LAYOUT_FIELDS) as Array<keyof typeof LAYOUT_FIELDS>;

export type LayoutKind = 'html' | 'txt';

/** The layout must carry the body, the language, the drill banner and the unsubscribe link. */
export function checkLayout(entry: ParsedFile, source: string, kind: LayoutKind, problems: TemplateProblem[]): void {
  const { drill_notice, ...everywhere } = LAYOUT_FIELDS;
  const fields: Record<string, Shape> = { ...siteFields(), ...everywhere, ...(kind === 'html' ? { drill_notice } : {}) };
  const result = checkTemplate(entry, { template: '_layout', manifestFile: '', root: { kind: 'object', fields, of: 'layout' }, partials: new Map() });
  problems.push(...result.problems);
  const required = kind === 'html' ? ['body', 'unsubscribe_url', 'drill_notice'] : ['body', 'unsubscribe_url'];
  for (const name of required) {
    if (!result.used.has(name)) {
      problems.push(
        problem({ code: 'layout_incomplete', template: '_layout', file: entry.file, variable: name, message: `the layout does not use {{${name}}}`, fix: `put {{${name}}} back into the layout` }),
      );
    }
  }
  if (kind === 'html' && !/<html\s[^>]*lang="\{\{lang\}\}"/.test(source)) {
    problems.push(problem({ code: 'layout_incomplete', template: '_layout', file: entry.file, message: 'the <html> tag does not set lang="{{lang}}"', fix: 'write <html lang="{{lang}}" dir="ltr">' }));
  }
  if (kind === 'html' && !/role="presentation"/.test(source)) {
    problems.push(problem({ code: 'layout_incomplete', template: '_layout', file: entry.file, message: 'layout tables are not marked role="presentation"', fix: 'add role="presentation" to every layout <table>' }));
  }
}
