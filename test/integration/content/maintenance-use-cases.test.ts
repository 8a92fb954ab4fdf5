import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStatusPageWriter } from '../../../src/admin/incidents/append-status-page-update.ts';
import { ContentChangeError } from '../../../src/admin/incidents/content-change.ts';
import { postMaintenanceUpdate } from '../../../src/admin/maintenance/post-maintenance-update.ts';
import { scheduleMaintenance, type ScheduleMaintenanceInput } from '../../../src/admin/maintenance/schedule-maintenance.ts';
import { AuthorisationError } from '../../../src/auth/roles.ts';
import { loadContent } from '../../../src/content/load-content.ts';
import { buildReadModel, deriveMaintenanceStatus } from '../../../src/domain/index.ts';
import { queryAudit } from '../../../src/store/audit-log.ts';
import { approver, composer, createInstallation, snapshotTree, type Installation } from './content-fixture.ts';

let install: Installation;
beforeEach(() => {
  install = createInstallation('2026-11-27T10:00:00Z');
});
afterEach(() => install.close());

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

const actions = () => queryAudit(install.db).entries.reverse().map((entry) => `${entry.action} ${entry.subject?.id}`);

describe('maintenance use cases', () => {
  it('schedule, start, verify and complete maintenance, each step a valid file and an audit entry', () => {
    const scheduled = scheduleMaintenance(install, composer, upgrade);
    expect(scheduled).toMatchObject({ kind: 'maintenance', action: 'maintenance_scheduled', id: '2026-12-12-upgrade-registra-brp-naar-versie-2027-1', drill: false });
    expect(loadContent(install.contentDir).maintenances).toEqual([scheduled.maintenance]);
    expect(buildReadModel(loadContent(install.contentDir), install.clock.now()).upcomingMaintenances.map((entry) => entry.maintenance.id)).toEqual([scheduled.id]);

    install.clock.set('2026-12-12T21:02:00Z');
    postMaintenanceUpdate(install, composer, { id: scheduled.id, status: 'in_progress', body: 'Het onderhoud is begonnen.' });
    const during = buildReadModel(loadContent(install.contentDir), install.clock.now());
    expect(during.components.find((entry) => entry.component.id === 'registra-brp')?.status).toBe('under_maintenance');

    install.clock.set('2026-12-13T00:30:00Z');
    postMaintenanceUpdate(install, composer, { id: scheduled.id, status: 'verifying', body: 'De upgrade is klaar; we controleren of alles werkt.' });
    install.clock.set('2026-12-13T00:55:00Z');
    const completed = postMaintenanceUpdate(install, composer, { id: scheduled.id, status: 'completed', body: 'Het onderhoud is afgerond.' });
    expect(deriveMaintenanceStatus(completed.maintenance, install.clock.now())).toBe('completed');
    expect(loadContent(install.contentDir).maintenances).toEqual([completed.maintenance]);

    expect(actions()).toEqual([
      `maintenance_scheduled ${scheduled.id}`,
      `maintenance_started ${scheduled.id}`,
      `maintenance_updated ${scheduled.id}`,
      `maintenance_completed ${scheduled.id}`,
    ]);
  });

  it('allow starting work that overruns its window, and refuse anything after completion', () => {
    const scheduled = scheduleMaintenance(install, composer, upgrade);
    install.clock.set('2026-12-13T02:00:00Z');
    const late = postMaintenanceUpdate(install, composer, { id: scheduled.id, status: 'in_progress', body: 'Het onderhoud loopt uit.' });
    expect(deriveMaintenanceStatus(late.maintenance, install.clock.now())).toBe('in_progress');
    install.clock.set('2026-12-13T03:00:00Z');
    postMaintenanceUpdate(install, composer, { id: scheduled.id, status: 'completed', body: 'Afgerond.' });
    const before = snapshotTree(install.root);
    install.clock.set('2026-12-13T04:00:00Z');
    expect(() => postMaintenanceUpdate(install, composer, { id: scheduled.id, status: 'in_progress', body: 'Opnieuw.' })).toThrow(/al afgerond/);
    expect(snapshotTree(install.root)).toEqual(before);
  });

  it('refuse a window that ends before it starts or lies in the past', () => {
    const refused = (() => {
      try {
        scheduleMaintenance(install, composer, { ...upgrade, scheduled_for: '2026-11-20T21:00:00Z', scheduled_until: '2026-11-20T20:00:00Z' });
      } catch (error) {
        return error as ContentChangeError;
      }
    })();
    expect(refused?.problems).toMatchInlineSnapshot(`
      [
        {
          "field": "scheduled_until",
          "message": "moet na het begin liggen (must be after the start)",
        },
        {
          "field": "scheduled_until",
          "message": "ligt in het verleden (is in the past)",
        },
      ]
    `);
  });

  it('refuse unknown products and people without the composer role, writing nothing', () => {
    const before = snapshotTree(install.root);
    expect(() => scheduleMaintenance(install, composer, { ...upgrade, components: ['registra-paspoort'] })).toThrow(/onbekend product "registra-paspoort"/);
    expect(() => scheduleMaintenance(install, approver, upgrade)).toThrow(AuthorisationError);
    expect(snapshotTree(install.root)).toEqual(before);
    expect(actions()).toEqual([]);
  });

  it('keep drill maintenance out of the public content', () => {
    const before = snapshotTree(install.contentDir);
    const drill = scheduleMaintenance(install, composer, { ...upgrade, drill: true });
    install.clock.set('2026-12-12T21:00:00Z');
    postMaintenanceUpdate(install, composer, { id: drill.id, drill: true, status: 'in_progress', body: 'Oefening: begonnen.' });
    expect(snapshotTree(install.contentDir)).toEqual(before);
    expect(() => postMaintenanceUpdate(install, composer, { id: drill.id, status: 'completed', body: 'Zoekt in de publieke map.' })).toThrow(/bestaat niet/);
  });

  it('take an approved message as a maintenance update, once', () => {
    const scheduled = scheduleMaintenance(install, composer, upgrade);
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
    install.clock.set('2026-12-12T21:01:00Z');
    const writer = createStatusPageWriter(install);
    writer.appendUpdate(update);
    writer.appendUpdate(update);
    expect(loadContent(install.contentDir).maintenances[0]!.updates.map((entry) => entry.status)).toEqual(['in_progress']);
  });
});
