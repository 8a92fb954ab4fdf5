/** Characters XML 1.0 forbids even when escaped (control characters other than tab, LF, CR). */
const INVALID_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for XML element content and attribute values (double or single quoted). */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARACTERS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name attr="…">text</name>`, with everything escaped. */
export function element(name: string, text: string, attributes: Record<string, string> = {}): string {
  return `<${name}${attributeText(attributes)}>${escapeXml(text)}</${name}>`;
}

/** `<name attr="…"/>`. */
export function emptyElement(name: string, attributes: Record<string, string>): string {
  return `<${name}${attributeText(attributes)}/>`;
}

function attributeText(attributes: Record<string, string>): string {
  return Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
}
