import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { fieldPath } from '../content/content-error.ts';
import { LANGUAGES, SiteSchema, type Language, type Site } from '../domain/index.ts';
import { checkTemplate, type ParsedFile, type Shape } from './check-template.ts';
import { applyTagStyles, brandCss, prepareEmailStyles } from './email-styles.ts';
import { EXAMPLE_SITE } from './example-site.ts';
import { BUILT_IN_BLOCK_HELPERS, HELPER_NAMES, HELPERS } from './helpers.ts';
import {
  DEFAULT_MAX_LENGTH,
  inBothLanguages,
  SITE_VARIABLES,
  SYSTEM_VARIABLES,
  TemplateManifestSchema,
  type TemplateKind,
  type VariableDefinition,
  type VariableType,
  VARIABLE_TYPES,
} from './manifest.ts';
import { renderChannels, type Channel, type ChannelTemplates, type LayoutTemplates, type RenderedMessage, type RenderOptions, type TemplateFunction } from './render-message.ts';
import { problem, TemplateError, type TemplateProblem } from './template-error.ts';
import { UNSUBSCRIBE_PLACEHOLDER } from './unsubscribe-placeholder.ts';
import { buildValuesSchema, type TemplateValues } from './values-schema.ts';

/** Bumped when the engine's own output changes (helpers, escaping), so template versions change too. */
export const ENGINE_VERSION = 'helder-templates-1';

/** The file each channel reads, per language: e.g. "nl.email.html.hbs". */
export const CHANNEL_FILES: Record<Channel, string> = {
  subject: 'subject.hbs',
  html: 'email.html.hbs',
  text: 'email.txt.hbs',
  markdown: 'status-page.md.hbs',
};
const CHANNELS = Object.keys(CHANNEL_FILES) as Channel[];
type PartialKind = 'html' | 'text' | 'markdown';
const PARTIAL_KIND_OF: Record<Channel, PartialKind> = { subject: 'text', html: 'html', text: 'text', markdown: 'markdown' };
const PARTIAL_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.(nl|en)\.(email\.html|email\.txt|status-page\.md)\.hbs$/;
const PARTIAL_KIND_BY_SUFFIX: Record<string, PartialKind> = { 'email.html': 'html', 'email.txt': 'text', 'status-page.md': 'markdown' };

/** Names the layout sees besides the site's. */
const LAYOUT_NAMES = ['body', 'lang', 'subject', 'drill_notice', 'unsubscribe_url'] as const;

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
  valuesSchema(templateId: string): z.ZodType<TemplateValues>;
  /** The manifest's example values for a language, e.g. to preview a template. */
  exampleValues(templateId: string, lang: Language): Record<string, unknown>;
  /** Validates the values and renders every channel; throws TemplateError and renders nothing when anything is wrong. */
  render(templateId: string, lang: Language, values: unknown, options: RenderOptions): RenderedMessage;
}

interface LoadedTemplate {
  summary: TemplateSummary;
  manifestFile: string;
  variableLines: Map<string, number>;
  valuesSchema: z.ZodType<TemplateValues>;
  sources: Record<Language, Record<Channel, string>>;
  channels: Record<Language, ChannelTemplates>;
}

interface Environment {
  compile(source: string): TemplateFunction;
}

const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { ...Object.fromEntries(HELPER_NAMES.map((name) => [name, true])), lookup: false, log: false },
  preventIndent: true,
} as const;

/** A private Handlebars instance: our helpers only, no `lookup`/`log`, strict, string sources only. */
function createEnvironment(noEscape: boolean, partials: ReadonlyMap<string, string>): Environment {
  const env = Handlebars.create();
  env.unregisterHelper('lookup');
  env.unregisterHelper('log');
  for (const [name, helper] of Object.entries(HELPERS)) env.registerHelper(name, helper as Handlebars.HelperDelegate);
  const compile = (source: string): TemplateFunction => {
    if (typeof source !== 'string') throw new TypeError('only template text (a string) may be compiled');
    return env.compile(source, { ...COMPILE_OPTIONS, noEscape }) as TemplateFunction;
  };
  for (const [name, source] of partials) env.registerPartial(name, compile(source) as Handlebars.Template);
  return { compile };
}

/**
 * Loads, checks and compiles every template under `dir` once. Collects every problem across all
 * files before failing, so one run of `npm run templates:check` shows the whole list.
 */
export function loadTemplates(dir = 'templates'): TemplateCatalog {
  const problems: TemplateProblem[] = [];
  const display = (file: string) => relative(process.cwd(), file) || file;
  const read = (file: string, template: string): string | null => {
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
  };
  const parse = (source: string, file: string, template: string): hbs.AST.Program | null => {
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
  };

  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TemplateError([
      problem({ code: 'missing_file', template: '(all)', file: display(dir), message: 'the templates folder does not exist', fix: 'run from the project folder, or pass the folder to loadTemplates(dir)' }),
    ]);
  }

  // Shared layout and stylesheet.
  const layoutDir = join(dir, '_layout');
  const css = read(join(layoutDir, 'email.css'), '_layout') ?? '';
  const layoutSources = new Map<string, { file: string; source: string }>();
  for (const lang of LANGUAGES) {
    for (const kind of ['html', 'txt'] as const) {
      const file = join(layoutDir, `email.${lang}.${kind}.hbs`);
      const source = read(file, '_layout');
      if (source === null) continue;
      const ast = parse(source, file, '_layout');
      if (!ast) continue;
      layoutSources.set(`${lang}.${kind}`, { file, source });
      checkLayout({ file: display(file), ast }, source, kind, problems);
    }
  }

  // Shared partials, per kind and language.
  const partialSources = new Map<string, { file: string; source: string; ast: hbs.AST.Program }>();
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
          file: display(file),
          message: 'this file name does not follow the partial naming scheme',
          fix: 'name partials <name>.<nl|en>.<email.html|email.txt|status-page.md>.hbs, e.g. "affected-products.nl.email.html.hbs"',
        }),
      );
      continue;
    }
    const source = read(file, '_partials');
    const ast = source === null ? null : parse(source, file, '_partials');
    if (source !== null && ast) partialSources.set(`${match[3] && PARTIAL_KIND_BY_SUFFIX[match[3]]}.${match[2]}.${match[1]}`, { file, source, ast });
  }
  const partialsFor = (kind: PartialKind, lang: Language) => {
    const result = new Map<string, { file: string; source: string; ast: hbs.AST.Program }>();
    for (const [key, value] of partialSources) {
      const [partialKind, partialLang, name] = key.split('.') as [string, string, string];
      if (partialKind === kind && partialLang === lang) result.set(name, value);
    }
    return result;
  };

  // Environments: one per channel kind and language, with that kind's partials.
  const environments = new Map<string, Environment>();
  const environment = (kind: PartialKind, lang: Language): Environment => {
    const key = `${kind}.${lang}`;
    let env = environments.get(key);
    if (!env) {
      const partials = new Map([...partialsFor(kind, lang)].map(([name, partial]) => [name, partial.source]));
      env = createEnvironment(kind !== 'html', partials);
      environments.set(key, env);
    }
    return env;
  };

  const templates = new Map<string, LoadedTemplate>();
  const templateIds = readdirSync(dir)
    .filter((name) => !name.startsWith('_') && !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
    .sort();
  for (const id of templateIds) {
    const loaded = loadOne(id);
    if (loaded) templates.set(id, loaded);
  }

  function loadOne(id: string): LoadedTemplate | null {
    const folder = join(dir, id);
    const manifestFile = join(folder, 'manifest.yaml');
    const manifestSource = read(manifestFile, id);
    if (manifestSource === null) return null;
    const before = problems.length;
    const parsed = parseManifest(manifestSource, display(manifestFile), id, problems);
    if (!parsed) return null;
    const { manifest, variableLines } = parsed;
    if (manifest.id !== id) {
      problems.push(
        problem({ code: 'manifest_invalid', template: id, file: display(manifestFile), line: variableLines.get('$id') ?? null, message: `the id "${manifest.id}" differs from the folder name "${id}"`, fix: `set id: ${id}, or rename the folder` }),
      );
    }
    const variables = resolveVariables(manifest.variables, id, display(manifestFile), variableLines, problems);
    const languages = [...new Set(manifest.languages)];
    const expectedFiles = new Set(['manifest.yaml', 'README.md', ...languages.flatMap((lang) => CHANNELS.map((channel) => `${lang}.${CHANNEL_FILES[channel]}`))]);
    for (const name of readdirSync(folder).sort()) {
      if (!name.startsWith('.') && !expectedFiles.has(name)) {
        problems.push(
          problem({
            code: 'forbidden_construct',
            template: id,
            file: display(join(folder, name)),
            message: 'this file is not used by the engine',
            fix: `template files are named <language>.<${Object.values(CHANNEL_FILES).join('|')}> for the languages in manifest.yaml (${languages.join(', ')}); rename or remove it`,
          }),
        );
      }
    }
    const root = rootShape(variables);
    const sources = {} as Record<Language, Record<Channel, string>>;
    const used = new Map<Language, Set<string>>();
    const usedByChannel = new Map<string, Set<string>>();
    const partialsUsed = new Set<string>();
    for (const lang of languages) {
      used.set(lang, new Set());
      sources[lang] = {} as Record<Channel, string>;
      for (const channel of CHANNELS) {
        const file = join(folder, `${lang}.${CHANNEL_FILES[channel]}`);
        const source = read(file, id);
        if (source === null) continue;
        sources[lang][channel] = source;
        const ast = parse(source, file, id);
        if (!ast) continue;
        const partials = new Map([...partialsFor(PARTIAL_KIND_OF[channel], lang)].map(([name, partial]) => [name, { file: display(partial.file), ast: partial.ast } satisfies ParsedFile]));
        const result = checkTemplate({ file: display(file), ast }, { template: id, manifestFile: display(manifestFile), root, partials });
        problems.push(...result.problems);
        for (const name of result.used) used.get(lang)!.add(name);
        const channelKey = `${lang}.${channel === 'subject' ? 'text' : channel}`;
        usedByChannel.set(channelKey, new Set([...(usedByChannel.get(channelKey) ?? []), ...result.used]));
        for (const name of result.partialsUsed) partialsUsed.add(`${PARTIAL_KIND_OF[channel]}.${lang}.${name}`);
      }
      for (const variable of variables) {
        if (variable.required && !used.get(lang)!.has(variable.name) && !used.get(lang)!.has(`${variable.name}_label`)) {
          problems.push(
            problem({
              code: 'unused_required_variable',
              template: id,
              file: display(manifestFile),
              line: variableLines.get(variable.name) ?? null,
              variable: variable.name,
              message: `required variable "${variable.name}" is not used in any ${lang} channel`,
              fix: `use {{${variable.name}}} in at least one of the ${lang}.* files, or make it optional (required: false)`,
            }),
          );
        }
      }
    }
    if (problems.length > before) return null;

    const hash = createHash('sha256').update(ENGINE_VERSION).update('\0').update(manifestSource);
    const hashed = (label: string, text: string) => hash.update(`\0${label}\0`).update(text);
    for (const lang of languages) {
      for (const channel of CHANNELS) hashed(`${lang}.${channel}`, sources[lang][channel]);
      hashed(`layout.${lang}.html`, layoutSources.get(`${lang}.html`)?.source ?? '');
      hashed(`layout.${lang}.txt`, layoutSources.get(`${lang}.txt`)?.source ?? '');
    }
    hashed('css', css);
    for (const key of [...partialsUsed].sort()) hashed(`partial.${key}`, partialSources.get(key)?.source ?? '');
    const version = hash.digest('hex').slice(0, 32);

    const channels = {} as Record<Language, ChannelTemplates>;
    for (const lang of languages) {
      const uses = {
        html: usedByChannel.get(`${lang}.html`) ?? new Set<string>(),
        text: usedByChannel.get(`${lang}.text`) ?? new Set<string>(),
        markdown: usedByChannel.get(`${lang}.markdown`) ?? new Set<string>(),
      };
      const compile = (channel: Channel) => environment(PARTIAL_KIND_OF[channel], lang).compile(sources[lang][channel]);
      channels[lang] = { subject: compile('subject'), html: compile('html'), text: compile('text'), markdown: compile('markdown'), uses };
    }
    return {
      summary: {
        id,
        name: inBothLanguages(manifest.name),
        description: inBothLanguages(manifest.description),
        kind: manifest.kind,
        languages,
        version,
        variables,
      },
      manifestFile: display(manifestFile),
      variableLines,
      valuesSchema: buildValuesSchema(variables),
      sources,
      channels,
    };
  }

  if (problems.length > 0) throw new TemplateError(problems);

  // Layouts are inlined once per brand: juice is far too slow to run per message.
  const textLayouts = new Map<Language, TemplateFunction>();
  for (const lang of LANGUAGES) {
    const layout = layoutSources.get(`${lang}.txt`);
    if (layout) textLayouts.set(lang, environment('text', lang).compile(layout.source));
  }
  const brandedLayouts = new Map<string, { html: Map<Language, TemplateFunction>; tagStyles: ReadonlyMap<string, string> }>();
  const layoutsBySite = new WeakMap<Site, Map<Language, LayoutTemplates>>();
  const layoutFor = (site: Site, lang: Language): LayoutTemplates => {
    const known = layoutsBySite.get(site)?.get(lang);
    if (known) return known;
    const siteCss = brandCss(css, site);
    let branded = brandedLayouts.get(siteCss);
    if (!branded) {
      const html = new Map<Language, TemplateFunction>();
      let tagStyles: ReadonlyMap<string, string> = new Map();
      for (const layoutLang of LANGUAGES) {
        const layout = layoutSources.get(`${layoutLang}.html`);
        if (!layout) continue;
        const styles = prepareEmailStyles(layout.source, siteCss);
        html.set(layoutLang, environment('html', layoutLang).compile(styles.layoutSource));
        tagStyles = styles.tagStyles;
      }
      branded = { html, tagStyles };
      if (brandedLayouts.size > 32) brandedLayouts.clear();
      brandedLayouts.set(siteCss, branded);
    }
    const layout = { html: branded.html.get(lang)!, text: textLayouts.get(lang)!, tagStyles: branded.tagStyles };
    // Sites are immutable once loaded; a new site object (e.g. after a config change) is prepared afresh.
    const perLanguage = layoutsBySite.get(site) ?? new Map<Language, LayoutTemplates>();
    perLanguage.set(lang, layout);
    layoutsBySite.set(site, perLanguage);
    return layout;
  };

  const validSites = new WeakSet<Site>();
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

  const catalog: TemplateCatalog = {
    list: () => [...templates.values()].map((template) => template.summary),
    get: (templateId) => templateOrThrow(templateId).summary,
    valuesSchema: (templateId) => templateOrThrow(templateId).valuesSchema,
    exampleValues: (templateId, lang) => {
      const template = templateOrThrow(templateId);
      return Object.fromEntries(template.summary.variables.map((variable) => [variable.name, structuredClone(variable.examples[lang])]));
    },
    render(templateId, lang, values, options) {
      const template = templateOrThrow(templateId);
      if (!template.summary.languages.includes(lang)) {
        throw new TemplateError([
          problem({
            code: 'unknown_language',
            template: templateId,
            file: template.manifestFile,
            message: `the template has no language "${String(lang)}"`,
            fix: `use one of: ${template.summary.languages.join(', ')}, or add "${String(lang)}" to languages in the manifest and write its files`,
          }),
        ]);
      }
      const site = checkedSite(options?.site, templateId, validSites);
      const unsubscribeUrl = checkedUnsubscribeUrl(options?.unsubscribeUrl, templateId);
      const parsed = template.valuesSchema.safeParse(values);
      if (!parsed.success) {
        throw new TemplateError(
          parsed.error.issues.map((issue) => {
            const variable = typeof issue.path[0] === 'string' ? issue.path[0] : null;
            const declared = template.summary.variables.find((candidate) => candidate.name === variable);
            return problem({
              code: 'invalid_values',
              template: templateId,
              file: template.manifestFile,
              line: variable ? (template.variableLines.get(variable) ?? null) : null,
              variable: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.length > 0 ? fieldPath(issue.path) : null,
              message: issue.message,
              fix: declared ? `fill in ${declared.name} (${declared.type}): ${declared.description.en}` : 'check the variable names against the template',
            });
          }),
        );
      }
      try {
        return renderChannels({
          templateId,
          templateVersion: template.summary.version,
          variables: template.summary.variables,
          values: parsed.data,
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

  // Every template must render with its examples, with only the required ones, and as a drill.
  for (const template of templates.values()) {
    for (const lang of template.summary.languages) {
      const full = catalog.exampleValues(template.summary.id, lang);
      const minimal = Object.fromEntries(template.summary.variables.filter((variable) => variable.required).map((variable) => [variable.name, full[variable.name]]));
      for (const [label, values, drill] of [
        ['its example values', full, false],
        ['only the required example values', minimal, false],
        ['its example values as a drill', full, true],
      ] as const) {
        try {
          catalog.render(template.summary.id, lang, values, { site: EXAMPLE_SITE, drill });
        } catch (error) {
          const inner = error instanceof TemplateError ? error.problems : [];
          problems.push(
            ...(inner.length > 0 ? inner : [problem({ code: 'example_failed', template: template.summary.id, message: (error as Error).message, fix: '' })]).map((found) => ({
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
  if (problems.length > 0) throw new TemplateError(problems);
  return catalog;
}

function checkedSite(site: Site | undefined, templateId: string, validSites: WeakSet<Site>): Site {
  if (site && validSites.has(site)) return site;
  const parsed = SiteSchema.safeParse(site);
  if (!parsed.success || !site) {
    throw new TemplateError([
      problem({
        code: 'invalid_options',
        template: templateId,
        variable: 'options.site',
        message: `options.site is not a valid site: ${parsed.success ? 'missing' : parsed.error.issues.map((issue) => `${fieldPath(issue.path)} ${issue.message}`).join('; ')}`,
        fix: 'pass the site loaded from content/site.yaml',
      }),
    ]);
  }
  validSites.add(site);
  return site;
}

function checkedUnsubscribeUrl(url: string | undefined, templateId: string): string {
  if (url === undefined) return UNSUBSCRIBE_PLACEHOLDER;
  if (typeof url === 'string' && /^https:\/\/[^\s"'<>]+$/.test(url) && URL.canParse(url)) return url;
  throw new TemplateError([
    problem({
      code: 'invalid_options',
      template: templateId,
      variable: 'options.unsubscribeUrl',
      message: 'options.unsubscribeUrl must be an https: address without spaces or quotes',
      fix: 'pass the signed one-click unsubscribe URL, or leave it out to get the placeholder',
    }),
  ]);
}

function parseManifest(
  source: string,
  file: string,
  template: string,
  problems: TemplateProblem[],
): { manifest: z.infer<typeof TemplateManifestSchema>; variableLines: Map<string, number> } | null {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      problems.push(
        problem({
          code: 'manifest_invalid',
          template,
          file,
          line: error.linePos?.[0]?.line ?? null,
          message: `the manifest is not valid YAML: ${error.message.split('\n')[0]}`,
          fix: 'check the indentation and quote texts that contain ": " or start with a special character',
        }),
      );
    }
    return null;
  }
  const lineOf = (path: readonly PropertyKey[]): number | null => {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = document.getIn(path.slice(0, length) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };
  const parsed = TemplateManifestSchema.safeParse(document.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const declaration = issue.path[0] === 'variables' && typeof issue.path[1] === 'number' ? (document.toJS()?.variables?.[issue.path[1]]?.name as unknown) : undefined;
      problems.push(
        problem({
          code: 'manifest_invalid',
          template,
          file,
          line: lineOf(issue.path),
          variable: typeof declaration === 'string' ? declaration : null,
          message: `${fieldPath(issue.path) || 'manifest'}: ${issue.code === 'invalid_type' && issue.input === undefined ? `is required (expected ${issue.expected})` : issue.message}`,
          fix: 'see templates/README.md for the manifest fields',
        }),
      );
    }
    return null;
  }
  const variableLines = new Map<string, number>();
  parsed.data.variables.forEach((variable, index) => {
    const line = lineOf(['variables', index]);
    if (line) variableLines.set(variable.name, line);
  });
  const idLine = lineOf(['id']);
  if (idLine) variableLines.set('$id', idLine);
  return { manifest: parsed.data, variableLines };
}

const RESERVED_NAMES = new Set<string>([
  ...Object.keys(SITE_VARIABLES),
  ...LAYOUT_NAMES,
  ...HELPER_NAMES,
  ...BUILT_IN_BLOCK_HELPERS,
  'this',
  'lookup',
  'log',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

function resolveVariables(
  declarations: z.infer<typeof TemplateManifestSchema>['variables'],
  template: string,
  file: string,
  lines: Map<string, number>,
  problems: TemplateProblem[],
): VariableDefinition[] {
  const resolved: VariableDefinition[] = [];
  const seen = new Set<string>();
  for (const declaration of declarations) {
    const where = { template, file, line: lines.get(declaration.name) ?? null, variable: declaration.name };
    const fail = (message: string, fix: string) => problems.push(problem({ code: 'manifest_invalid', ...where, message, fix }));
    if (seen.has(declaration.name)) {
      fail(`"${declaration.name}" is declared twice`, 'remove one of the declarations');
      continue;
    }
    seen.add(declaration.name);
    if (RESERVED_NAMES.has(declaration.name)) {
      fail(`"${declaration.name}" is a reserved name (site value, helper or built-in)`, 'choose another name');
      continue;
    }
    const system = Object.hasOwn(SYSTEM_VARIABLES, declaration.name) ? SYSTEM_VARIABLES[declaration.name] : undefined;
    const type: VariableType | undefined = declaration.type ?? system?.type;
    if (!type) {
      fail('has no type', `add type: one of ${VARIABLE_TYPES.join(', ')}`);
      continue;
    }
    if (system && type !== system.type) {
      fail(`is a system variable of type ${system.type}, but the manifest says ${type}`, `remove the type line, or choose another name for a different value`);
      continue;
    }
    const description = declaration.description ?? system?.description;
    if (!description) {
      fail('has no description', 'add description: what customer care should fill in here, in Dutch (and English)');
      continue;
    }
    const options = declaration.options?.map((option) => ({ value: option.value, label: inBothLanguages(option.label) })) ?? system?.options ?? null;
    if (type === 'choice' && !options) {
      fail('is a choice without options', 'add options: a list of { value, label } items');
      continue;
    }
    if (type !== 'choice' && declaration.options) {
      fail(`has options, but only a choice can have them`, 'remove options, or set type: choice');
      continue;
    }
    if (type === 'choice' && RESERVED_NAMES.has(`${declaration.name}_label`)) {
      fail(`"${declaration.name}_label" would be reserved`, 'choose another name');
      continue;
    }
    const examples = {} as Record<string, unknown>;
    let missingExample = false;
    for (const lang of LANGUAGES) {
      const example = declaration.examples?.[lang] ?? declaration.example ?? system?.examples[lang];
      if (example === undefined) missingExample = true;
      examples[lang] = example;
    }
    if (missingExample && declaration.required) {
      fail('has no example value', 'add example: a realistic value (or examples: { nl: …, en: … } for text written per language)');
      continue;
    }
    resolved.push({
      name: declaration.name,
      type,
      required: declaration.required,
      description: inBothLanguages(description),
      examples: examples as Record<Language, unknown>,
      options,
      // A system variable's limit holds in every template (a burgerbericht is never longer than 600).
      maxLength:
        system?.maxLength !== undefined
          ? Math.min(declaration.max_length ?? system.maxLength, system.maxLength)
          : (declaration.max_length ?? DEFAULT_MAX_LENGTH[type] ?? 0),
      prefill: system?.prefill ?? [],
    });
  }
  for (const variable of resolved) {
    if (variable.type === 'choice' && seen.has(`${variable.name}_label`)) {
      problems.push(problem({ code: 'manifest_invalid', template, file, line: lines.get(`${variable.name}_label`) ?? null, variable: `${variable.name}_label`, message: `clashes with the label of choice "${variable.name}"`, fix: 'choose another name' }));
    }
  }
  return resolved;
}

const PRODUCT_ITEM: Shape = {
  kind: 'object',
  of: 'a product list',
  fields: { id: { kind: 'text' }, name: { kind: 'text' }, status: { kind: 'choice' }, status_label: { kind: 'text' } },
};
const MUNICIPALITY_ITEM: Shape = { kind: 'object', of: 'a municipality list', fields: { id: { kind: 'text' }, name: { kind: 'text' } } };

function shapeOf(variable: VariableDefinition): Shape {
  switch (variable.type) {
    case 'component_list':
      return { kind: 'list', item: PRODUCT_ITEM, of: 'products' };
    case 'municipality_list':
      return { kind: 'list', item: MUNICIPALITY_ITEM, of: 'municipalities' };
    // Paragraphs are block text the engine renders itself, like Markdown: printable on a line of their own.
    case 'paragraphs':
      return { kind: 'markdown' };
    case 'text':
    case 'markdown':
    case 'url':
    case 'datetime':
    case 'duration':
    case 'boolean':
    case 'choice':
      return { kind: variable.type };
  }
}

function siteFields(): Record<string, Shape> {
  return Object.fromEntries(Object.entries(SITE_VARIABLES).map(([name, type]) => [name, { kind: type } as Shape]));
}

function rootShape(variables: readonly VariableDefinition[]): Extract<Shape, { kind: 'object' }> {
  const fields: Record<string, Shape> = siteFields();
  for (const variable of variables) {
    fields[variable.name] = shapeOf(variable);
    if (variable.type === 'choice') fields[`${variable.name}_label`] = { kind: 'text' };
  }
  return { kind: 'object', fields, of: 'template' };
}

/** The layout must carry the body, the language, the drill banner and the unsubscribe link. */
function checkLayout(entry: ParsedFile, source: string, kind: 'html' | 'txt', problems: TemplateProblem[]): void {
  const fields: Record<string, Shape> = {
    ...siteFields(),
    body: { kind: 'markdown' },
    lang: { kind: 'text' },
    subject: { kind: 'text' },
    unsubscribe_url: { kind: 'url' },
  };
  if (kind === 'html') fields.drill_notice = { kind: 'text' };
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
