/**
 * Channel-independent clean-up of values and output: what may never reach a reader whatever the
 * channel (control characters, unbalanced bidirectional overrides, header-breaking line ends).
 */

/** C0 and C1 control characters (and DEL); tab, line feed and carriage return are handled apart. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Characters that switch text direction; a value holding one could visually reorder what follows it. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

export const SUBJECT_MAX_LENGTH = 200;

/**
 * One line of text as typed or pasted by a person: line breaks and tabs become one space, control
 * characters disappear, and the ends are trimmed.
 */
export function normaliseOneLine(value: string): string {
  return value
    .replace(/[\t\r\n\u2028\u2029]+/g, ' ')
    .replace(CONTROL_CHARACTERS, '')
    .trim();
}

/** A multi-line Markdown text: Unix line ends, no control characters, no trailing blank lines. */
export function normaliseMultiline(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(CONTROL_CHARACTERS, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * Wraps a value that contains direction controls in an isolate (FSI … PDI), so a pasted
 * right-to-left override stays inside the value and cannot reorder the sentence around it.
 * The value's own characters are kept: it renders literally.
 */
export function isolateBidi(value: string): string {
  return BIDI_CONTROLS.test(value) ? `${FIRST_STRONG_ISOLATE}${value}${POP_DIRECTIONAL_ISOLATE}` : value;
}

const BIDI_CONTROLS_ALL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * An e-mail subject that cannot break the header or spoof the inbox list: no CR/LF, control or
 * direction-control characters, spaces collapsed, at most SUBJECT_MAX_LENGTH characters (cut at
 * a word where possible, with "…").
 */
export function sanitiseSubject(subject: string, prefix = ''): string {
  const clean = normaliseOneLine(subject.replace(BIDI_CONTROLS_ALL, '')).replace(/\s{2,}/g, ' ');
  const room = SUBJECT_MAX_LENGTH - prefix.length;
  if ([...clean].length <= room) return `${prefix}${clean}`;
  // Cut by code points so a surrogate pair (emoji) is never split in half.
  const cut = [...clean].slice(0, room - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  const body = atWord.length >= room * 0.6 ? atWord : cut;
  return `${prefix}${body.trimEnd()}…`;
}

/** The five characters that matter in HTML text and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]!);
}
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Tidy plain output: Unix line ends, no trailing spaces, at most one blank line in a row. */
export function tidyPlainText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .trimEnd()
    .concat('\n');
}
