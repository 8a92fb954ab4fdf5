import type { Site } from '../../../domain/site.ts';
import type { TemplateCatalog } from '../../../templates/index.ts';
import type { MessageRenderer } from '../ports.ts';

/** The templates catalogue with this installation's site bound in; no personal links (approval renders the placeholder). */
export function createTemplateRenderer(catalog: TemplateCatalog, site: Site): MessageRenderer {
  return {
    languages: (templateId) => catalog.get(templateId).languages,
    variableNames: (templateId) => catalog.get(templateId).variables.map((variable) => variable.name),
    render: (templateId, lang, values, options) => {
      const rendered = catalog.render(templateId, lang, values, { site, drill: options.drill });
      return {
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        statusPageMarkdown: rendered.statusPageMarkdown,
        templateId: rendered.templateId,
        templateVersion: rendered.templateVersion,
      };
    },
  };
}
