import { join } from 'node:path';
import type { z } from 'zod';
import { fieldPath } from '../domain/index.ts';
import type { Language, Site } from '../domain/index.ts';
import type { LayoutFor } from './branded-layouts.ts';
import { applyTagStyles } from './email-styles.ts';
import type { LoadedTemplate } from './load-template-folder.ts';
import type { TemplateKind, VariableDefinition } from './manifest.ts';
import { renderChannels, type RenderedMessage, type RenderOptions } from './render-message.ts';
import { checkedSite, checkedUnsubscribeUrl } from './render-options.ts';
import { problem, TemplateError } from './template-error.ts';
import { buildValuesSchema, type TemplateValues, type ValuesSchemaOptions } from './values-schema.ts';

export interface VariableSummary extends VariableDefinition {}

export interface TemplateSummary {
  id: string;
  name: Record<Language, string>;
  description: Record<Language, string>;
  kind: TemplateKind;
  languages: Language[];
  version: string;
  variables: VariableSummary[];
}

export interface TemplateCatalog {
  /** Every template, sorted by id, with what the admin needs to build a form. */
  list(): TemplateSummary[];
  get(templateId: string): TemplateSummary;
  /** The zod schema of one template's values; the admin form uses it for per-field errors. */
  valuesSchema(templateId: string, options?: ValuesSchemaOptions): z.ZodType<TemplateValues>;
  /** The manifest's example values for a language, e.g. to preview a template. */
  exampleValues(templateId: string, lang: Language): Record<string, unknown>;
  /** Validates the values and renders every channel; throws TemplateError and renders nothing when anything is wrong. */
  render(templateId: string, lang: Language, values: unknown, options: RenderOptions): RenderedMessage;
}

/** The catalog over templates that loaded and checked without problems. */
export function createTemplateCatalog(input: {
  dir: string;
  templates: ReadonlyMap<string, LoadedTemplate>;
  layoutFor: LayoutFor;
  display: (file: string) => string;
}): TemplateCatalog {
  const { dir, templates, layoutFor, display } = input;
  const validSites = new WeakSet<Site>();
  // A demo's own address as the one http origin allowed in links: one schema per template and origin.
  const localSchemas = new Map<string, z.ZodType<TemplateValues>>();
  const schemaOf = (template: LoadedTemplate, options: ValuesSchemaOptions = {}): z.ZodType<TemplateValues> => {
    if (!options.localOrigin) return template.valuesSchema;
    const key = `${template.summary.id} ${options.localOrigin}`;
    let schema = localSchemas.get(key);
    if (!schema) localSchemas.set(key, (schema = buildValuesSchema(template.summary.variables, options)));
    return schema;
  };
  const templateOrThrow = (templateId: string): LoadedTemplate => {
    const template = templates.get(templateId);
    if (template) return template;
    throw new TemplateError([
      problem({
        code: 'unknown_template',
        template: String(templateId),
        file: display(join(dir, String(templateId))),
        message: `there is no template "${String(templateId)}"`,
        fix: `use one of: ${[...templates.keys()].join(', ')}`,
      }),
    ]);
  };

  return {
    list: () => [...templates.values()].map((template) => template.summary),
    get: (templateId) => templateOrThrow(templateId).summary,
    valuesSchema: (templateId, options) => schemaOf(templateOrThrow(templateId), options),
    exampleValues: (templateId, lang) => {
      const template = templateOrThrow(templateId);
      return Object.fromEntries(template.summary.variables.map((variable) => [variable.name, structuredClone(variable.examples[lang])]));
    },
    render(templateId, lang, values, options) {
      const template = templateOrThrow(templateId);
      if (!template.summary.languages.includes(lang)) throw unknownLanguage(template, lang);
      const site = checkedSite(options?.site, templateId, validSites);
      const unsubscribeUrl = checkedUnsubscribeUrl(options?.unsubscribeUrl, templateId);
      const checkedValues = validValues(template, schemaOf(template, { localOrigin: options?.localOrigin }), values);
      try {
        return renderChannels({
          templateId,
          templateVersion: template.summary.version,
          variables: template.summary.variables,
          values: checkedValues,
          lang,
          channels: template.channels[lang],
          layout: layoutFor(site, lang),
          site,
          drill: options?.drill === true,
          unsubscribeUrl,
          applyTagStyles,
        });
      } catch (error) {
        if (error instanceof TemplateError) throw error;
        throw new TemplateError([
          problem({
            code: 'render_failed',
            template: templateId,
            file: `${join(dir, templateId)}/${lang}.*`,
            message: `rendering failed: ${(error as Error).message}`,
            fix: 'run npm run templates:check; guard optional values with {{#if name}}…{{/if}}',
          }),
        ]);
      }
    },
  };
}

function unknownLanguage(template: LoadedTemplate, lang: Language): TemplateError {
  return new TemplateError([
    problem({
      code: 'unknown_language',
      template: template.summary.id,
      file: template.manifestFile,
      message: `the template has no language "${String(lang)}"`,
      fix: `use one of: ${template.summary.languages.join(', ')}, or add "${String(lang)}" to languages in the manifest and write its files`,
    }),
  ]);
}

/** The values as the manifest's schema parses them, or a TemplateError with a problem per issue. */
function validValues(template: LoadedTemplate, schema: z.ZodType<TemplateValues>, values: unknown): TemplateValues {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  throw new TemplateError(
    parsed.error.issues.map((issue) => {
      const variable = typeof issue.path[0] === 'string' ? issue.path[0] : null;
      const declared = template.summary.variables.find((candidate) => candidate.name === variable);
      return problem({
        code: 'invalid_values',
        template: template.summary.id,
        file: template.manifestFile,
        line: variable ? (template.variableLines.get(variable) ?? null) : null,
        variable: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.length > 0 ? fieldPath(issue.path) : null,
        message: issue.message,
        fix: declared ? `fill in ${declared.name} (${declared.type}): ${declared.description.en}` : 'check the variable names against the template',
      });
    }),
  );
}
