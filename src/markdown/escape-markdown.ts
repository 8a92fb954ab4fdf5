/**
 * Makes a plain value (a title, a product or municipality name) safe to put inside Markdown that
 * we write ourselves: after escaping it renders as exactly its own characters and cannot open a
 * link, image, heading, list, emphasis, code span, table cell or raw HTML. Line breaks become
 * spaces, because a value that starts a new line could start a new block.
 */
export function escapeMarkdown(value: string): string {
  // Leading spaces are dropped: four of them at the start of a paragraph would open a code block.
  const oneLine = value.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/^[ \t]+/, '');
  // Inline syntax can start anywhere: escape every character that opens or closes it.
  const inline = oneLine.replace(/[\\`*_{}[\]()<>#!|~&]/g, '\\$&');
  // Block syntax only where the value could begin a line: list markers, "1." and setext underlines.
  return inline.replace(/^(?:([-+=])|(\d+)([.)]))/, (_match, marker?: string, digits?: string, delimiter?: string) =>
    marker ? `\\${marker}` : `${digits}\\${delimiter}`,
  );
}

/**
 * A validated http(s)/mailto URL for use as a Markdown link destination or autolink. Backslash
 * escapes do not work inside autolinks, so the few characters that could end the destination are
 * percent-encoded instead; the address stays the same for every browser.
 */
export function markdownUrl(url: string): string {
  return url.replace(/[\s<>()\\]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
