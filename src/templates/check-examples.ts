import { EXAMPLE_SITE } from './example-site.ts';
import type { TemplateCatalog } from './template-catalog.ts';
import { problem, TemplateError, type TemplateProblem } from './template-error.ts';

/**
 * Every template must render with its examples, with only the required ones, and as a drill: the
 * static check cannot see everything (a helper refusing a value, a length limit), a render can.
 */
export function checkExamples(catalog: TemplateCatalog, problems: TemplateProblem[]): void {
  for (const template of catalog.list()) {
    for (const lang of template.languages) {
      const full = catalog.exampleValues(template.id, lang);
      const minimal = Object.fromEntries(template.variables.filter((variable) => variable.required).map((variable) => [variable.name, full[variable.name]]));
      for (const [label, values, drill] of [
        ['its example values', full, false],
        ['only the required example values', minimal, false],
        ['its example values as a drill', full, true],
      ] as const) {
        try {
          catalog.render(template.id, lang, values, { site: EXAMPLE_SITE, drill });
        } catch (error) {
          const inner = error instanceof TemplateError ? error.problems : [];
          problems.push(
            ...(inner.length > 0 ? inner : [problem({ code: 'example_failed', template: template.id, message: (error as Error).message, fix: '' })]).map((found) => ({
              ...found,
              code: 'example_failed' as const,
              message: `does not render in ${lang} with ${label}: ${found.message}`,
              fix: found.code === 'invalid_values' ? `correct the example of "${found.variable}" in the manifest` : found.fix,
            })),
          );
        }
      }
    }
  }
}
