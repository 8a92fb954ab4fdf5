/**
 * Unicode bidirectional controls (embeddings, overrides, isolates, marks). In a name that ends up
 * in a mail header or a page title they can make "Gemeente Utrecht <evil@…>" display as something
 * else (U+202E turns text around). No Dutch or English name needs them, so they are removed.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
