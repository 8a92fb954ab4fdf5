import type { Site } from '../domain/index.ts';

/**
 * The vendor's brand colours (content/site.yaml → brand) as CSS custom properties. Colours that
 * would make text unreadable fail the build here, naming the field, instead of shipping a page
 * that breaks WCAG contrast for every visitor.
 */

/** Page backgrounds the brand colours are checked against; helder.css uses the same values. */
export const LIGHT_BACKGROUND = '#ffffff';
export const DARK_BACKGROUND = '#0f1620';
/** Used in dark mode when brand.primary_dark is not set. */
export const DEFAULT_PRIMARY_DARK = '#9cc4f5';
const MINIMUM_TEXT_CONTRAST = 4.5;

export class BrandColourError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrandColourError';
  }
}

export function brandProperties(brand: Site['brand'], file = 'content/site.yaml'): string {
  const primaryDark = brand.primary_dark ?? DEFAULT_PRIMARY_DARK;
  requireContrast(file, 'brand.primary', brand.primary, 'brand.on_primary', brand.on_primary);
  requireContrast(file, 'brand.primary', brand.primary, 'the white page background', LIGHT_BACKGROUND);
  requireContrast(file, 'brand.primary_dark', primaryDark, 'the dark-mode page background', DARK_BACKGROUND);
  const light = `--helder-brand:${brand.primary};--helder-on-brand:${brand.on_primary};--helder-link:${brand.primary}`;
  return `.voorbeeld-theme{${light}}@media (prefers-color-scheme:dark){.voorbeeld-theme{--helder-link:${primaryDark}}}`;
}

/** WCAG 2.x contrast ratio of two "#rrggbb" colours, e.g. 21 for black on white. */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((offset) => parseInt(hex.slice(offset, offset + 2), 16) / 255);
  const [r, g, b] = channels.map((value) => (value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function requireContrast(file: string, field: string, colour: string, against: string, otherColour: string): void {
  const ratio = contrastRatio(colour, otherColour);
  if (ratio < MINIMUM_TEXT_CONTRAST) {
    throw new BrandColourError(
      `${file} → ${field}: "${colour}" has a contrast of ${ratio.toFixed(2)}:1 with ${against} (${otherColour}); ` +
        `text needs at least ${MINIMUM_TEXT_CONTRAST}:1 (WCAG 2.2 AA). Choose a darker or lighter colour.`,
    );
  }
}
