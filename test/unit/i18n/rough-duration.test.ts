import { describe, expect, it } from 'vitest';
import { adminMessages } from '../../../src/i18n/admin-messages.ts';
import { formatRoughDuration } from '../../../src/i18n/format.ts';

describe('a duration in the largest sensible unit', () => {
  it.each([
    [1, '1 minuut', '1 minute'],
    [25, '25 minuten', '25 minutes'],
    [61, '1 uur', '1 hour'],
    [47 * 60 + 59, '47 uur', '47 hours'],
    [48 * 60, '2 dagen', '2 days'],
    [7596, '5 dagen', '5 days'],
  ])('%i minutes', (minutes, dutch, english) => {
    expect(formatRoughDuration(minutes, 'nl')).toBe(dutch);
    expect(formatRoughDuration(minutes, 'en')).toBe(english);
  });

  it('is how the dashboard says how late a promised update is', () => {
    expect(adminMessages('nl').dashboard.overdueBy(7596)).toBe('5 dagen te laat');
    expect(adminMessages('en').dashboard.overdueBy(7596)).toBe('5 days overdue');
  });
});
