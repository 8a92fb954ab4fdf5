import { describe, expect, it } from 'vitest';
import { API_ENDPOINTS, RECENT_LIMIT, type ApiEndpointName } from '../../../src/api/endpoints.ts';
import { STATUSPAGE_DESCRIPTION, toApiStatus } from '../../../src/api/map-page.ts';
import { apiId } from '../../../src/api/statuspage-ids.ts';
import { ApiComponentSchema, ApiGroupComponentSchema } from '../../../src/api/schemas.ts';
import { ApiSchemaError, apiEndpointBody, validatedJson } from '../../../src/api/validated-json.ts';
import { buildReadModel, type PageDescription } from '../../../src/domain/index.ts';
import { loadContent } from '../../../src/content/load-content.ts';
import {
  FEED_NOW,
  activeMaintenance,
  brpOutage,
  feedContentSet,
  drillIncident,
  incident,
  maintenance,
  upcomingMaintenance,
  zwolleOpen,
} from '../../support/builders.ts';

const ENDPOINT_NAMES = Object.keys(API_ENDPOINTS) as ApiEndpointName[];

function fullModel() {
  return buildReadModel(
    feedContentSet({ incidents: [brpOutage(), zwolleOpen(), drillIncident()], maintenances: [upcomingMaintenance(), activeMaintenance()] }),
    FEED_NOW,
  );
}

function json(name: ApiEndpointName, model = fullModel()) {
  return JSON.parse(apiEndpointBody(name, model));
}

describe('page and status', () => {
  it('wraps every endpoint in the page envelope with the Amsterdam time zone', () => {
    for (const name of ENDPOINT_NAMES) {
      expect(json(name).page).toEqual({
        id: 'vbsw2026hldr',
        name: 'Voorbeeld Software B.V.',
        url: 'https://status.voorbeeldsoftware.nl',
        time_zone: 'Europe/Amsterdam',
        // The latest published change at or before now: the in-progress update of 09:00.
        updated_at: '2026-11-27T09:00:00.000Z',
      });
    }
  });

  it("maps every page description code to Statuspage's English wording", () => {
    const expected: Record<PageDescription, string> = {
      all_operational: 'All Systems Operational',
      under_maintenance: 'Service Under Maintenance',
      minor_outage: 'Minor Service Outage',
      partially_degraded: 'Partially Degraded Service',
      degraded_system: 'Degraded System Service',
      partial_outage: 'Partial System Outage',
      major_system_outage: 'Major System Outage',
    };
    expect(STATUSPAGE_DESCRIPTION).toEqual(expected);
    expect(toApiStatus({ indicator: 'critical', description: 'major_system_outage' })).toEqual({ indicator: 'critical', description: 'Major System Outage' });
  });

  it('reports the rollup of the read model in status.json', () => {
    const model = fullModel();
    expect(json('status', model).status).toEqual({ indicator: model.indicator.indicator, description: STATUSPAGE_DESCRIPTION[model.indicator.description] });
    const quiet = buildReadModel(feedContentSet({ incidents: [brpOutage()] }), FEED_NOW);
    expect(json('status', quiet).status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
  });
});

describe('components.json', () => {
  it('lists each group row followed by its products, linked both ways', () => {
    const rows = json('components').components;
    expect(rows.map((row: { name: string; group: boolean }) => `${row.group ? 'group' : 'product'}:${row.name}`)).toEqual([
      'group:Burgerzaken',
      'product:Registra BRP',
      'product:Registra Reisdocumenten',
      'group:Digitale dienstverlening',
      'product:Loket Formulieren',
      'product:Burgerzaken Portaal',
    ]);
    const [burgerzaken, brp, reisdocumenten] = rows;
    expect(ApiGroupComponentSchema.parse(burgerzaken).components).toEqual([brp.id, reisdocumenten.id]);
    expect(ApiComponentSchema.parse(brp)).toMatchObject({ group_id: burgerzaken.id, position: 1, group: false, showcase: true, page_id: 'vbsw2026hldr' });
    expect(reisdocumenten).toMatchObject({ position: 2, status: 'partial_outage', description: 'Paspoorten en identiteitskaarten.' });
    expect(brp.status).toBe('under_maintenance');
    // A group is as bad as its worst product.
    expect(burgerzaken.status).toBe('partial_outage');
  });

  it('derives stable 12-character ids that keep a group and a product with the same slug apart', () => {
    const first = json('components').components.map((row: { id: string }) => row.id);
    const second = json('components').components.map((row: { id: string }) => row.id);
    expect(second).toEqual(first);
    for (const id of first) expect(id).toMatch(/^[a-z0-9]{12}$/);
    expect(new Set(first).size).toBe(first.length);
    expect(apiId('group', 'burgerzaken')).not.toBe(apiId('component', 'burgerzaken'));
    expect(first).toContain(apiId('component', 'registra-brp'));
  });
});

describe('incidents', () => {
  const resolved = () => json('incidents').incidents.find((entry: { name: string }) => entry.name === 'Registra BRP niet bereikbaar');

  it('says "postmortem" for a resolved incident with a postmortem, with the Dutch texts and times in ms precision', () => {
    const entry = resolved();
    expect(entry).toMatchObject({
      id: apiId('incident', '2026-11-03-registra-brp-storing'),
      status: 'postmortem',
      impact: 'critical',
      created_at: '2026-11-03T08:12:00.000Z',
      started_at: '2026-11-03T08:12:00.000Z',
      updated_at: '2026-11-03T10:05:00.000Z',
      monitoring_at: '2026-11-03T09:30:00.000Z',
      resolved_at: '2026-11-03T10:05:00.000Z',
      shortlink: 'https://status.voorbeeldsoftware.nl/incidenten/2026-11-03-registra-brp-storing/',
      postmortem_body: '## Oorzaak\n\nHet certificaat was verlopen.',
    });
    expect(entry.components.map((component: { name: string }) => component.name)).toEqual(['Registra BRP', 'Registra Reisdocumenten']);
  });

  it('keeps "resolved" when there is no postmortem, and never shows a postmortem of an open incident', () => {
    const withoutPostmortem = { ...brpOutage(), postmortem: undefined };
    const openWithPostmortem = { ...zwolleOpen(), postmortem: 'Nog niet af.' };
    const model = buildReadModel(feedContentSet({ incidents: [withoutPostmortem, openWithPostmortem] }), FEED_NOW);
    const [open, closed] = json('incidents', model).incidents;
    expect(closed).toMatchObject({ status: 'resolved', postmortem_body: null });
    expect(open).toMatchObject({ status: 'investigating', resolved_at: null, postmortem_body: null });
  });

  it('lists updates newest first with the component transitions each one caused', () => {
    const updates = resolved().incident_updates;
    expect(updates.map((update: { status: string }) => update.status)).toEqual(['resolved', 'monitoring', 'identified', 'investigating']);
    const [resolvedUpdate, monitoring, identified, investigating] = updates;
    const brp = { code: apiId('component', 'registra-brp'), name: 'Registra BRP' };
    const reis = { code: apiId('component', 'registra-reisdocumenten'), name: 'Registra Reisdocumenten' };
    expect(investigating.affected_components).toEqual([
      { ...brp, old_status: 'operational', new_status: 'major_outage' },
      { ...reis, old_status: 'operational', new_status: 'partial_outage' },
    ]);
    // Repeating a status is no transition.
    expect(identified.affected_components).toBeNull();
    expect(monitoring.affected_components).toEqual([{ ...brp, old_status: 'major_outage', new_status: 'degraded_performance' }]);
    // Resolving returns every product still affected to operational, even when the update names none.
    expect(resolvedUpdate.affected_components).toEqual([
      { ...brp, old_status: 'degraded_performance', new_status: 'operational' },
      { ...reis, old_status: 'partial_outage', new_status: 'operational' },
    ]);
    expect(investigating).toMatchObject({
      body: 'We onderzoeken waarom inloggen niet lukt.',
      incident_id: apiId('incident', '2026-11-03-registra-brp-storing'),
      created_at: '2026-11-03T08:12:00.000Z',
      updated_at: '2026-11-03T08:12:00.000Z',
      display_at: '2026-11-03T08:12:00.000Z',
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    });
  });

  it('gives updates ids that stay put when a later update is appended', () => {
    const before = brpOutage();
    const open = { ...before, updates: before.updates.slice(0, 2) };
    const idsOf = (entry: typeof before) =>
      json('incidents', buildReadModel(feedContentSet({ incidents: [entry] }), FEED_NOW)).incidents[0].incident_updates.map((update: { id: string }) => update.id);
    const openIds = idsOf(open);
    const allIds = idsOf(before);
    expect(allIds.slice(-2)).toEqual(openIds);
    expect(new Set(allIds).size).toBe(4);
  });

  it('puts only unresolved incidents in unresolved.json and summary.json', () => {
    const model = fullModel();
    expect(json('unresolvedIncidents', model).incidents.map((entry: { name: string }) => entry.name)).toEqual([
      'Aanvraagstations in Zwolle maken geen verbinding',
    ]);
    expect(json('summary', model).incidents).toEqual(json('unresolvedIncidents', model).incidents);
  });

  it('returns the 50 most recent incidents, newest first', () => {
    const many = Array.from({ length: 60 }, (_, index) => {
      const start = new Date(Date.UTC(2026, 8, 1) + index * 86_400_000);
      return incident({
        id: `incident-${String(index).padStart(2, '0')}`,
        title: `Storing ${index}`,
        impact: 'minor',
        components: ['loket-formulieren'],
        scope: 'all',
        updates: [
          { at: start.toISOString(), status: 'investigating', body: 'Onderzoek.', components: { 'loket-formulieren': 'degraded_performance' } },
          { at: new Date(start.getTime() + 3_600_000).toISOString(), status: 'resolved', body: 'Opgelost.' },
        ],
      });
    });
    const incidents = json('incidents', buildReadModel(feedContentSet({ incidents: many }), FEED_NOW)).incidents;
    expect(incidents).toHaveLength(RECENT_LIMIT);
    expect(incidents[0].name).toBe('Storing 59');
    expect(incidents.at(-1).name).toBe('Storing 10');
  });
});

describe('scheduled maintenances', () => {
  it('splits maintenance into upcoming, active and the full list with impact "maintenance"', () => {
    const model = fullModel();
    const names = (name: ApiEndpointName) => json(name, model).scheduled_maintenances.map((entry: { name: string; status: string }) => `${entry.status}:${entry.name}`);
    expect(names('upcomingMaintenances')).toEqual(['scheduled:Vervanging servers Loket Formulieren']);
    expect(names('activeMaintenances')).toEqual(['in_progress:Upgrade Registra']);
    expect(names('summary')).toEqual(['in_progress:Upgrade Registra', 'scheduled:Vervanging servers Loket Formulieren']);
    expect(names('scheduledMaintenances')).toEqual(['scheduled:Vervanging servers Loket Formulieren', 'in_progress:Upgrade Registra']);
    for (const entry of json('scheduledMaintenances', model).scheduled_maintenances) expect(entry.impact).toBe('maintenance');
  });

  it('shows products going under maintenance when work starts', () => {
    const active = json('activeMaintenances').scheduled_maintenances[0];
    expect(active).toMatchObject({
      id: apiId('maintenance', '2026-11-27-upgrade-registra'),
      scheduled_for: '2026-11-27T09:00:00.000Z',
      scheduled_until: '2026-11-27T11:00:00.000Z',
      started_at: '2026-11-27T09:00:00.000Z',
      created_at: '2026-11-20T12:00:00.000Z',
      resolved_at: null,
      shortlink: 'https://status.voorbeeldsoftware.nl/onderhoud/2026-11-27-upgrade-registra/',
    });
    const [started, announced] = active.incident_updates;
    expect(started.affected_components).toEqual([
      { code: apiId('component', 'registra-brp'), name: 'Registra BRP', old_status: 'operational', new_status: 'under_maintenance' },
    ]);
    expect(announced).toMatchObject({ status: 'scheduled', body: 'Aangekondigd: upgrade op 27 november.', affected_components: null });
  });

  it('publishes the description as the announcement when the content has none', () => {
    const upcoming = json('upcomingMaintenances').scheduled_maintenances[0];
    expect(upcoming.incident_updates).toHaveLength(1);
    expect(upcoming.incident_updates[0]).toMatchObject({
      status: 'scheduled',
      body: 'Formulieren versturen is dan niet mogelijk.',
      display_at: '2026-12-12T07:00:00.000Z',
      affected_components: null,
    });
    expect(upcoming).toMatchObject({ status: 'scheduled', started_at: '2026-12-12T07:00:00.000Z', resolved_at: null, monitoring_at: null });
  });

  it('completes a maintenance by the clock when it has no updates, and keeps an explicit "in progress" past the window', () => {
    const later = buildReadModel(feedContentSet({ maintenances: [upcomingMaintenance(), activeMaintenance()] }), new Date('2026-12-12T12:00:00Z'));
    const [byClock, overrunning] = json('scheduledMaintenances', later).scheduled_maintenances;
    expect(byClock).toMatchObject({ status: 'completed', started_at: '2026-12-12T07:00:00.000Z', resolved_at: '2026-12-12T11:00:00.000Z', updated_at: '2026-12-12T11:00:00.000Z' });
    expect(overrunning).toMatchObject({ status: 'in_progress', resolved_at: null });
    expect(json('activeMaintenances', later).scheduled_maintenances.map((entry: { name: string }) => entry.name)).toEqual(['Upgrade Registra']);
  });
});

describe('the drill gate', () => {
  it('keeps drill incidents and drill maintenance out of every endpoint', () => {
    const drillMaintenance = maintenance({
      id: '2026-11-27-oefening-onderhoud',
      title: 'OEFENING onderhoud',
      description: 'OEFENING',
      components: ['loket-formulieren'],
      scheduled_for: '2026-11-27T09:30:00Z',
      scheduled_until: '2026-11-27T12:00:00Z',
      drill: true,
    });
    const model = buildReadModel(feedContentSet({ incidents: [drillIncident(), brpOutage()], maintenances: [drillMaintenance] }), FEED_NOW);
    for (const name of ENDPOINT_NAMES) {
      const body = apiEndpointBody(name, model);
      expect(body).not.toMatch(/OEFENING|EXERCISE/);
      expect(body).not.toContain(apiId('incident', drillIncident().id));
      expect(body).not.toContain(apiId('maintenance', drillMaintenance.id));
    }
    // The drill's major outage does not colour the page either.
    expect(json('status', model).status.indicator).toBe('none');
  });
});

describe('schema validation', () => {
  it('accepts every endpoint built from the demo content', () => {
    const model = buildReadModel(loadContent('content'), new Date('2026-11-27T12:00:00Z'));
    for (const name of ENDPOINT_NAMES) {
      const endpoint = API_ENDPOINTS[name];
      expect(() => endpoint.schema.parse(JSON.parse(apiEndpointBody(name, model))), name).not.toThrow();
    }
  });

  it('refuses a response that breaks the contract, naming the endpoint and the field', () => {
    const body = json('status');
    body.status.indicator = 'maintenance';
    body.page.updated_at = '2026-11-27T09:00:00Z';
    expect(() => validatedJson('status.json', API_ENDPOINTS.status.schema, body)).toThrowError(ApiSchemaError);
    expect(() => validatedJson('status.json', API_ENDPOINTS.status.schema, body)).toThrowErrorMatchingInlineSnapshot(`
      [ApiSchemaError: /api/v2/status.json does not match its Statuspage schema (src/api/schemas.ts):
        page.updated_at: must be an ISO 8601 UTC timestamp with milliseconds
        status.indicator: Invalid option: expected one of "none"|"minor"|"major"|"critical"]
    `);
  });

  it('refuses an unresolved list that contains a resolved incident', () => {
    const body = json('incidents');
    expect(() => validatedJson('incidents/unresolved.json', API_ENDPOINTS.unresolvedIncidents.schema, body)).toThrowError(/must be unresolved/);
  });
});
