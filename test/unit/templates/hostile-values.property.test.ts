import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/markdown/render-markdown.ts';
import { EXAMPLE_SITE, loadTemplates } from '../../../src/templates/index.ts';
import { isolateBidi, normaliseMultiline, normaliseOneLine } from '../../../src/templates/text-safety.ts';
import { HOSTILE_VALUES, TEMPLATES_DIR } from './fixtures.ts';

/**
 * Property: whatever a person pastes into a field, every channel shows exactly that text and
 * nothing it could smuggle in — no tag, attribute, link, image or heading, no broken header.
 */
const catalog = loadTemplates(TEMPLATES_DIR);

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_VALUES, '{{', '}}', '\u202E', '\u2066', '\r\n', '\u0000', '\u0085', '<', '>', '"', "'", '`', '=', '&', '\\', '*', '_', '[', ']', '(', ')', '#', '!', '-', '1.') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);
const hostile = (maxLength: number) =>
  fc
    .tuple(fc.array(fragment, { minLength: 1, maxLength: 8 }), fc.constantFrom(1, 1, 1, 400))
    .map(([parts, repeat]) => parts.join(' ').repeat(repeat).slice(0, maxLength))
    .filter((value) => normaliseOneLine(value).replace(/[\p{Cf}\s]/gu, '').length > 0);

const ALLOWED_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'table', 'tr', 'td', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'br', 'code', 'pre', 'blockquote', 'hr', 's']);

function decodeHtml(text: string): string {
  return text.replace(/&(lt|gt|quot|amp|#39|#x27|#x3D|#x60);/g, (_entity, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'", '#x27': "'", '#x3D': '=', '#x60': '`' })[name]!);
}
function visibleText(html: string): string {
  return decodeHtml(html.replace(/<[^>]*>/g, ''));
}
function tags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((match) => match[1]!.toLowerCase());
}
function tagCounts(html: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const tag of tags(html)) counts[tag] = (counts[tag] ?? 0) + 1;
  return counts;
}

describe('hostile values in every channel (property-based)', () => {
  it('e-mail HTML: escaped text, no injected tags, attributes or links; plain text and subject: literal and header-safe', () => {
    fc.assert(
      fc.property(hostile(10_000), hostile(200), hostile(200), hostile(5_000), (title, product, municipality, symptoms) => {
        const values = {
          ...catalog.exampleValues('storing-gemeld', 'nl'),
          incident_title: title,
          affected_products: [{ id: 'registra-brp', name: product, status: 'major_outage' }],
          affected_municipalities: [{ id: 'GM0344', name: municipality }],
          symptoms,
        };
        const rendered = catalog.render('storing-gemeld', 'nl', values, { site: EXAMPLE_SITE });
        const [cleanTitle, cleanProduct, cleanMunicipality] = [title, product, municipality].map((value) => isolateBidi(normaliseOneLine(value)));

        for (const tag of tags(rendered.html)) expect(ALLOWED_TAGS.has(tag), `unexpected <${tag}>`).toBe(true);
        expect(rendered.html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
        expect(rendered.html).not.toMatch(/<img|<svg|<script|<iframe/i);
        for (const [, href] of rendered.html.matchAll(/href="([^"]*)"/g)) expect(href).not.toMatch(/^\s*(javascript|data|vbscript):/i);
        expect(rendered.html).toContain(Handlebars.escapeExpression(cleanTitle!));
        expect(rendered.html).toContain(Handlebars.escapeExpression(cleanMunicipality!));

        expect(rendered.text).toContain(cleanTitle);
        expect(rendered.text).toContain(cleanProduct);
        expect(rendered.text).toContain(cleanMunicipality);

        expect(rendered.subject).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect([...rendered.subject].length).toBeLessThanOrEqual(200);
        const subjectTitle = normaliseOneLine(title.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')).replace(/\s{2,}/g, ' ');
        if ([...subjectTitle].length < 150) expect(rendered.subject).toBe(`Storing: ${subjectTitle}`.trim());
      }),
      { numRuns: 150 },
    );
  });

  it('plain-text paragraphs (burgerbericht): HTML paragraphs of escaped text only; plain text as typed', () => {
    fc.assert(
      fc.property(hostile(600), (burgerbericht) => {
        const values = { ...catalog.exampleValues('storing-gemeld', 'nl'), burgerbericht };
        const rendered = catalog.render('storing-gemeld', 'nl', values, { site: EXAMPLE_SITE });
        const start = rendered.html.indexOf('<h3', rendered.html.indexOf('Teksten om door te geven'));
        const block = rendered.html.slice(rendered.html.indexOf('<blockquote', start), rendered.html.indexOf('</blockquote>', start));
        for (const tag of tags(block)) expect(['blockquote', 'p', 'br'], `unexpected <${tag}> in the burgerbericht`).toContain(tag);
        expect(block).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
        expect(rendered.text).toContain(normaliseMultiline(burgerbericht).split(/\n[ \t]*\n+/)[0]!.trim().split('\n')[0]!.trim());
      }),
      { numRuns: 150 },
    );
  });

  it('status-page Markdown: values stay text, with the same structure as with harmless values', () => {
    const base = catalog.exampleValues('lokale-storing', 'nl');
    const baseline = tagCounts(renderMarkdown(catalog.render('lokale-storing', 'nl', base, { site: EXAMPLE_SITE }).statusPageMarkdown));
    fc.assert(
      fc.property(hostile(200), hostile(200), hostile(200), (product, first, second) => {
        const values = {
          ...base,
          affected_products: [{ id: 'registra-brp', name: product, status: 'degraded_performance' }],
          affected_municipalities: [
            { id: 'GM0344', name: first },
            { id: 'GM0363', name: second },
          ],
        };
        const markdown = catalog.render('lokale-storing', 'nl', values, { site: EXAMPLE_SITE }).statusPageMarkdown;
        const html = renderMarkdown(markdown);
        expect(tagCounts(html)).toEqual(baseline);
        const text = visibleText(html);
        for (const value of [product, first, second]) expect(text).toContain(isolateBidi(normaliseOneLine(value)));
      }),
      { numRuns: 200 },
    );
  });
});
