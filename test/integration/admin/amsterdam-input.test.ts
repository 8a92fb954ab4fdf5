import { describe, expect, it } from 'vitest';
import { fromAmsterdamInput, toAmsterdamInput } from '../../../src/admin/amsterdam-input.ts';

describe('datetime-local fields on the Amsterdam clock', () => {
  it('reads winter and summer times with their own offset', () => {
    expect(fromAmsterdamInput('2026-11-27T10:30')?.toISOString()).toBe('2026-11-27T09:30:00.000Z');
    expect(fromAmsterdamInput('2026-07-01T10:30')?.toISOString()).toBe('2026-07-01T08:30:00.000Z');
  });

  it('handles the spring-forward and fall-back days (last Sunday of March and October)', () => {
    expect(fromAmsterdamInput('2026-03-29T01:30')?.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(fromAmsterdamInput('2026-03-29T03:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(fromAmsterdamInput('2026-10-25T01:30')?.toISOString()).toBe('2026-10-24T23:30:00.000Z');
    expect(fromAmsterdamInput('2026-10-25T03:30')?.toISOString()).toBe('2026-10-25T02:30:00.000Z');
  });

  it('writes an instant back as the wall-clock value the input shows', () => {
    for (const iso of ['2026-11-27T09:30:00Z', '2026-07-01T08:30:00Z', '2026-03-29T01:30:00Z', '2026-10-25T02:30:00Z']) {
      expect(fromAmsterdamInput(toAmsterdamInput(new Date(iso)))?.toISOString()).toBe(new Date(iso).toISOString());
    }
    expect(toAmsterdamInput(new Date('2026-11-27T09:30:00Z'))).toBe('2026-11-27T10:30');
  });

  it('refuses what is not a date and time', () => {
    for (const value of ['', '27-11-2026 10:30', '2026-02-30T10:00', '2026-11-27T25:00', '2026-11-27']) expect(fromAmsterdamInput(value)).toBeNull();
  });
});
