/**
 * Whitespace and comment removal for our own stylesheet. Deliberately conservative: spaces
 * around ":" and ">" are kept, because in selectors they can be descendant combinators.
 */
export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}
