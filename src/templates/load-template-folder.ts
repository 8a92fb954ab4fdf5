import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Language } from '../domain/index.ts';
import { CHANNEL_FILES, CHANNELS, PARTIAL_KIND_OF } from './channel-files.ts';
import { checkTemplate, type ParsedFile } from './check-template.ts';
import { compileChannels, type EnvironmentFor } from './compile-templates.ts';
import type { LayoutSources } from './load-layout.ts';
import { parseManifest, type TemplateManifest } from './load-manifest.ts';
import { partialKey, partialsFor, type PartialSources } from './load-partials.ts';
import { inBothLanguages, type VariableDefinition } from './manifest.ts';
import type { Channel, ChannelTemplates } from './render-message.ts';
import { resolveVariables } from './resolve-variables.ts';
import type { TemplateSummary } from './template-catalog.ts';
import { problem, type TemplateProblem } from './template-error.ts';
import type { TemplateFileReader } from './template-file-reader.ts';
import { templateScope } from './template-shape.ts';
import { templateVersion } from './template-version.ts';
import { buildValuesSchema, type TemplateValues } from './values-schema.ts';

/** A template that passed every check, compiled and ready to render. */
export interface LoadedTemplate {
  summary: TemplateSummary;
  manifestFile: string;
  variableLines: Map<string, number>;
  valuesSchema: z.ZodType<TemplateValues>;
  channels: Record<Language, ChannelTemplates>;
}

/** What every template folder is loaded against: the shared files, and the one list of problems. */
export interface TemplateLoading {
  dir: string;
  reader: TemplateFileReader;
  problems: TemplateProblem[];
  layout: LayoutSources;
  partials: PartialSources;
  environment: EnvironmentFor;
}

interface DeclaredTemplate {
  manifest: TemplateManifest;
  manifestSource: string;
  manifestFile: string;
  variableLines: Map<string, number>;
  variables: VariableDefinition[];
  languages: Language[];
}

interface CheckedChannels {
  sources: Record<Language, Record<Channel, string>>;
  /** Root names per "<lang>.<html|text|markdown>" (the subject counts as text). */
  usedByChannel: Map<string, Set<string>>;
  /** partialKey()s of every partial included. */
  partialsUsed: Set<string>;
}

/**
 * Loads one template folder: its manifest, then every channel file in every language, checked
 * against the declared variables. Problems go to the shared list; null when this template had any.
 */
export function loadTemplateFolder(id: string, loading: TemplateLoading): LoadedTemplate | null {
  const folder = join(loading.dir, id);
  const manifestFile = join(folder, 'manifest.yaml');
  const manifestSource = loading.reader.read(manifestFile, id);
  if (manifestSource === null) return null;
  const before = loading.problems.length;
  const declared = readDeclarations(id, manifestFile, manifestSource, loading);
  if (!declared) return null;
  reportStrayFiles(folder, id, declared.languages, loading);
  const checked = checkChannels(folder, id, declared, loading);
  if (loading.problems.length > before) return null;

  const { manifest, variables, languages } = declared;
  const version = templateVersion({ manifestSource, languages, sources: checked.sources, layout: loading.layout, partials: loading.partials, partialsUsed: checked.partialsUsed });
  const channels = {} as Record<Language, ChannelTemplates>;
  for (const lang of languages) channels[lang] = compileChannels(checked.sources[lang], lang, checked.usedByChannel, loading.environment);
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
    manifestFile: declared.manifestFile,
    variableLines: declared.variableLines,
    valuesSchema: buildValuesSchema(variables),
    channels,
  };
}

/** The manifest parsed, its id matched against the folder name, its variables resolved. */
function readDeclarations(id: string, manifestFile: string, manifestSource: string, loading: TemplateLoading): DeclaredTemplate | null {
  const shownFile = loading.reader.display(manifestFile);
  const parsed = parseManifest(manifestSource, shownFile, id, loading.problems);
  if (!parsed) return null;
  const { manifest, variableLines } = parsed;
  if (manifest.id !== id) {
    loading.problems.push(
      problem({ code: 'manifest_invalid', template: id, file: shownFile, line: variableLines.get('$id') ?? null, message: `the id "${manifest.id}" differs from the folder name "${id}"`, fix: `set id: ${id}, or rename the folder` }),
    );
  }
  const variables = resolveVariables(manifest.variables, id, shownFile, variableLines, loading.problems);
  return { manifest, manifestSource, manifestFile: shownFile, variableLines, variables, languages: [...new Set(manifest.languages)] };
}

/** A file the engine does not read is a mistake waiting to happen (a typo in a name, a wrong language). */
function reportStrayFiles(folder: string, id: string, languages: readonly Language[], loading: TemplateLoading): void {
  const expectedFiles = new Set(['manifest.yaml', 'README.md', ...languages.flatMap((lang) => CHANNELS.map((channel) => `${lang}.${CHANNEL_FILES[channel]}`))]);
  for (const name of readdirSync(folder).sort()) {
    if (!name.startsWith('.') && !expectedFiles.has(name)) {
      loading.problems.push(
        problem({
          code: 'forbidden_construct',
          template: id,
          file: loading.reader.display(join(folder, name)),
          message: 'this file is not used by the engine',
          fix: `template files are named <language>.<${Object.values(CHANNEL_FILES).join('|')}> for the languages in manifest.yaml (${languages.join(', ')}); rename or remove it`,
        }),
      );
    }
  }
}

/** Reads, parses and checks every channel file, with the partials of its kind and language. */
function checkChannels(folder: string, id: string, declared: DeclaredTemplate, loading: TemplateLoading): CheckedChannels {
  const { reader, problems } = loading;
  const root = templateScope(declared.variables);
  const checked: CheckedChannels = { sources: {} as Record<Language, Record<Channel, string>>, usedByChannel: new Map(), partialsUsed: new Set() };
  for (const lang of declared.languages) {
    const used = new Set<string>();
    checked.sources[lang] = {} as Record<Channel, string>;
    for (const channel of CHANNELS) {
      const file = join(folder, `${lang}.${CHANNEL_FILES[channel]}`);
      const source = reader.read(file, id);
      if (source === null) continue;
      checked.sources[lang][channel] = source;
      const ast = reader.parse(source, file, id);
      if (!ast) continue;
      const kind = PARTIAL_KIND_OF[channel];
      const partials = new Map([...partialsFor(loading.partials, kind, lang)].map(([name, partial]) => [name, { file: reader.display(partial.file), ast: partial.ast } satisfies ParsedFile]));
      const result = checkTemplate({ file: reader.display(file), ast }, { template: id, manifestFile: declared.manifestFile, root, partials });
      problems.push(...result.problems);
      for (const name of result.used) used.add(name);
      const channelKey = `${lang}.${channel === 'subject' ? 'text' : channel}`;
      checked.usedByChannel.set(channelKey, new Set([...(checked.usedByChannel.get(channelKey) ?? []), ...result.used]));
      for (const name of result.partialsUsed) checked.partialsUsed.add(partialKey(kind, lang, name));
    }
    reportUnusedRequired(id, lang, used, declared, problems);
  }
  return checked;
}

/** A required variable that no channel of a language shows would be asked for and then lost. */
function reportUnusedRequired(id: string, lang: Language, used: ReadonlySet<string>, declared: DeclaredTemplate, problems: TemplateProblem[]): void {
  for (const variable of declared.variables) {
    if (variable.required && !used.has(variable.name) && !used.has(`${variable.name}_label`)) {
      problems.push(
        problem({
          code: 'unused_required_variable',
          template: id,
          file: declared.manifestFile,
          line: declared.variableLines.get(variable.name) ?? null,
          variable: variable.name,
          message: `required variable "${variable.name}" is not used in any ${lang} channel`,
          fix: `use {{${variable.name}}} in at least one of the ${lang}.* files, or make it optional (required: false)`,
        }),
      );
    }
  }
}
