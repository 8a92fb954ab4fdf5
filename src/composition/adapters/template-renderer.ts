import { invalidInput, problemsFromZod } from '../../domain/index.ts';
import type { Site } from '../../domain/site.ts';
import { TemplateError, type TemplateCatalog } from '../../templates/index.ts';
import type { MessageRenderer } from '../../use-cases/context.ts';

/**
 * The templates catalogue with this installation's site bound in (read when first rendered); no personal links (approval
 * renders the placeholder). Values a template refuses become a refusal naming each variable, in
 * the same coded problems as every other form (the engine's own English is for template authors).
 */
export function createTemplateRenderer(catalog: TemplateCatalog, site: () => Site, options: { localOrigin?: string | undefined } = {}): MessageRenderer {
  const { localOrigin } = options;
  return {
    list: () => catalog.list(),
    exampleValues: (templateId, lang) => catalog.exampleValues(templateId, lang),
    languages: (templateId) => catalog.get(templateId).languages,
    variableNames: (templateId) => catalog.get(templateId).variables.map((variable) => variable.name),
    render: (templateId, lang, values, options) => {
      try {
        const rendered = catalog.render(templateId, lang, values, { site: site(), drill: options.drill, localOrigin });
        return {
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          statusPageMarkdown: rendered.statusPageMarkdown,
          templateId: rendered.templateId,
          templateVersion: rendered.templateVersion,
        };
      } catch (error) {
        if (error instanceof TemplateError && error.problems.every((problem) => problem.code === 'invalid_values')) {
          const parsed = catalog.valuesSchema(templateId, { localOrigin }).safeParse(values, { reportInput: true });
          if (!parsed.success) throw invalidInput(problemsFromZod(parsed.error, ['values', lang]));
        }
        throw error;
      }
    },
  };
}
