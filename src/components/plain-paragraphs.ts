/**
 * Plain text (never Markdown) as paragraphs of lines: blank lines separate paragraphs, single line
 * breaks stay line breaks. The burgerbericht is shown this way so what a reader copies is exactly
 * what the municipality received.
 */
export function plainParagraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => paragraph.split('\n').map((line) => line.trim()));
}
