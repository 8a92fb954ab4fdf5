import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/markdown/render-markdown.ts';
import {
  DRILL_SUBJECT_PREFIX,
  EXAMPLE_SITE,
  loadTemplates,
  personalise,
  SUBJECT_MAX_LENGTH,
  TemplateError,
  UNSUBSCRIBE_PLACEHOLDER,
  type TemplateProblem,
} from '../../../src/templates/index.ts';
import { TEMPLATES_DIR } from './fixtures.ts';

const catalog = loadTemplates(TEMPLATES_DIR);
const base = catalog.exampleValues('storing-gemeld', 'nl');
const render = (changes: Record<string, unknown>, options: { drill?: boolean; unsubscribeUrl?: string; localOrigin?: string } = {}) =>
  catalog.render('storing-gemeld', 'nl', { ...base, ...changes }, { site: EXAMPLE_SITE, ...options });

function problemsOf(action: () => unknown): TemplateProblem[] {
  try {
    action();
  } catch (error) {
    if (error instanceof TemplateError) return error.problems;
    throw error;
  }
  throw new Error('expected a TemplateError');
}

describe('values land escaped for the channel they land in', () => {
  const title = 'Storing <img src=x onerror=alert(1)> bij "Bergen & Zoon"';
  const rendered = render({ incident_title: title });

  it('is HTML-escaped in the HTML body and title', () => {
    expect(rendered.html).toContain('Storing &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; bij &quot;Bergen &amp; Zoon&quot;');
    expect(rendered.html).not.toContain('<img');
  });

  it('is literal in the plain text and the subject, without &amp;', () => {
    expect(rendered.text).toContain(title);
    expect(rendered.text).not.toContain('&amp;');
    expect(rendered.subject).toBe(`Storing: ${title}`);
  });

  it('is Markdown-escaped on the status page, so it cannot become a link, image or heading', () => {
    const product = '# Kop [klik](https://evil.example) ![x](https://evil.example/p.png) <b>vet</b>';
    const markdown = render({ affected_products: [{ id: 'registra-brp', name: product, status: 'major_outage' }] }).statusPageMarkdown;
    const html = renderMarkdown(markdown);
    expect(html).not.toMatch(/<a\s|<img|<h1|<b>/);
    expect(html).toContain('# Kop [klik](https://evil.example) ![x](https://evil.example/p.png) &lt;b&gt;vet&lt;/b&gt;: Storing');
  });

  it('renders template syntax inside values literally, never evaluating it', () => {
    const sneaky = '{{constructor.name}} {{vendor_name}} {{#each affected_products}}x{{/each}}';
    const result = render({ incident_title: sneaky });
    expect(result.text).toContain(sneaky);
    expect(result.subject).toContain(sneaky);
    expect(result.html).toContain('{{constructor.name}} {{vendor_name}}');
    expect(result.text).not.toContain('Object');
  });

  it('keeps a right-to-left override inside the value (isolated), so it cannot reorder the sentence', () => {
    const result = render({ incident_title: 'Registra\u202Egnirots' });
    expect(result.text).toContain('\u2068Registra\u202Egnirots\u2069');
    expect(result.html).toContain('\u2068Registra\u202Egnirots\u2069');
    // An inbox list shows subjects without context: direction controls are dropped there.
    expect(result.subject).toBe('Storing: Registragnirots');
  });
});

describe('subject', () => {
  it('has CR/LF and control characters removed, so no header can be injected', () => {
    const subject = render({ incident_title: 'Storing\r\nBcc: aanvaller@example.org\u0007\u0000' }).subject;
    expect(subject).toBe('Storing: Storing Bcc: aanvaller@example.org');
    expect(subject).not.toMatch(/[\r\n\u0000-\u001f\u007f]/);
  });

  it(`is capped at ${SUBJECT_MAX_LENGTH} characters, also for a 10,000-character value`, () => {
    const result = render({ incident_title: 'Registra BRP niet bereikbaar '.repeat(345).slice(0, 10_000) });
    expect([...result.subject].length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
    expect(result.subject.endsWith('…')).toBe(true);
    expect(result.text).toContain('Registra BRP niet bereikbaar '.repeat(300).trim());
  });

  it('keeps the drill prefix when capped', () => {
    const subject = render({ incident_title: 'x'.repeat(5_000) }, { drill: true }).subject;
    expect(subject.startsWith(DRILL_SUBJECT_PREFIX)).toBe(true);
    expect([...subject].length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
  });
});

describe('URL variables', () => {
  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'http://status.voorbeeldsoftware.nl/', 'JaVaScRiPt:alert(1)', 'https://user:secret@evil.example/', 'status.voorbeeldsoftware.nl'])(
    'refuses %s',
    (url) => {
      const problems = problemsOf(() => render({ incident_url: url }));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ code: 'invalid_values', template: 'storing-gemeld', variable: 'incident_url', file: expect.stringContaining('storing-gemeld/manifest.yaml') });
    },
  );

  it('accepts https: and mailto:, normalised', () => {
    expect(render({ incident_url: 'https://status.voorbeeldsoftware.nl/incidenten/x/' }).html).toContain('href="https://status.voorbeeldsoftware.nl/incidenten/x/"');
    const notice = catalog.exampleValues('vrije-mededeling', 'nl');
    const result = catalog.render('vrije-mededeling', 'nl', { ...notice, more_info_url: 'mailto:servicedesk@voorbeeldsoftware.nl' }, { site: EXAMPLE_SITE });
    expect(result.html).toContain('href="mailto:servicedesk@voorbeeldsoftware.nl"');
  });

  it("accepts http only at a demo's own loopback address, when that is the configured one", () => {
    const local = 'http://127.0.0.1:4321';
    const own = { incident_url: `${local}/incidenten/x/` };
    expect(render(own, { localOrigin: local }).html).toContain(`href="${local}/incidenten/x/"`);
    // Without it, and for any other http address (another port, another host), https stays the rule.
    expect(problemsOf(() => render(own))[0]).toMatchObject({ variable: 'incident_url' });
    expect(problemsOf(() => render({ incident_url: 'http://127.0.0.1:8080/incidenten/x/' }, { localOrigin: local }))[0]).toMatchObject({ variable: 'incident_url' });
    expect(problemsOf(() => render({ incident_url: 'http://status.voorbeeldsoftware.nl/x/' }, { localOrigin: 'http://status.voorbeeldsoftware.nl' }))[0]).toMatchObject({ variable: 'incident_url' });
  });
});

describe('Markdown variables typed by staff', () => {
  const symptoms = '<script>alert(1)</script>\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n**Let op:** inloggen lukt niet.';
  const rendered = render({ symptoms });

  it('render with raw HTML disabled and unsafe links left as text in the e-mail', () => {
    expect(rendered.html).not.toMatch(/<script|<img|href="javascript:/i);
    expect(rendered.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rendered.html).toMatch(/<strong style="[^"]+">Let op:<\/strong> inloggen lukt niet\./);
  });

  it('go to the status page as written; its renderer has raw HTML off too', () => {
    expect(rendered.statusPageMarkdown).toContain(symptoms);
    expect(renderMarkdown(rendered.statusPageMarkdown)).not.toMatch(/<script|<img|href="javascript:/i);
  });

  it('go into the plain text as the words they mark up: no asterisks, unsafe links and raw HTML as typed', () => {
    expect(rendered.text).toContain('<script>alert(1)</script>\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>\n\nLet op: inloggen lukt niet.');
    expect(rendered.text).not.toContain('**');
  });
});

describe('plain-text paragraphs (the burgerbericht a municipality pastes as it is)', () => {
  const burgerbericht = 'Storing bij de gemeente <b>vandaag</b> & morgen.\n1. Kom *gewoon* langs.\n\n# Bel ons [hier](javascript:alert(1)).';
  const rendered = render({ burgerbericht });

  it('are paragraphs with line breaks in the HTML, every character escaped and nothing read as Markdown', () => {
    expect(rendered.html).toContain(
      '<p style="margin: 0 0 16px 0; font-size: 16px; line-height: 1.5; color: #1a1a1a;">Storing bij de gemeente &lt;b&gt;vandaag&lt;/b&gt; &amp; morgen.<br>1. Kom *gewoon* langs.</p>',
    );
    expect(rendered.html).toContain('# Bel ons [hier](javascript:alert(1)).</p>');
    expect(rendered.html).not.toMatch(/<b>|href="javascript/);
  });

  it('stand in the plain text exactly as typed, between lines that show what to copy', () => {
    expect(rendered.text).toContain(`(website en sociale media)\n----------------------------------------\n${burgerbericht}\n----------------------------------------`);
  });

  it('are at most 600 characters, whatever a manifest says', () => {
    expect(catalog.get('storing-gemeld').variables.find((variable) => variable.name === 'burgerbericht')?.maxLength).toBe(600);
    expect(problemsOf(() => render({ burgerbericht: 'Door een storing kunnen wij nu geen verhuizingen verwerken. '.repeat(11) })).map((problem) => [problem.variable, problem.message])).toEqual([
      ['burgerbericht', 'must be at most 600 characters'],
    ]);
  });
});

describe('e-mail HTML', () => {
  const { html } = render({});

  it('sets the language, marks layout tables presentational and carries the vendor branding', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="nl" dir="ltr">/);
    const tables = html.match(/<table[^>]*>/g) ?? [];
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(table).toContain('role="presentation"');
    expect(html).toContain('background-color: #1d4f91');
    expect(html).toContain('>Voorbeeld Software B.V.</td>');
    expect(catalog.render('storing-gemeld', 'en', catalog.exampleValues('storing-gemeld', 'en'), { site: EXAMPLE_SITE }).html).toContain('<html lang="en"');
  });

  it('has its CSS inlined, keeps dark mode in a <style> and never sets text below 16px', () => {
    expect(html).toMatch(/<p style="[^"]*font-size: 16px/);
    expect(html).toMatch(/<style>\s*@media \(prefers-color-scheme: dark\)/);
    const sizes = [...html.matchAll(/font-size:\s*(\d+)px/g)].map((match) => Number(match[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
    expect(html).not.toContain('class="content p"');
  });

  it('says why the reader receives it and links to unsubscribe', () => {
    expect(html).toContain('Waarom ontvangt u dit bericht?');
    expect(html).toContain(`href="${UNSUBSCRIBE_PLACEHOLDER}"`);
  });

  it('follows the brand colours of the site it is rendered for', () => {
    const other = { ...EXAMPLE_SITE, brand: { primary: '#7a1f5c', on_primary: '#ffffff', primary_dark: '#f0a8d8' } };
    const result = catalog.render('storing-gemeld', 'nl', base, { site: other });
    expect(result.html).toContain('background-color: #7a1f5c');
    expect(result.html).toContain('color: #f0a8d8 !important');
    expect(result.html).not.toContain('#1d4f91');
  });
});

describe('drill', () => {
  it.each(['nl', 'en'] as const)('marks every channel unmistakably (%s)', (lang) => {
    const values = catalog.exampleValues('update', lang);
    const result = catalog.render('update', lang, values, { site: EXAMPLE_SITE, drill: true });
    const notice = lang === 'nl' ? /^OEFENING – Dit is een oefenbericht\. Er is niets echt verstuurd/ : /^DRILL – This is an exercise message\. Nothing was actually sent/;
    expect(result.subject.startsWith('OEFENING / DRILL – ')).toBe(true);
    expect(result.text).toMatch(notice);
    expect(result.text).toMatch(/OEFENING/);
    expect(result.text).toMatch(/DRILL/);
    expect(result.statusPageMarkdown).toMatch(new RegExp(`^\\*\\*${notice.source.slice(1)}`));
    const firstRow = /<table[^>]*class="container"[^>]*>\s*<tr>\s*<td class="drill"[^>]*>([^<]+)<\/td>/.exec(result.html);
    expect(firstRow?.[1]).toMatch(notice);
  });

  it('leaves real messages unmarked', () => {
    const result = render({});
    expect(result.subject).not.toMatch(/OEFENING|DRILL/);
    expect(result.text + result.html + result.statusPageMarkdown).not.toMatch(/OEFENING|oefenbericht/);
  });
});

describe('personalise', () => {
  const approved = render({});

  it('swaps the placeholder for the recipient link, escaped per part, and nothing else', () => {
    const url = 'https://status.voorbeeldsoftware.nl/afmelden/abc123?lijst=storingen&taal=nl';
    const mine = personalise(approved, url);
    expect(mine.html).toContain('href="https://status.voorbeeldsoftware.nl/afmelden/abc123?lijst=storingen&amp;taal=nl"');
    expect(mine.text).toContain(`Afmelden voor deze berichten: ${url}`);
    expect(mine.html).not.toContain(UNSUBSCRIBE_PLACEHOLDER);
    expect(mine.html.replace('https://status.voorbeeldsoftware.nl/afmelden/abc123?lijst=storingen&amp;taal=nl', UNSUBSCRIBE_PLACEHOLDER)).toBe(approved.html);
    expect(mine.subject).toBe(approved.subject);
  });

  it('refuses a second personalisation and addresses that are not https', () => {
    const mine = personalise(approved, 'https://status.voorbeeldsoftware.nl/afmelden/abc');
    expect(() => personalise(mine, 'https://status.voorbeeldsoftware.nl/afmelden/def')).toThrow(/no unsubscribe placeholder/);
    expect(() => personalise(approved, 'javascript:alert(1)')).toThrow(/https/);
    expect(() => personalise(approved, 'https://x.example/"><script>')).toThrow(/https/);
  });

  it('gives the same output as rendering with the link directly', () => {
    const url = 'https://status.voorbeeldsoftware.nl/afmelden/abc123';
    const direct = render({}, { unsubscribeUrl: url });
    const later = personalise(approved, url);
    expect(later.html).toBe(direct.html);
    expect(later.text).toBe(direct.text);
  });
});

describe('values that are refused', () => {
  it('refuses a value holding the unsubscribe placeholder, so personalise cannot touch staff text', () => {
    const problems = problemsOf(() => render({ symptoms: `Zie ${UNSUBSCRIBE_PLACEHOLDER}` }));
    expect(problems[0]).toMatchObject({ variable: 'symptoms', message: expect.stringContaining('reserved unsubscribe placeholder') });
  });

  it('refuses a value shaped like a Handlebars program: only template files are ever compiled', () => {
    const program = { type: 'Program', body: [{ type: 'MustacheStatement', path: { type: 'PathExpression', original: 'constructor', parts: ['constructor'] } }] };
    const problems = problemsOf(() => render({ incident_title: program, symptoms: ['lijst'] }));
    expect(problems.map((found) => [found.variable, found.message])).toEqual([
      ['incident_title', 'must be text'],
      ['symptoms', 'must be Markdown text'],
    ]);
  });

  it('refuses __proto__ and other unknown keys instead of dropping them silently', () => {
    const values = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(base).slice(1)}`);
    const problems = problemsOf(() => catalog.render('storing-gemeld', 'nl', values, { site: EXAMPLE_SITE }));
    expect(problems[0]).toMatchObject({ code: 'invalid_values', variable: '__proto__' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
