import { z } from 'zod';
import { stripBidiControls } from './bidi.ts';
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

/** Limits that keep one pasted text from being written into every public page and mail. */
export const TITLE_MAX_LENGTH = 200;
export const UPDATE_TEXT_MAX_LENGTH = 10_000;
export const NAME_MAX_LENGTH = 200;

/**
 * LocalizedTextSchema with a maximum length for each language (a `too_long` problem names it).
 * `singleLineName`: the text can reach a mail header or a page title, so bidi controls go.
 */
export function localizedTextOfAtMost(maximum: number, options: { singleLineName?: boolean } = {}) {
  const text = () => (options.singleLineName ? z.string().overwrite(stripBidiControls) : z.string()).trim().min(1).max(maximum);
  return z.union(
    [
      text(),
      z.strictObject({
        nl: text(),
        en: text().optional(),
      }),
    ],
    { error: 'localized_text_expected' },
  );
}

/** An incident's or maintenance's title: it goes into page titles, feeds and mail subjects. */
export const TitleTextSchema = localizedTextOfAtMost(TITLE_MAX_LENGTH, { singleLineName: true });
/** The text of one update (and descriptions and workarounds): at most 10,000 characters. */
export const UpdateTextSchema = localizedTextOfAtMost(UPDATE_TEXT_MAX_LENGTH);

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
