import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../../../src/content/load-content.ts';
import { buildReadModel, deriveMaintenanceStatus } from '../../../../src/domain/index.ts';
import { queryAudit } from '../../../../src/store/audit-log.ts';
import { appendStatusPageUpdate } from '../../../../src/use-cases/incidents/append-status-page-update.ts';
import { postMaintenanceUpdate } from '../../../../src/use-cases/maintenance/post-maintenance-update.ts';
import { scheduleMaintenance, type ScheduleMaintenanceInput } from '../../../../src/use-cases/maintenance/schedule-maintenance.ts';
import { readRefusal, refusalOf } from '../../../support/refusals.ts';
import { createTestApp, snapshotTree, type TestApp } from '../../../support/test-app.ts';

let t: TestApp;
// The demo catalogue of products and municipalities, and no maintenance yet.
beforeEach(async () => {
  t = await createTestApp({ catalogueOnly: true, start: '2026-11-27T10:00:00Z' });
});
afterEach(() => t.close());

const upgrade: ScheduleMaintenanceInput = {
  title: { nl: 'Upgrade Registra BRP naar versie 2027.1', en: 'Registra BRP upgrade to version 2027.1' },
  description: {
    nl: 'Registra BRP en Registra Reisdocumenten zijn tijdens het onderhoud niet beschikbaar. Plan geen balieafspraken voor verhuizingen.',
    en: 'Registra BRP and Registra Reisdocumenten are unavailable during the maintenance.',
  },
  components: ['registra-brp', 'registra-reisdocumenten'],
  // Saturday 12 December 2026, 22:00–02:00 Amsterdam time.
  scheduled_for: '2026-12-12T21:00:00Z',
  scheduled_until: '2026-12-13T01:00:00Z',
};

const actions = () => queryAudit(t.db).entries.reverse().map((entry) => `${entry.action} ${entry.subject?.id}`);

describe('maintenance use cases', () => {
  it('schedule, start, verify and complete maintenance, each step a valid file and an audit entry', () => {
    const scheduled = scheduleMaintenance(t.ctx, t.people.sanne, upgrade);
    expect(scheduled).toMatchObject({ kind: 'maintenance', action: 'maintenance_scheduled', id: '2026-12-12-upgrade-registra-brp-naar-versie-2027-1', drill: false });
    expect(loadContent(t.contentDir).maintenances).toEqual([scheduled.maintenance]);
    expect(buildReadModel(loadContent(t.contentDir), t.clock.now()).upcomingMaintenances.map((entry) => entry.maintenance.id)).toEqual([scheduled.id]);

    t.clock.set('2026-12-12T21:02:00Z');
    postMaintenanceUpdate(t.ctx, t.people.sanne, { id: scheduled.id, status: 'in_progress', body: 'Het onderhoud is begonnen.' });
    const during = buildReadModel(loadContent(t.contentDir), t.clock.now());
    expect(during.components.find((entry) => entry.component.id === 'registra-brp')?.status).toBe('under_maintenance');

    t.clock.set('2026-12-13T00:30:00Z');
    postMaintenanceUpdate(t.ctx, t.people.sanne, { id: scheduled.id, status: 'verifying', body: 'De upgrade is klaar; we controleren of alles werkt.' });
    t.clock.set('2026-12-13T00:55:00Z');
    const completed = postMaintenanceUpdate(t.ctx, t.people.sanne, { id: scheduled.id, status: 'completed', body: 'Het onderhoud is afgerond.' });
    expect(deriveMaintenanceStatus(completed.maintenance, t.clock.now())).toBe('completed');
    expect(loadContent(t.contentDir).maintenances).toEqual([completed.maintenance]);

    expect(actions()).toEqual([
      `maintenance_scheduled ${scheduled.id}`,
      `maintenance_started ${scheduled.id}`,
      `maintenance_updated ${scheduled.id}`,
      `maintenance_completed ${scheduled.id}`,
    ]);
  });

  it('allow starting work that overruns its window, and refuse anything after completion', () => {
    const scheduled = scheduleMaintenance(t.ctx, t.people.sanne, upgrade);
    t.clock.set('2026-12-13T02:00:00Z');
    const late = postMaintenanceUpdate(t.ctx, t.people.sanne, { id: scheduled.id, status: 'in_progress', body: 'Het onderhoud loopt uit.' });
    expect(deriveMaintenanceStatus(late.maintenance, t.clock.now())).toBe('in_progress');
    t.clock.set('2026-12-13T03:00:00Z');
    postMaintenanceUpdate(t.ctx, t.people.sanne, { id: scheduled.id, status: 'completed', body: 'Afgerond.' });
    const before = snapshotTree(t.root);
    t.clock.set('2026-12-13T04:00:00Z');
    const refused = refusalOf(() => postMaintenanceUpdate(t.ctx, t.people.sanne, { id: scheduled.id, status: 'in_progress', body: 'Opnieuw.' }));
    expect(refused).toMatchObject({ code: 'maintenance_transition', params: { from: 'completed', to: 'in_progress' } });
    expect(readRefusal(refused, 'nl').text).toMatchInlineSnapshot(`"Dit onderhoud kan niet van "Afgerond" naar "Bezig". Kies een status die daarna past."`);
    expect(snapshotTree(t.root)).toEqual(before);
  });

  it('refuse a window that ends before it starts or lies in the past', () => {
    const refused = refusalOf(() => scheduleMaintenance(t.ctx, t.people.sanne, { ...upgrade, scheduled_for: '2026-11-20T21:00:00Z', scheduled_until: '2026-11-20T20:00:00Z' }));
    expect(readRefusal(refused, 'nl')).toMatchInlineSnapshot(`
      {
        "code": "invalid_input",
        "problems": [
          "scheduled_until [must_be_after_start]: Kies een tijd na het begin.",
        ],
        "text": "Controleer de velden hieronder.",
      }
    `);
    expect(readRefusal(refused, 'en').problems).toMatchInlineSnapshot(`
      [
        "scheduled_until [must_be_after_start]: Choose a time after the start.",
      ]
    `);
    // In the right order, but over already: one problem per field, the one that still applies.
    const past = refusalOf(() => scheduleMaintenance(t.ctx, t.people.sanne, { ...upgrade, scheduled_for: '2026-11-20T21:00:00Z', scheduled_until: '2026-11-20T23:00:00Z' }));
    expect(readRefusal(past, 'nl').problems).toMatchInlineSnapshot(`
      [
        "scheduled_until [must_be_future]: Kies een tijd in de toekomst.",
      ]
    `);
    expect(actions()).toEqual([]);
  });

  it('refuse unknown products and people without the composer role, writing nothing', () => {
    const before = snapshotTree(t.root);
    expect(refusalOf(() => scheduleMaintenance(t.ctx, t.people.sanne, { ...upgrade, components: ['registra-paspoort'] })).problems).toEqual([
      { field: 'components', code: 'unknown_product', params: { id: 'registra-paspoort' } },
    ]);
    expect(refusalOf(() => scheduleMaintenance(t.ctx, t.people.bram, upgrade))).toMatchObject({ code: 'forbidden', params: { permission: 'maintenance.manage' } });
    expect(snapshotTree(t.root)).toEqual(before);
    expect(actions()).toEqual([]);
  });

  it('keep drill maintenance out of the public content', () => {
    const before = snapshotTree(t.contentDir);
    const drill = scheduleMaintenance(t.drill, t.people.sanne, upgrade);
    expect(drill.drill).toBe(true);
    t.clock.set('2026-12-12T21:00:00Z');
    postMaintenanceUpdate(t.drill, t.people.sanne, { id: drill.id, status: 'in_progress', body: 'Oefening: begonnen.' });
    expect(snapshotTree(t.contentDir)).toEqual(before);
    const refused = refusalOf(() => postMaintenanceUpdate(t.ctx, t.people.sanne, { id: drill.id, status: 'completed', body: 'Zoekt in de publieke map.' }));
    expect(refused.code).toBe('maintenance_not_found');
    expect(readRefusal(refused, 'nl').text).toMatchInlineSnapshot(`"Dit onderhoud bestaat niet (meer)."`);
  });

  it('take an approved message as a maintenance update, once', () => {
    const scheduled = scheduleMaintenance(t.ctx, t.people.sanne, upgrade);
    const update = {
      messageId: 'bericht-onderhoud',
      subject: { kind: 'maintenance' as const, id: scheduled.id },
      drill: false,
      at: new Date('2026-12-12T21:00:00Z'),
      status: 'in_progress',
      components: {},
      nextUpdateAt: null,
      body: { nl: 'Het onderhoud is begonnen.' },
    };
    t.clock.set('2026-12-12T21:01:00Z');
    expect(appendStatusPageUpdate(t.ctx, update)).toMatchObject({ action: 'maintenance_started', id: scheduled.id });
    expect(appendStatusPageUpdate(t.ctx, update)).toBeNull();
    expect(loadContent(t.contentDir).maintenances[0]!.updates.map((entry) => entry.status)).toEqual(['in_progress']);
  });
});
