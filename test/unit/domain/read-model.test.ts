import { describe, expect, it } from 'vitest';
import { buildReadModel, lastChangeAt, municipalityView } from '../../../src/domain/index.ts';
import { contentSet, incident, maintenance, maintenanceUpdate, outage, update, utrecht, zwolle } from '../../support/builders.ts';

const now = new Date('2026-11-27T13:00:00Z');

const drillIncident = outage({ id: 'oefening-brp-uitval', from: '2026-11-27T09:00:00Z', drill: true, impact: 'critical' });
const drillMaintenance = maintenance({ id: 'oefening-onderhoud', scheduled_for: '2026-11-27T12:00:00Z', scheduled_until: '2026-11-27T15:00:00Z', drill: true });
const drillUpcoming = maintenance({ id: 'oefening-onderhoud-december', scheduled_for: '2026-12-05T21:00:00Z', scheduled_until: '2026-12-05T23:00:00Z', drill: true });

describe('read model: the single gate', () => {
  const model = buildReadModel(contentSet({ incidents: [drillIncident], maintenances: [drillMaintenance, drillUpcoming] }), now);

  it('never shows a drill incident or drill maintenance anywhere', () => {
    expect(model.incidents).toEqual([]);
    expect(model.unresolvedIncidents).toEqual([]);
    expect(model.maintenances).toEqual([]);
    expect(model.upcomingMaintenances).toEqual([]);
    expect(model.activeMaintenances).toEqual([]);
    expect(JSON.stringify(model)).not.toContain('oefening');
  });

  it('lets a drill change no status, uptime or indicator', () => {
    expect(model.indicator).toEqual({ indicator: 'none', description: 'all_operational' });
    expect(model.components.every((entry) => entry.status === 'operational' && entry.uptime === 1 && entry.statusSince === null)).toBe(true);
    expect(municipalityView(model, utrecht).indicator).toEqual({ indicator: 'none', description: 'all_operational' });
  });
});

describe('read model', () => {
  const older = outage({ id: 'loket-afspraken-sms-vertraagd', component: 'loket-afspraken', status: 'degraded_performance', from: '2026-11-02T07:30:00Z', to: '2026-11-02T10:00:00Z', impact: 'minor' });
  const newer = outage({ id: 'registra-brp-inlogstoring', from: '2026-11-20T08:00:00Z', to: '2026-11-20T09:00:00Z' });
  const ongoing = incident({
    id: 'registra-brp-landelijke-storing',
    impact: 'critical',
    components: ['registra-brp', 'registra-reisdocumenten'],
    updates: [
      update('2026-11-27T08:12:00Z', 'investigating', { 'registra-brp': 'major_outage', 'registra-reisdocumenten': 'partial_outage' }),
      update('2026-11-27T08:41:00Z', 'identified'),
    ],
  });
  const done = maintenance({ id: 'loket-formulieren-digid-koppeling', components: ['loket-formulieren'], scheduled_for: '2026-10-10T20:00:00Z', scheduled_until: '2026-10-10T22:00:00Z' });
  const december = maintenance({ id: 'registra-brp-upgrade-december', scheduled_for: '2026-12-12T21:00:00Z', scheduled_until: '2026-12-13T01:00:00Z' });
  const january = maintenance({ id: 'registra-brp-upgrade-januari', scheduled_for: '2027-01-16T21:00:00Z', scheduled_until: '2027-01-17T01:00:00Z' });
  const active = maintenance({
    id: 'loket-afspraken-database',
    components: ['loket-afspraken'],
    scheduled_for: '2026-11-27T12:00:00Z',
    scheduled_until: '2026-11-27T14:00:00Z',
    updates: [maintenanceUpdate('2026-11-27T12:01:00Z', 'in_progress')],
  });
  const model = buildReadModel(contentSet({ incidents: [older, ongoing, newer], maintenances: [december, done, active, january] }), now);

  it('lists incidents newest first, with their updates newest first', () => {
    expect(model.incidents.map((entry) => entry.incident.id)).toEqual(['registra-brp-landelijke-storing', 'registra-brp-inlogstoring', 'loket-afspraken-sms-vertraagd']);
    expect(model.incidents[0]!.updates.map((entry) => entry.status)).toEqual(['identified', 'investigating']);
    expect(model.unresolvedIncidents.map((entry) => entry.incident.id)).toEqual(['registra-brp-landelijke-storing']);
  });

  it('lists maintenance by scheduled start, latest first; upcoming soonest first; active separately', () => {
    expect(model.maintenances.map((entry) => entry.maintenance.id)).toEqual([
      'registra-brp-upgrade-januari',
      'registra-brp-upgrade-december',
      'loket-afspraken-database',
      'loket-formulieren-digid-koppeling',
    ]);
    expect(model.upcomingMaintenances.map((entry) => entry.maintenance.id)).toEqual(['registra-brp-upgrade-december', 'registra-brp-upgrade-januari']);
    expect(model.activeMaintenances.map((entry) => entry.maintenance.id)).toEqual(['loket-afspraken-database']);
    expect(model.maintenances.at(-1)!.status).toBe('completed');
  });

  it('orders groups and products by their order fields and rolls a group up to its worst product', () => {
    expect(model.groups.map((entry) => [entry.group.id, entry.status, entry.components.map((c) => c.component.id)])).toEqual([
      ['burgerzaken', 'major_outage', ['registra-brp', 'registra-reisdocumenten']],
      ['digitale-dienstverlening', 'under_maintenance', ['loket-afspraken', 'loket-formulieren']],
    ]);
    expect(model.components.map((entry) => entry.component.id)).toEqual(['registra-brp', 'registra-reisdocumenten', 'loket-afspraken', 'loket-formulieren']);
  });

  it('says since when a product has its current status', () => {
    const brp = model.components.find((entry) => entry.component.id === 'registra-brp')!;
    expect(brp.statusSince).toEqual(new Date('2026-11-27T08:12:00Z'));
    const afspraken = model.components.find((entry) => entry.component.id === 'loket-afspraken')!;
    expect(afspraken.statusSince).toEqual(new Date('2026-11-27T12:01:00Z'));
  });

  it('rolls the page up from product statuses: one product down of several reads partial system outage', () => {
    expect(model.indicator).toEqual({ indicator: 'major', description: 'partial_outage' });
  });

  it('names the affected products and municipalities of each incident', () => {
    const entry = model.incidents[0]!;
    expect(entry.components.map((component) => component.name)).toEqual(['Registra BRP', 'Registra Reisdocumenten']);
    expect(entry.municipalities.map((municipality) => municipality.name)).toEqual(['Utrecht', 'Zwolle', "'s-Gravenhage"]);
  });

  it('sorts municipalities by Dutch name', () => {
    expect(model.municipalities.map((municipality) => municipality.name)).toEqual(["'s-Gravenhage", 'Almere', 'Utrecht', 'Zwolle']);
  });
});

describe("a municipality's view", () => {
  const utrechtOnly = outage({ id: 'registra-brp-storing-utrecht', from: '2026-11-27T10:00:00Z', scope: { municipalities: ['GM0344'] } });
  const formsDown = outage({ id: 'loket-formulieren-digid-storing', component: 'loket-formulieren', from: '2026-11-26T08:00:00Z', to: '2026-11-26T09:00:00Z' });
  const upgrade = maintenance({ id: 'registra-brp-upgrade-december', scheduled_for: '2026-12-12T21:00:00Z', scheduled_until: '2026-12-13T01:00:00Z' });
  const model = buildReadModel(contentSet({ incidents: [utrechtOnly, formsDown], maintenances: [upgrade] }), now);

  it('shows only the products the municipality uses, in page order', () => {
    expect(municipalityView(model, zwolle).components.map((entry) => entry.component.id)).toEqual(['registra-brp', 'loket-afspraken']);
  });

  it('shows only incidents that touch it: its own local ones and national ones on its products', () => {
    expect(municipalityView(model, utrecht).incidents.map((entry) => entry.incident.id)).toEqual(['registra-brp-storing-utrecht', 'loket-formulieren-digid-storing']);
    expect(municipalityView(model, zwolle).incidents).toEqual([]);
    expect(municipalityView(model, zwolle).upcomingMaintenances.map((entry) => entry.maintenance.id)).toEqual(['registra-brp-upgrade-december']);
  });

  it("does not paint a shared product red for a local outage elsewhere", () => {
    expect(model.components[0]!.status).toBe('major_outage');
    const ofZwolle = municipalityView(model, zwolle);
    expect(ofZwolle.components[0]!).toMatchObject({ status: 'operational', uptime: 1 });
    expect(ofZwolle.indicator).toEqual({ indicator: 'none', description: 'all_operational' });
    const ofUtrecht = municipalityView(model, utrecht);
    expect(ofUtrecht.components[0]!.status).toBe('major_outage');
    expect(ofUtrecht.unresolvedIncidents.map((entry) => entry.incident.id)).toEqual(['registra-brp-storing-utrecht']);
    expect(ofUtrecht.indicator).toEqual({ indicator: 'major', description: 'partial_outage' });
  });
});

describe('when the page was last updated', () => {
  it('is the newest change that has happened, not the build time, and ignores drills and the future', () => {
    const content = contentSet({
      incidents: [outage({ from: '2026-11-27T08:12:00Z' }), outage({ id: 'zwolle-storing', component: 'loket-afspraken', from: '2026-11-20T09:00:00Z', to: '2026-11-20T11:30:00Z' }), drillIncident],
      maintenances: [maintenance({ id: 'loket-onderhoud', scheduled_for: '2026-12-05T07:00:00Z', scheduled_until: '2026-12-05T11:00:00Z', updates: [maintenanceUpdate('2026-11-25T14:00:00Z', 'scheduled')] })],
    });
    const model = buildReadModel(content, now);
    // The drill incident's 09:00 update and the maintenance window ahead do not count.
    expect(lastChangeAt(model, now).toISOString()).toBe('2026-11-27T08:12:00.000Z');
    const view = municipalityView(model, zwolle);
    expect(lastChangeAt(view, now).toISOString()).toBe('2026-11-27T08:12:00.000Z');
    // Nothing ever happened: the start of the day, which the midnight rebuild confirms, not the build minute.
    expect(lastChangeAt({ incidents: [], maintenances: [] }, now).toISOString()).toBe('2026-11-26T23:00:00.000Z');
  });
});

describe('read model: a promised update that did not come', () => {
  const promising = (nextUpdateAt: string, extra: Array<ReturnType<typeof update>> = []) =>
    incident({ updates: [update('2026-11-27T08:12:00Z', 'investigating', { 'registra-brp': 'major_outage' }, { next_update_at: nextUpdateAt }), ...extra] });
  const missed = (content: Parameters<typeof contentSet>[0], at: string) => buildReadModel(contentSet(content), new Date(at)).incidents[0]!.nextUpdateMissed;

  it('is marked from the promised time on, as the rebuild at that time sees it', () => {
    expect(missed({ incidents: [promising('2026-11-27T09:30:00Z')] }, '2026-11-27T09:29:59Z')).toBe(false);
    expect(missed({ incidents: [promising('2026-11-27T09:30:00Z')] }, '2026-11-27T09:30:00Z')).toBe(true);
    expect(missed({ incidents: [promising('2026-11-27T09:30:00Z')] }, '2026-11-27T13:00:00Z')).toBe(true);
  });

  it('is not marked once an update keeps the promise or the incident is resolved', () => {
    const kept = update('2026-11-27T09:28:00Z', 'identified', {}, { next_update_at: '2026-11-27T10:30:00Z' });
    expect(missed({ incidents: [promising('2026-11-27T09:30:00Z', [kept])] }, '2026-11-27T10:00:00Z')).toBe(false);
    const resolved = update('2026-11-27T09:28:00Z', 'resolved', { 'registra-brp': 'operational' });
    expect(missed({ incidents: [promising('2026-11-27T09:30:00Z', [resolved])] }, '2026-11-27T10:00:00Z')).toBe(false);
  });
});
