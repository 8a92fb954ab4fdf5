import Handlebars from 'handlebars';
import type { Language } from '../domain/index.ts';
import { PARTIAL_KIND_OF, type PartialKind } from './channel-files.ts';
import { HELPER_NAMES, HELPERS } from './helpers.ts';
import { partialsFor, type PartialSources } from './load-partials.ts';
import type { Channel, ChannelTemplates, TemplateFunction } from './render-message.ts';

export interface Environment {
  compile(source: string): TemplateFunction;
}

/** Gives the environment of one channel kind and language, created once with that kind's partials. */
export type EnvironmentFor = (kind: PartialKind, lang: Language) => Environment;

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

/** One environment per channel kind and language; only HTML escapes, the others print as is. */
export function createEnvironments(partials: PartialSources): EnvironmentFor {
  const environments = new Map<string, Environment>();
  return (kind, lang) => {
    const key = `${kind}.${lang}`;
    let env = environments.get(key);
    if (!env) {
      const sources = new Map([...partialsFor(partials, kind, lang)].map(([name, partial]) => [name, partial.source]));
      env = createEnvironment(kind !== 'html', sources);
      environments.set(key, env);
    }
    return env;
  };
}

/**
 * Compiles one language of a checked template. `usedByChannel` holds the root names each channel
 * refers to (key "<lang>.<html|text|markdown>", the subject counted with text), so rendering can
 * skip the values a channel never shows.
 */
export function compileChannels(sources: Record<Channel, string>, lang: Language, usedByChannel: ReadonlyMap<string, ReadonlySet<string>>, environment: EnvironmentFor): ChannelTemplates {
  const uses = {
    html: usedByChannel.get(`${lang}.html`) ?? new Set<string>(),
    text: usedByChannel.get(`${lang}.text`) ?? new Set<string>(),
    markdown: usedByChannel.get(`${lang}.markdown`) ?? new Set<string>(),
  };
  const compile = (channel: Channel) => environment(PARTIAL_KIND_OF[channel], lang).compile(sources[channel]);
  return { subject: compile('subject'), html: compile('html'), text: compile('text'), markdown: compile('markdown'), uses };
}
