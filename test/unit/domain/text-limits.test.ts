import { describe, expect, it } from 'vitest';
import { ContactSchema, IncidentSchema, NAME_MAX_LENGTH, problemsFromZod, stripBidiControls, TITLE_MAX_LENGTH, TitleTextSchema, UPDATE_TEXT_MAX_LENGTH, UpdateTextSchema } from '../../../src/domain/index.ts';
import { problemText } from '../../../src/i18n/refusals.ts';
import { formatAddress } from '../../../src/mail/mime-message.ts';

const problemsOf = (schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : problemsFromZod(result.error as never);
};

describe('length limits', () => {
  it('allows titles of up to 200 characters, and names the field and the limit beyond that', () => {
    expect([TITLE_MAX_LENGTH, UPDATE_TEXT_MAX_LENGTH, NAME_MAX_LENGTH]).toEqual([200, 10_000, 200]);
    expect(TitleTextSchema.safeParse('B'.repeat(200)).success).toBe(true);
    expect(problemsOf(TitleTextSchema, 'B'.repeat(201))).toEqual([{ field: '', code: 'too_long', params: { maximum: 200 } }]);
    expect(problemsOf(TitleTextSchema, { nl: 'Storing Registra BRP', en: 'B'.repeat(201) })).toEqual([{ field: 'en', code: 'too_long', params: { maximum: 200 } }]);
    const [problem] = problemsOf(TitleTextSchema, 'Zaakstroom '.repeat(10_000));
    expect(problemText(problem!, 'nl')).toBe('Gebruik hoogstens 200 tekens.');
    expect(problemText(problem!, 'en')).toBe('Use at most 200 characters.');
  });

  it('allows update texts of up to 10,000 characters', () => {
    expect(UpdateTextSchema.safeParse('a'.repeat(10_000)).success).toBe(true);
    expect(problemsOf(UpdateTextSchema, 'a'.repeat(10_001))).toEqual([{ field: '', code: 'too_long', params: { maximum: 10_000 } }]);
  });

  it('names the content file field of an incident whose update text is too long', () => {
    const incident = {
      title: 'Registra BRP landelijk niet bereikbaar',
      impact: 'major',
      components: ['registra-brp'],
      scope: 'all',
      updates: [{ at: '2026-11-27T08:05:00Z', status: 'investigating', body: 'x'.repeat(10_001) }],
    };
    expect(problemsOf(IncidentSchema, incident)).toContainEqual({ field: 'updates[0].body', code: 'too_long', params: { maximum: 10_000 } });
  });
});

describe('bidi controls in names that reach headers', () => {
  const RLO = '\u202E';

  it('are stripped from contact names, titles and every mail header name', () => {
    expect(stripBidiControls(`Gemeente ${RLO}thcertU\u2066\u200F`)).toBe('Gemeente thcertU');
    const contact = ContactSchema.parse({ municipality: 'GM0344', name: `Jan de Vries ${RLO}lmth.exe`, email: 'j.devries@utrecht.nl' });
    expect(contact.name).toBe('Jan de Vries lmth.exe');
    expect(TitleTextSchema.parse(`Storing ${RLO}BRP`)).toBe('Storing BRP');
    expect(formatAddress({ name: `Gemeente ${RLO}Utrecht`, address: 'ict@utrecht.nl' })).toBe('"Gemeente Utrecht" <ict@utrecht.nl>');
  });
});
