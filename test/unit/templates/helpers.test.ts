import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownUrl } from '../../../src/markdown/escape-markdown.ts';
import { renderInlineMarkdown, renderMarkdown } from '../../../src/markdown/render-markdown.ts';
import { formatDate, formatList, formatPeriod, formatTime, HELPERS } from '../../../src/templates/helpers.ts';
import { isolateBidi, sanitiseSubject, tidyPlainText } from '../../../src/templates/text-safety.ts';

const options = (lang: 'nl' | 'en') => ({ data: { lang } }) as never;
const call = (name: keyof typeof HELPERS, ...args: unknown[]) => (HELPERS[name] as (...values: unknown[]) => unknown)(...args);

describe('date and time helpers show the Amsterdam wall clock', () => {
  it('writes a date and time the Dutch way and the English way', () => {
    expect(call('datetime', new Date('2019-03-29T13:05:00Z'), options('nl'))).toBe('vrijdag 29 maart 2019 om 14:05');
    expect(call('datetime', new Date('2019-03-29T13:05:00Z'), options('en'))).toBe('Friday, 29 March 2019 at 14:05 CET');
    expect(formatDate(new Date('2026-12-04T17:00:00Z'), 'nl')).toBe('vrijdag 4 december 2026');
    // English readers may live elsewhere: their times name the Amsterdam zone, summer or winter.
    expect(formatTime(new Date('2026-12-04T08:05:00Z'), 'en')).toBe('09:05 CET');
    expect(formatTime(new Date('2026-06-04T08:05:00Z'), 'en')).toBe('10:05 CEST');
    expect(formatTime(new Date('2026-06-04T08:05:00Z'), 'nl')).toBe('10:05');
  });

  it('follows the switch to summer time (last Sunday of March)', () => {
    expect(call('time', new Date('2026-03-29T00:59:00Z'), options('nl'))).toBe('01:59');
    expect(call('time', new Date('2026-03-29T01:00:00Z'), options('nl'))).toBe('03:00');
  });

  it('follows the switch to winter time (last Sunday of October)', () => {
    expect(call('datetime', new Date('2026-10-25T00:30:00Z'), options('nl'))).toBe('zondag 25 oktober 2026 om 02:30');
    expect(call('datetime', new Date('2026-10-25T01:30:00Z'), options('nl'))).toBe('zondag 25 oktober 2026 om 02:30');
    expect(call('duration_between', new Date('2026-10-25T00:30:00Z'), new Date('2026-10-25T01:30:00Z'), options('nl'))).toBe('1 uur');
  });

  it('writes a window on one day, or across midnight', () => {
    expect(formatPeriod(new Date('2026-12-04T17:00:00Z'), new Date('2026-12-04T21:00:00Z'), 'nl')).toBe('op vrijdag 4 december 2026 van 18:00 tot 22:00');
    expect(formatPeriod(new Date('2026-12-04T21:00:00Z'), new Date('2026-12-05T01:00:00Z'), 'nl')).toBe(
      'van vrijdag 4 december 2026 om 22:00 tot zaterdag 5 december 2026 om 02:00',
    );
    expect(formatPeriod(new Date('2026-12-04T17:00:00Z'), new Date('2026-12-04T21:00:00Z'), 'en')).toBe('on Friday, 4 December 2026 from 18:00 to 22:00 CET');
  });

  it('refuses anything that is not a date instead of printing "Invalid Date"', () => {
    expect(() => call('datetime', '2026-12-04', options('nl'))).toThrow(/needs a datetime/);
    expect(() => call('datetime', new Date('nope'), options('nl'))).toThrow(/needs a datetime/);
  });
});

describe('duration and list helpers', () => {
  it.each([
    [1, '1 minuut', '1 minute'],
    [45, '45 minuten', '45 minutes'],
    [90, '1 uur en 30 minuten', '1 hour, 30 minutes'],
    [1530, '1 dag, 1 uur en 30 minuten', '1 day, 1 hour, 30 minutes'],
  ])('%i minutes', (minutes, nl, en) => {
    expect(call('duration', minutes, options('nl'))).toBe(nl);
    expect(call('duration', minutes, options('en'))).toBe(en);
  });

  it('joins names with "en" / "and"', () => {
    const items = [{ name: 'Amsterdam' }, { name: "'s-Hertogenbosch" }, { name: 'Súdwest-Fryslân' }];
    expect(call('list', items, options('nl'))).toBe("Amsterdam, 's-Hertogenbosch en Súdwest-Fryslân");
    expect(call('list', items, options('en'))).toBe("Amsterdam, 's-Hertogenbosch and Súdwest-Fryslân");
    expect(formatList(['Utrecht'], 'nl')).toBe('Utrecht');
  });

  it('counts and picks singular or plural', () => {
    expect(call('count', [1, 2, 3])).toBe(3);
    expect(call('plural', [1], 'gemeente', 'gemeenten')).toBe('gemeente');
    expect(call('plural', [1, 2], 'gemeente', 'gemeenten')).toBe('gemeenten');
    expect(call('plural', null, 'gemeente', 'gemeenten')).toBe('gemeenten');
  });
});

describe('escapeMarkdown', () => {
  it.each([
    '# Kop',
    '## Kop',
    '- lijst',
    '+ lijst',
    '1. lijst',
    '2) lijst',
    '> citaat',
    '---',
    '===',
    '***',
    '[klik](https://evil.example)',
    '![plaatje](https://evil.example/p.png)',
    '<https://evil.example>',
    '<b>vet</b>',
    '`code`',
    '*nadruk* _nadruk_ **sterk** ~~weg~~',
    '| a | b |',
    '&amp; &copy; &#60;',
    'a\\b\\',
    '    ingesprongen code',
    'regel\nregel\n# kop',
  ])('renders %j as exactly its own text', (value) => {
    const html = renderInlineMarkdown(escapeMarkdown(value));
    const expected = value.replace(/\n/g, ' ').trimStart().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(html).toBe(expected);
    expect(renderMarkdown(`Intro\n\n${escapeMarkdown(value)}`)).toBe(`<p>Intro</p>\n<p>${expected}</p>\n`);
  });

  it('keeps URLs working as autolinks and link targets', () => {
    const url = 'https://status.voorbeeldsoftware.nl/incidenten/a_b(1)/?q=x y';
    expect(renderInlineMarkdown(`<${markdownUrl(url)}>`)).toMatch(/^<a href="https:\/\/status\.voorbeeldsoftware\.nl\/incidenten\/a_b%281%29\/\?q=x%20y">[^<]+<\/a>$/);
    expect(renderInlineMarkdown(`[status](${markdownUrl(url)})`)).toContain('href="https://status.voorbeeldsoftware.nl/incidenten/a_b%281%29/?q=x%20y"');
  });
});

describe('text safety', () => {
  it('isolates direction controls and leaves other text alone', () => {
    expect(isolateBidi('Registra BRP')).toBe('Registra BRP');
    expect(isolateBidi('a\u202Eb')).toBe('\u2068a\u202Eb\u2069');
  });

  it('cuts a long subject at a word, never inside an emoji, and drops direction controls', () => {
    const subject = sanitiseSubject(`${'Storing '.repeat(30)}😀😀`);
    expect(subject.length).toBeLessThanOrEqual(200);
    expect(subject).toMatch(/Storing…$/);
    const emoji = sanitiseSubject('😀'.repeat(300));
    expect([...emoji].length).toBe(200);
    expect(emoji.endsWith('😀…')).toBe(true);
    expect(sanitiseSubject('\u2066'.repeat(300) + 'Registra\u202Egnirots\u2069')).toBe('Registragnirots');
  });

  it('tidies plain text: one blank line at most, no trailing spaces, one final newline', () => {
    expect(tidyPlainText('\n\nA  \n\n\n\nB\r\nC\n\n\n')).toBe('A\n\nB\nC\n');
  });
});
