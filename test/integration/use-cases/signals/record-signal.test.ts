import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readIncidentFile } from '../../../../src/content/write-content.ts';
import { closeSignalAlert, openIncidentFromAlert } from '../../../../src/use-cases/signals/handle-alert.ts';
import { alertsAsJson, listSignalAlerts } from '../../../../src/use-cases/signals/list-alerts.ts';
import { listSignals } from '../../../../src/use-cases/signals/list-signals.ts';
import { recordSignal } from '../../../../src/use-cases/signals/record-signal.ts';
import { getSignalTimelines } from '../../../../src/use-cases/signals/signal-timeline.ts';
import { MESSAGES_FIXTURE } from '../../../support/builders.ts';
import { refusalOf } from '../../../support/refusals.ts';
import { auditTrail, createTestApp, type TestApp } from '../../../support/test-app.ts';

const START = new Date('2026-12-03T07:55:00Z');
const MINUTE = 60_000;
let t: TestApp;

beforeEach(async () => {
  t = await createTestApp({ content: MESSAGES_FIXTURE.content, start: START });
});
afterEach(() => t.close());

/** A call logged in TOPdesk `minutesAgo` minutes before the clock's now. */
const call = (product: string, municipality: string, reference: string, minutesAgo = 0) => ({
  product,
  municipality,
  source: 'topdesk' as const,
  reference,
  summary: `Inloggen in ${product} lukt niet bij ${municipality}`,
  received_at: new Date(t.clock.now().getTime() - minutesAgo * MINUTE).toISOString(),
});

describe('recording customer signals', () => {
  it('raises one national alert when four municipalities report a product within fifteen minutes, and grows it with later ones', () => {
    const codes = ['GM0344', 'GM0363', 'GM0772', 'GM0855', 'GM0758', 'GM0599'];
    const results = codes.map((code, index) => {
      t.clock.advance(2 * MINUTE);
      return recordSignal(t.ctx, t.people.anouk, call('registra-brp', code, `M2612-${100 + index}`));
    });
    expect(results.map((result) => result.alert?.kind ?? null)).toEqual([null, null, null, 'raised', 'grown', 'grown']);
    const alerts = listSignalAlerts(t.ctx, t.people.bram);
    expect(alertsAsJson(alerts)).toEqual({
      alerts: [{ product: 'registra-brp', municipalities: [...codes].sort(), count: 6, first_at: '2026-12-03T07:57:00.000Z', last_at: '2026-12-03T08:07:00.000Z', suggestion: 'national' }],
    });
    expect(auditTrail(t.db, { type: 'signal_alert', id: String(alerts[0]!.id) }).map(([action]) => action)).toEqual(['signal_alert_raised']);
  });

  it('stores the same source and reference once and does not count it twice', () => {
    const first = recordSignal(t.ctx, t.people.anouk, call('registra-brp', 'GM0344', 'M2612-001'));
    const again = recordSignal(t.ctx, t.people.anouk, { ...call('registra-brp', 'GM0344', 'M2612-001'), summary: 'Nogmaals gemeld' });
    expect(again).toEqual({ id: first.id, created: false, alert: null });
    // The same reference from another source is another signal.
    expect(recordSignal(t.ctx, t.people.anouk, { ...call('registra-brp', 'GM0344', 'M2612-001'), source: 'phone' }).created).toBe(true);
    for (const code of ['GM0363', 'GM0772']) recordSignal(t.ctx, t.people.anouk, call('registra-brp', code, 'M2612-001-' + code));
    // Utrecht twice (topdesk and phone), Amsterdam, Eindhoven: three municipalities, no national alert.
    expect(listSignalAlerts(t.ctx, t.people.anouk)).toEqual([]);
    expect(listSignals(t.ctx, t.people.anouk, { product: 'registra-brp' }).signals).toHaveLength(4);
  });

  it('counts a late-arriving ticket at the time it was reported', () => {
    recordSignal(t.ctx, t.people.anouk, call('registra-brp', 'GM0344', 'M2612-201', 20));
    recordSignal(t.ctx, t.people.anouk, call('registra-brp', 'GM0363', 'M2612-202', 16));
    recordSignal(t.ctx, t.people.anouk, call('registra-brp', 'GM0772', 'M2612-203', 12));
    expect(listSignalAlerts(t.ctx, t.people.anouk)).toEqual([]);
    // Tilburg's call of 10 minutes ago is entered only now.
    const late = recordSignal(t.ctx, t.people.anouk, call('registra-brp', 'GM0855', 'M2612-204', 10));
    expect(late.alert).toMatchObject({ kind: 'raised', alert: { suggestion: 'national', municipalities: ['GM0344', 'GM0363', 'GM0772', 'GM0855'] } });
  });

  it('keeps two products apart, and tells a local outage from a national one', () => {
    for (const [index, code] of ['GM0344', 'GM0363', 'GM0772', 'GM0855'].entries()) {
      recordSignal(t.ctx, t.people.anouk, call('registra-brp', code, `BRP-${index}`));
      recordSignal(t.ctx, t.people.anouk, call('zaakstroom', 'GM0758', `ZS-${index}`));
    }
    const alerts = alertsAsJson(listSignalAlerts(t.ctx, t.people.anouk)).alerts;
    expect(alerts.map(({ product, suggestion, municipalities, count }) => ({ product, suggestion, municipalities, count })).sort((a, b) => a.product.localeCompare(b.product))).toEqual([
      { product: 'registra-brp', suggestion: 'national', municipalities: ['GM0344', 'GM0363', 'GM0772', 'GM0855'], count: 4 },
      { product: 'zaakstroom', suggestion: 'local', municipalities: ['GM0758'], count: 4 },
    ]);
  });

  it('keeps drill signals away from live alerts', () => {
    for (const code of ['GM0344', 'GM0363', 'GM0772', 'GM0855']) recordSignal(t.drill, t.people.anouk, call('registra-brp', code, `OEF-${code}`));
    expect(listSignalAlerts(t.drill, t.people.anouk)).toHaveLength(1);
    expect(listSignalAlerts(t.ctx, t.people.anouk)).toEqual([]);
    expect(listSignals(t.ctx, t.people.anouk).signals).toEqual([]);
    // The same reference live is a new, live signal.
    expect(recordSignal(t.ctx, t.people.anouk, call('registra-brp', 'GM0344', 'OEF-GM0344')).created).toBe(true);
  });

  it('refuses unknown products and municipalities and times in the future, naming the field', () => {
    const refusal = refusalOf(() => recordSignal(t.ctx, t.people.anouk, { ...call('registra-bpr', 'GM9999', 'X-1'), received_at: new Date(START.getTime() + 60 * MINUTE).toISOString() }));
    expect(refusal.problems).toEqual([
      { field: 'product', code: 'unknown_product', params: { id: 'registra-bpr' } },
      { field: 'municipality', code: 'unknown_municipality', params: { id: 'GM9999' } },
      { field: 'received_at', code: 'must_not_be_future' },
    ]);
    expect(refusalOf(() => recordSignal(t.ctx, t.people.anouk, { ...call('registra-brp', 'GM0344', 'X-2'), source: 'fax' })).problems.map((problem) => problem.field)).toEqual(['source']);
    expect(refusalOf(() => recordSignal(t.ctx, t.people.cor, call('registra-brp', 'GM0344', 'X-3'))).code).toBe('forbidden');
  });

  it('opens an incident from an alert through the ordinary use case and links the signals', () => {
    for (const code of ['GM0344', 'GM0363', 'GM0772', 'GM0855']) recordSignal(t.ctx, t.people.anouk, call('registra-brp', code, `BRP-${code}`));
    const [alert] = listSignalAlerts(t.ctx, t.people.anouk);
    t.clock.advance(3 * MINUTE);
    const opened = openIncidentFromAlert(t.ctx, t.people.anouk, alert!.id, {
      title: 'Storing Registra BRP',
      impact: 'major',
      components: { 'registra-brp': 'major_outage' },
      scope: 'all',
      body: 'Meerdere gemeenten melden dat Registra BRP niet werkt. We zoeken uit wat er aan de hand is.',
    });
    expect(readIncidentFile(t.contentDir, opened.incidentId)?.components).toEqual(['registra-brp']);
    expect(opened.linkedSignals).toBe(4);
    // Its first notice waits for the approver like any opening.
    expect(opened.outcome).toBe('awaiting_approval');
    expect(listSignalAlerts(t.ctx, t.people.anouk)).toEqual([]);
    expect(listSignals(t.ctx, t.people.anouk, { incident: opened.incidentId }).signals).toHaveLength(4);
    expect(refusalOf(() => closeSignalAlert(t.ctx, t.people.anouk, alert!.id)).code).toBe('alert_closed');
    expect(t.publishRequests).toHaveLength(1);
  });

  it('counts signals per hour over 24 hours and per 6 hours over 7 days, with the incident start and end marked', () => {
    // 07:55: calls at 07:55, 07:25 and 06:55 (two hours), and one three days ago.
    for (const [index, minutesAgo] of [0, 30, 60, 3 * 24 * 60].entries()) recordSignal(t.ctx, t.people.anouk, call('registra-brp', 'GM0344', `T-${index}`, minutesAgo));
    const { day, week } = getSignalTimelines(t.ctx, t.people.anouk, 'registra-brp');
    expect(day.buckets).toHaveLength(24);
    expect(day.until).toEqual(new Date('2026-12-03T08:00:00Z'));
    expect(day.buckets.slice(-2).map((bucket) => [bucket.start.toISOString(), bucket.count])).toEqual([
      ['2026-12-03T06:00:00.000Z', 1],
      ['2026-12-03T07:00:00.000Z', 2],
    ]);
    expect(week.buckets).toHaveLength(28);
    expect(week.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(4);
    // The fixture's national Registra BRP incident (27 November) lies within the week.
    expect(week.marks.map((mark) => [mark.kind, mark.incidentId])).toContainEqual(['started', '2026-11-27-registra-brp-landelijke-storing']);
    expect(day.marks).toEqual([]);
    expect(getSignalTimelines(t.drill, t.people.anouk, 'registra-brp').day.buckets.every((bucket) => bucket.count === 0)).toBe(true);
  });
});
