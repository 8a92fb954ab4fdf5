import { describe, expect, it } from 'vitest';
import type { DrillFinding } from '../../../src/domain/drill-report.ts';
import { drillMessages } from '../../../src/i18n/drill-messages.ts';

const at = (time: string) => new Date(`2026-11-27T${time}:00Z`);

/** The findings of a drill that went partly wrong, as src/domain/drill-report.ts derives them. */
const FINDINGS: DrillFinding[] = [
  { kind: 'rejection', at: at('09:20'), messageId: 'msg-1', actor: 'Pieter Jansen', reason: 'Noem de omweg: het papieren noodformulier.' },
  { kind: 'first_message_late', at: at('09:17'), messageId: 'msg-1', overBySeconds: 120 },
  { kind: 'scope_too_few', at: at('09:30'), messageId: 'msg-2', municipalities: ['GM0599'] },
  { kind: 'update_overdue', at: at('09:45'), messageId: 'msg-2', overBySeconds: 300 },
  { kind: 'role_missing', at: null, messageId: null, role: 'incident_manager' },
  { kind: 'scope_too_many', at: at('10:10'), messageId: 'msg-3', municipalities: ['GM0014'] },
];

const words = {
  names: (ids: readonly string[]) => ids.map((id) => ({ GM0014: 'Groningen', GM0599: 'Rotterdam' })[id] ?? id).join(', '),
  at: (instant: Date) => instant.toISOString().slice(11, 16),
  reason: (text: string | { nl: string }) => (typeof text === 'string' ? text : text.nl),
};

describe('the drill screens\' words', () => {
  it('formats durations in Dutch and English', () => {
    expect([45, 120, 125, 3600 + 5 * 60, -30].map((value) => drillMessages('nl').duration(value))).toEqual(['45 s', '2 min', '2 min 5 s', '1 u 5 min', '−30 s']);
    expect(drillMessages('en').duration(3600)).toBe('1 h');
  });

  it('describes every finding in Dutch and English, with municipality names and role labels', () => {
    expect(FINDINGS.map((finding) => drillMessages('nl').finding(finding, words))).toMatchInlineSnapshot(`
      [
        "Afgewezen door Pieter Jansen: "Noem de omweg: het papieren noodformulier.".",
        "Het eerste bericht ging 2 min later dan het doel de deur uit.",
        "Te weinig gemeenten: dit bericht ging niet naar Rotterdam.",
        "De beloofde update van 09:45 kwam 5 min te laat.",
        "Niemand had de rol incidentmanager.",
        "Te veel gemeenten: dit bericht ging ook naar Groningen, buiten de getroffen gemeenten.",
      ]
    `);
    expect(drillMessages('en').finding(FINDINGS[1]!, words)).toBe('The first message went out 2 min later than the target.');
    expect(drillMessages('en').finding(FINDINGS[4]!, words)).toBe('Nobody had the role of incident manager.');
  });

  it('has a label for every role and every step of the timeline in both languages', () => {
    expect(Object.keys(drillMessages('en').timeline)).toEqual(Object.keys(drillMessages('nl').timeline));
    expect(drillMessages('nl').roleLabels.incident_manager).toBe('Incidentmanager');
  });
});
