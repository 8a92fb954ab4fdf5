import { createHash } from 'node:crypto';
import type { Language } from '../domain/index.ts';
import { CHANNELS } from './channel-files.ts';
import { layoutFile, type LayoutSources } from './load-layout.ts';
import type { PartialSources } from './load-partials.ts';
import type { Channel } from './render-message.ts';

/** Bumped when the engine's own output changes (helpers, escaping), so template versions change too. */
export const ENGINE_VERSION = 'helder-templates-1';

/**
 * The content hash of every file that shapes a template's output: its manifest and sources, the
 * layout, the stylesheet and the partials it includes. Messages record it, so an approval is tied
 * to the exact text. The order and labels are part of the hash: changing them changes every version.
 */
export function templateVersion(input: {
  manifestSource: string;
  languages: readonly Language[];
  sources: Record<Language, Record<Channel, string>>;
  layout: LayoutSources;
  partials: PartialSources;
  /** partialKey()s of the partials the template includes. */
  partialsUsed: ReadonlySet<string>;
}): string {
  const hash = createHash('sha256').update(ENGINE_VERSION).update('\0').update(input.manifestSource);
  const hashed = (label: string, text: string) => hash.update(`\0${label}\0`).update(text);
  for (const lang of input.languages) {
    for (const channel of CHANNELS) hashed(`${lang}.${channel}`, input.sources[lang][channel]);
    hashed(`layout.${lang}.html`, layoutFile(input.layout, lang, 'html')?.source ?? '');
    hashed(`layout.${lang}.txt`, layoutFile(input.layout, lang, 'txt')?.source ?? '');
  }
  hashed('css', input.layout.css);
  for (const key of [...input.partialsUsed].sort()) hashed(`partial.${key}`, input.partials.get(key)?.source ?? '');
  return hash.digest('hex').slice(0, 32);
}
