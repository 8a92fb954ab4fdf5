import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDrillReportFor, drillReportJson } from '../../../../src/use-cases/drills/build-drill-report.ts';
import { endDrill } from '../../../../src/use-cases/drills/end-drill.ts';
import { getDrill } from '../../../../src/use-cases/drills/get-drill.ts';
import { saveDrillScenario } from '../../../../src/use-cases/drills/save-drill-scenario.ts';
import { startDrill } from '../../../../src/use-cases/drills/start-drill.ts';
import { listSignalAlerts } from '../../../../src/use-cases/signals/list-alerts.ts';
import { recordSignal } from '../../../../src/use-cases/signals/record-signal.ts';
import { listSignals } from '../../../../src/store/signals-repository.ts';
import { refusalOf } from '../../../support/refusals.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
let t: TestApp;

/**
 * Timed scenario signals (drills/meldingen-registra-reisdocumenten.yaml) through the production
 * wiring and the real scheduler, with a fake clock: they arrive at start + after_minutes ÷ speed,
 * each once, as drill signals that raise a drill alert and never touch live work.
 */
beforeAll(async () => {
  t = await createTestApp({ start: '2026-12-01T07:55:00Z' });
});
afterAll(async () => {
  await t?.close();
});

describe('a drill whose scenario carries timed signals', () => {
  const scheduler = () => t.app.startDrillSignals(() => {});

  it('lets nothing arrive before its time, then each signal once, at the chosen speed', () => {
    const { fatima } = t.people;
    const started = startDrill(t.drill, fatima, { scenario_id: 'meldingen-registra-reisdocumenten', signal_speed: '5' });
    expect(started.opened).toEqual([]);
    // Speed 5: "+2 min" is due after 24 seconds.
    t.clock.advance(23 * SECOND);
    expect(scheduler().tick()).toEqual([]);
    t.clock.advance(1 * SECOND);
    const first = scheduler().tick();
    expect(first.map((entry) => entry.index)).toEqual([0]);
    expect(scheduler().tick()).toEqual([]);
    const stored = listSignals(t.db, true, {});
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ drill: true, product: 'registra-reisdocumenten', municipality: 'GM0344', source: 'phone', reference: `oefening-${started.drillId}-1` });
    // Reported at its due moment, recorded by the scenario.
    expect(stored[0]!.receivedAt.toISOString()).toBe('2026-12-01T07:55:24.000Z');
    expect(stored[0]!.recordedByName).toBe('oefenscenario');
  });

  it('raises a drill alert once four municipalities have called, and live work sees none of it', () => {
    // "+5 min" at speed 5 is one minute after the start: signals 2, 3 and 4 arrive together.
    t.clock.set('2026-12-01T07:56:00Z');
    const delivered = scheduler().tick();
    expect(delivered.map((entry) => entry.index)).toEqual([1, 2, 3]);
    expect(delivered.at(-1)!.signal.alert?.kind).toBe('raised');
    const [alert] = listSignalAlerts(t.drill, t.people.fatima);
    expect(alert).toMatchObject({ drill: true, product: 'registra-reisdocumenten', suggestion: 'national', count: 4, municipalities: ['GM0344', 'GM0363', 'GM0599', 'GM0772'] });
    expect(listSignalAlerts(t.ctx, t.people.fatima)).toEqual([]);
    expect(listSignals(t.db, false, {})).toEqual([]);
  });

  it('shows the signals and the alert on the drill page, and measures from the first signal in the report', () => {
    const drillId = getDrill(t.drill, t.people.fatima, { drillId: 1 }).drill.id;
    const detail = getDrill(t.drill, t.people.fatima, { drillId });
    expect(detail.signals.map((signal) => signal.municipality)).toEqual(['GM0599', 'GM0772', 'GM0363', 'GM0344']);
    expect(detail.alerts).toHaveLength(1);
    const report = buildDrillReportFor(t.drill, t.people.fatima, { drillId });
    expect(report.signalResponse).toMatchObject({
      firstSignalAt: new Date('2026-12-01T07:55:24Z'),
      alert: { at: new Date('2026-12-01T07:56:00Z'), seconds: 36 },
      incidentOpened: { at: null, seconds: null },
      messageApproved: { at: null, seconds: null },
    });
    expect(JSON.parse(drillReportJson(report)).signalResponse.alert.seconds).toBe(36);
  });

  it('closes the drill alert when the drill ends, and delivers nothing afterwards', () => {
    endDrill(t.drill, t.people.fatima, { drill_id: 1 });
    expect(listSignalAlerts(t.drill, t.people.fatima)).toEqual([]);
    t.clock.advance(60 * MINUTE);
    expect(scheduler().tick()).toEqual([]);
    expect(listSignals(t.db, true, {})).toHaveLength(4);
  });

  it('a second drill of the same scenario gets its own signals, not the first one\'s', () => {
    const second = startDrill(t.drill, t.people.fatima, { scenario_id: 'meldingen-registra-reisdocumenten', signal_speed: 10 });
    t.clock.advance(12 * SECOND);
    expect(scheduler().tick().map((entry) => entry.signal.created)).toEqual([true]);
    expect(listSignals(t.db, true, {}).filter((signal) => signal.reference.startsWith(`oefening-${second.drillId}-`))).toHaveLength(1);
    endDrill(t.drill, t.people.fatima, { drill_id: second.drillId });
  });

  it('counts only the running drill\'s signals: a drill started right after another does not alert on the two together', () => {
    const { fatima, anouk } = t.people;
    const call = (municipality: string, reference: string) => ({ product: 'registra-reisdocumenten', municipality, source: 'phone', reference, summary: 'Paspoortaanvraag blijft hangen.', received_at: t.clock.now().toISOString() });
    // Drill A: Utrecht and Amsterdam from the scenario (speed 10: +12 s and +18 s), Tilburg by hand.
    const first = startDrill(t.drill, fatima, { scenario_id: 'meldingen-registra-reisdocumenten', signal_speed: 10 });
    t.clock.advance(18 * SECOND);
    expect(scheduler().tick()).toHaveLength(2);
    expect(recordSignal(t.drill, anouk, call('GM0855', 'TEL-0900-1')).alert).toBeNull();
    endDrill(t.drill, fatima, { drill_id: first.drillId });

    // Drill B at the same instant: two more municipalities, five in all within the spike window.
    const second = startDrill(t.drill, fatima, { scenario_id: 'meldingen-registra-reisdocumenten', signal_speed: 1 });
    // The same reference typed again is a signal of this drill, not a repeat of drill A's.
    const rotterdam = recordSignal(t.drill, anouk, call('GM0599', 'TEL-0900-1'));
    expect(rotterdam).toMatchObject({ created: true, alert: null });
    t.clock.advance(30 * SECOND);
    expect(recordSignal(t.drill, anouk, call('GM0518', 'TEL-0900-2')).alert).toBeNull();
    expect(listSignalAlerts(t.drill, fatima)).toEqual([]);

    // Each drill's page and report see only their own signals.
    const detail = getDrill(t.drill, fatima, { drillId: second.drillId });
    expect(detail.signals.map((signal) => signal.municipality)).toEqual(['GM0518', 'GM0599']);
    expect(detail.alerts).toEqual([]);
    expect(buildDrillReportFor(t.drill, fatima, { drillId: second.drillId }).signalResponse?.firstSignalAt).toEqual(detail.signals[1]!.receivedAt);
    expect(getDrill(t.drill, fatima, { drillId: first.drillId }).signals.map((signal) => signal.municipality).sort()).toEqual(['GM0344', 'GM0363', 'GM0855']);

    // Two more of drill B's own municipalities make four: now it alerts, counting drill B's only.
    recordSignal(t.drill, anouk, call('GM0014', 'TEL-0900-3'));
    const raised = recordSignal(t.drill, anouk, call('GM0772', 'TEL-0900-4')).alert;
    expect(raised).toMatchObject({ kind: 'raised', alert: { drill: true, drillId: second.drillId, count: 4, municipalities: ['GM0014', 'GM0518', 'GM0599', 'GM0772'] } });
    expect(getDrill(t.drill, fatima, { drillId: second.drillId }).alerts.map((alert) => alert.id)).toEqual([raised!.alert.id]);
    endDrill(t.drill, fatima, { drill_id: second.drillId });

    // Live work never saw any of it.
    expect(listSignals(t.db, false, {})).toEqual([]);
    expect(listSignalAlerts(t.ctx, fatima)).toEqual([]);
  });

  it('refuses to start a scenario whose signal names an unknown municipality or a speed it does not offer, naming the field', () => {
    saveDrillScenario(t.drill, t.people.fatima, {
      yaml: [
        'id: meldingen-onbekende-gemeente',
        'title: { nl: Onbekende gemeente belt }',
        'summary: { nl: Een melding uit een gemeente die niet in de catalogus staat. }',
        'expected_scope: all',
        'expected_products: [registra-brp]',
        'signals:',
        '  - { after_minutes: 1, product: registra-brp, municipality: GM9999, summary: Inloggen lukt niet. }',
      ].join('\n'),
    });
    const unknown = refusalOf(() => startDrill(t.drill, t.people.fatima, { scenario_id: 'meldingen-onbekende-gemeente' }));
    expect(unknown.code).toBe('scenario_invalid');
    expect(unknown.problems).toEqual([{ field: 'signals[0].municipality', code: 'unknown_municipality', params: { id: 'GM9999' } }]);
    const speed = refusalOf(() => startDrill(t.drill, t.people.fatima, { scenario_id: 'meldingen-registra-reisdocumenten', signal_speed: '3' }));
    expect(speed.problems.map((problem) => problem.field)).toEqual(['signal_speed']);
  });
});
