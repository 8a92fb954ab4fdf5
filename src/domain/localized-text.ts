import { z } from 'zod';
import { DEFAULT_LANGUAGE, type Language } from './vocabulary.ts';

/**
 * Text shown to readers. Either one string (written in Dutch, the page's primary language) or a
 * Dutch text with an optional English translation. Readers of the English page see the Dutch text,
 * marked `lang="nl"`, when no translation exists.
 */
export const LocalizedTextSchema = z.union(
  [
    z.string().trim().min(1),
    // Strict, so a misspelt language key ("eng:") is reported instead of silently dropped.
    z.strictObject({
      nl: z.string().trim().min(1),
      en: z.string().trim().min(1).optional(),
    }),
  ],
  // A problem code (src/domain/problems.ts): a Dutch text, or { nl, en } with the translation.
  { error: 'localized_text_expected' },
);
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** A text in the language it is actually written in, so pages can set `lang` correctly. */
export interface TextInLanguage {
  text: string;
  lang: Language;
}

export function localize(value: LocalizedText, lang: Language): TextInLanguage {
  if (typeof value === 'string') return { text: value, lang: DEFAULT_LANGUAGE };
  if (lang === 'en' && value.en) return { text: value.en, lang: 'en' };
  return { text: value.nl, lang: 'nl' };
}
