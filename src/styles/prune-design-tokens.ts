/**
 * The voorbeeld theme defines about 2,800 design tokens (200 KB); a page uses a few hundred.
 * Keeping only the custom properties our stylesheet reaches, directly or through other tokens,
 * is what keeps the home page inside its 20 KB budget.
 */

const DECLARATION = /(--[\w-]+)\s*:\s*([^;{}]*);/g;
const REFERENCE = /var\(\s*(--[\w-]+)/g;

/** Every `--token: value;` declaration in a theme stylesheet, in source order. */
export function parseTokenDeclarations(themeCss: string): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const match of themeCss.matchAll(DECLARATION)) tokens.set(match[1]!, match[2]!.trim());
  return tokens;
}

/** Names of the custom properties a stylesheet reads with `var()`. */
export function referencedProperties(css: string): Set<string> {
  return new Set([...css.matchAll(REFERENCE)].map((match) => match[1]!));
}

/**
 * The theme's declarations that `usedCss` needs, following token-to-token references, as one
 * rule for `selector`. Tokens the theme does not define are left to the components' fallbacks.
 */
export function pruneDesignTokens(themeCss: string, usedCss: string, selector: string): string {
  const tokens = parseTokenDeclarations(themeCss);
  const needed = new Set<string>();
  const queue = [...referencedProperties(usedCss)];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (needed.has(name) || !tokens.has(name)) continue;
    needed.add(name);
    queue.push(...referencedProperties(tokens.get(name)!));
  }
  const declarations = [...tokens].filter(([name]) => needed.has(name)).map(([name, value]) => `${name}:${value}`);
  return `${selector}{${declarations.join(';')}}`;
}
