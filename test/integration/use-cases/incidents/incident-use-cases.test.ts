import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHelderApp } from '../../../../src/composition/create-app.ts';
import { loadConfig } from '../../../../src/config/config.ts';
import { loadContent } from '../../../../src/content/load-content.ts';
import { buildReadModel, deriveIncidentTimes } from '../../../../src/domain/index.ts';
import { queryAudit, verifyAuditChain } from '../../../../src/store/audit-log.ts';
import { addPostmortem } from '../../../../src/use-cases/incidents/add-postmortem.ts';
import { appendStatusPageUpdate } from '../../../../src/use-cases/incidents/append-status-page-update.ts';
import { openIncident, type OpenIncidentInput } from '../../../../src/use-cases/incidents/open-incident.ts';
import { postIncidentUpdate } from '../../../../src/use-cases/incidents/post-incident-update.ts';
import { resolveIncident } from '../../../../src/use-cases/incidents/resolve-incident.ts';
import { PROJECT_ROOT } from '../../../support/build-site.ts';
import { readRefusal, refusalOf } from '../../../support/refusals.ts';
import { createTestApp, snapshotTree, type TestApp } from '../../../support/test-app.ts';

const MINUTE = 60_000;
let t: TestApp;
// The demo catalogue of products and municipalities, and no incidents yet.
beforeEach(async () => {
  t = await createTestApp({ catalogueOnly: true, start: '2026-11-27T08:12:00Z' });
});
afterEach(() => t.close());

const landelijkeStoring: OpenIncidentInput = {
  title: { nl: 'Registra BRP niet bereikbaar', en: 'Registra BRP unavailable' },
  impact: 'critical',
  components: { 'registra-brp': 'major_outage' },
  scope: 'all',
  workaround: { nl: 'Noteer verhuizingen op het papieren formulier.', en: 'Record changes of address on the paper form.' },
  body: { nl: 'Sinds 09:05 uur kunnen medewerkers niet inloggen in Registra BRP. We onderzoeken de oorzaak.', en: 'Since 09:05 staff cannot log in to Registra BRP.' },
  next_update_at: '2026-11-27T08:45:00Z',
};

/** Audit entries oldest first, as "action subject by actor (drill)". */
function auditTrail(): string[] {
  return queryAudit(t.db)
    .entries.reverse()
    .map((entry) => `${entry.action} ${entry.subject?.type}:${entry.subject?.id} by ${entry.actor.name}${entry.drill ? ' (drill)' : ''}`);
}

describe('incident use cases', () => {
  it('take an incident from opening through updates and resolution to a postmortem, each step a valid content file and an audit entry', () => {
    const opened = openIncident(t.ctx, t.people.sanne, landelijkeStoring);
    expect(opened).toMatchObject({ kind: 'incident', action: 'incident_opened', id: '2026-11-27-registra-brp-niet-bereikbaar', drill: false });
    expect(opened.file.endsWith(join('content', 'incidents', '2026-11-27-registra-brp-niet-bereikbaar.md'))).toBe(true);
    expect(loadContent(t.contentDir).incidents).toEqual([opened.incident]);

    t.clock.advance(29 * MINUTE);
    const updated = postIncidentUpdate(t.ctx, t.people.sanne, {
      id: opened.id,
      status: 'identified',
      body: 'De oorzaak is een verlopen certificaat. Ook reisdocumenten aanvragen lukt deels niet.',
      components: { 'registra-reisdocumenten': 'partial_outage' },
      next_update_at: '2026-11-27T09:30:00Z',
    });
    expect(updated.incident.components).toEqual(['registra-brp', 'registra-reisdocumenten']);
    expect(deriveIncidentTimes(updated.incident)).toMatchObject({ status: 'identified', nextUpdateAt: new Date('2026-11-27T09:30:00Z') });

    const model = buildReadModel(loadContent(t.contentDir), t.clock.now());
    expect(model.unresolvedIncidents.map((entry) => entry.incident.id)).toEqual([opened.id]);
    expect(model.components.find((entry) => entry.component.id === 'registra-reisdocumenten')?.status).toBe('partial_outage');

    t.clock.advance(90 * MINUTE);
    const resolved = resolveIncident(t.ctx, t.people.sanne, { id: opened.id, body: 'Het certificaat is vervangen; Registra BRP werkt weer.' });
    expect(resolved.incident.updates.at(-1)).toMatchObject({ status: 'resolved', components: { 'registra-brp': 'operational', 'registra-reisdocumenten': 'operational' } });
    expect(buildReadModel(loadContent(t.contentDir), t.clock.now()).indicator.description).toBe('all_operational');

    t.clock.advance(3 * 24 * 60 * MINUTE);
    const postmortem = addPostmortem(t.ctx, t.people.sanne, { id: opened.id, postmortem: '## Oorzaak\n\nHet certificaat van de koppeling met de landelijke voorziening was verlopen.' });
    expect(loadContent(t.contentDir).incidents[0]).toEqual(postmortem.incident);
    expect(postmortem.incident.postmortem).toContain('## Oorzaak');

    expect(auditTrail()).toEqual([
      `incident_opened incident:${opened.id} by Sanne de Vries`,
      `incident_updated incident:${opened.id} by Sanne de Vries`,
      `incident_resolved incident:${opened.id} by Sanne de Vries`,
      `postmortem_added incident:${opened.id} by Sanne de Vries`,
    ]);
    expect(queryAudit(t.db).entries.find((entry) => entry.action === 'incident_resolved')?.details).toEqual({ durationMinutes: 119 });
    expect(verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 4 });
  });

  it('give a second incident with the same title on the same day its own file', () => {
    const first = openIncident(t.ctx, t.people.sanne, landelijkeStoring);
    t.clock.advance(5 * MINUTE);
    const second = openIncident(t.ctx, t.people.sanne, { ...landelijkeStoring, next_update_at: undefined });
    expect([first.id, second.id]).toEqual(['2026-11-27-registra-brp-niet-bereikbaar', '2026-11-27-registra-brp-niet-bereikbaar-2']);
  });

  it('store sanitised plain Markdown: control characters gone, HTML kept as inert text', () => {
    const opened = openIncident(t.ctx, t.people.sanne, { ...landelijkeStoring, body: 'Storing\u0000 bij **inloggen**\u0007 <script>alert("x")</script>\r\n' });
    expect(opened.incident.updates[0]!.body).toBe('Storing bij **inloggen** <script>alert("x")</script>');
    expect(readFileSync(opened.file, 'utf8')).not.toMatch(/[\u0000\u0007\r]/);
  });

  it('never write a drill incident into the public content directory', () => {
    const before = snapshotTree(t.contentDir);
    const drill = openIncident(t.drill, t.people.sanne, landelijkeStoring);
    expect(drill.drill).toBe(true);
    expect(drill.file.startsWith(join(t.root, 'data', 'drill-content', 'incidents'))).toBe(true);
    t.clock.advance(10 * MINUTE);
    resolveIncident(t.drill, t.people.sanne, { id: drill.id, body: 'Einde oefening.' });
    // The live context does not know it.
    expect(refusalOf(() => resolveIncident(t.ctx, t.people.sanne, { id: drill.id, body: 'Einde oefening.' })).code).toBe('incident_not_found');
    expect(snapshotTree(t.contentDir)).toEqual(before);
    expect(loadContent(t.contentDir).incidents).toEqual([]);
    expect(readFileSync(drill.file, 'utf8')).toContain('drill: true');
    expect(auditTrail()).toEqual([`incident_opened incident:${drill.id} by Sanne de Vries (drill)`, `incident_resolved incident:${drill.id} by Sanne de Vries (drill)`]);
  });

  it('treat everything as a drill on an instance in drill mode', async () => {
    const training = await createTestApp({ catalogueOnly: true, start: '2026-11-27T08:12:00Z', env: { HELDER_MODE: 'drill' } });
    try {
      const before = snapshotTree(training.contentDir);
      const opened = openIncident(training.ctx, training.people.sanne, landelijkeStoring);
      expect(opened.drill).toBe(true);
      expect(opened.file.startsWith(training.drillContentDir)).toBe(true);
      expect(snapshotTree(training.contentDir)).toEqual(before);
    } finally {
      await training.close();
    }
  });

  it('refuse a drill content directory inside the public one, before touching anything', () => {
    const before = snapshotTree(t.root);
    // A data directory inside the public content would put the drill content (and the database) in it.
    const config = loadConfig({ ...t.env, HELDER_DATA_DIR: join('content', 'oefening') }, t.root);
    expect(() => createHelderApp(config, { projectDir: PROJECT_ROOT, log: () => {} })).toThrow(/must be outside the public content directory/);
    expect(snapshotTree(t.root)).toEqual(before);
    expect(existsSync(join(t.contentDir, 'oefening'))).toBe(false);
  });

  it('refuse someone without the composer role, writing nothing', () => {
    const before = snapshotTree(t.root);
    expect(refusalOf(() => openIncident(t.ctx, t.people.bram, landelijkeStoring))).toMatchObject({ code: 'forbidden', params: { permission: 'incident.manage' } });
    expect(snapshotTree(t.root)).toEqual(before);
    expect(auditTrail()).toEqual([]);
  });

  it('refuse unknown products and municipalities, writing nothing', () => {
    const before = snapshotTree(t.root);
    const refused = refusalOf(() =>
      openIncident(t.ctx, t.people.sanne, { ...landelijkeStoring, components: { 'registra-paspoort': 'major_outage' }, scope: { municipalities: ['GM0344', 'GM9999'] } }),
    );
    expect(refused.code).toBe('invalid_input');
    expect(refused.problems).toEqual([
      { field: 'components', code: 'unknown_product', params: { id: 'registra-paspoort' } },
      { field: 'scope', code: 'unknown_municipality', params: { id: 'GM9999' } },
    ]);
    expect(readRefusal(refused, 'nl').problems).toMatchInlineSnapshot(`
      [
        "components [unknown_product]: Het product "registra-paspoort" bestaat niet. Kies een product uit de lijst.",
        "scope [unknown_municipality]: De gemeente "GM9999" bestaat niet. Kies een gemeente uit de lijst.",
      ]
    `);
    expect(snapshotTree(t.root)).toEqual(before);
    expect(auditTrail()).toEqual([]);
  });

  it('explain invalid input field by field', () => {
    const refused = refusalOf(() =>
      openIncident(t.ctx, t.people.sanne, { ...landelijkeStoring, title: '  ', impact: 'enorm' as 'major', components: {}, next_update_at: '27-11-2026 10:00' }),
    );
    expect(readRefusal(refused, 'nl')).toMatchInlineSnapshot(`
      {
        "code": "invalid_input",
        "problems": [
          "title [required]: Vul dit in.",
          "impact [not_one_of]: Kies een van deze mogelijkheden: none, minor, major of critical.",
          "components [choose_product]: Kies minstens één product.",
          "next_update_at [invalid_date_time]: Vul een datum en tijd in, bijvoorbeeld 27-11-2026 10:30.",
        ],
        "text": "Controleer de velden hieronder.",
      }
    `);
    expect(readRefusal(refused, 'en').problems).toMatchInlineSnapshot(`
      [
        "title [required]: Fill this in.",
        "impact [not_one_of]: Choose one of: none, minor, major or critical (got "enorm").",
        "components [choose_product]: Choose at least one product.",
        "next_update_at [invalid_date_time]: Enter a date and time with offset, for example 2026-11-27T10:30:00+01:00.",
      ]
    `);
    const past = refusalOf(() => openIncident(t.ctx, t.people.sanne, { ...landelijkeStoring, next_update_at: '2026-11-27T08:00:00Z' }));
    expect(past.problems).toEqual([{ field: 'next_update_at', code: 'must_be_future' }]);
  });

  it('refuse updates to a resolved incident and a postmortem before resolution', () => {
    const opened = openIncident(t.ctx, t.people.sanne, landelijkeStoring);
    t.clock.advance(MINUTE);
    const early = refusalOf(() => addPostmortem(t.ctx, t.people.sanne, { id: opened.id, postmortem: 'Te vroeg.' }));
    expect(early.code).toBe('incident_not_resolved');
    expect(readRefusal(early, 'nl').text).toMatchInlineSnapshot(`"Een analyse achteraf kan pas als het incident is opgelost."`);
    resolveIncident(t.ctx, t.people.sanne, { id: opened.id, body: 'Opgelost.' });
    const before = snapshotTree(t.root);
    t.clock.advance(MINUTE);
    const late = refusalOf(() => postIncidentUpdate(t.ctx, t.people.sanne, { id: opened.id, status: 'monitoring', body: 'Toch nog niet.' }));
    expect(late.code).toBe('incident_resolved');
    expect(readRefusal(late, 'nl').text).toMatchInlineSnapshot(`"Dit incident is al opgelost. Open een nieuw incident als de storing terugkomt."`);
    expect(refusalOf(() => resolveIncident(t.ctx, t.people.sanne, { id: opened.id, body: 'Nogmaals.' })).code).toBe('incident_resolved');
    expect(snapshotTree(t.root)).toEqual(before);
  });

  it('refuse an update of an incident that does not exist', () => {
    const refused = refusalOf(() => postIncidentUpdate(t.ctx, t.people.sanne, { id: '2026-11-27-bestaat-niet', status: 'identified', body: 'Tekst.' }));
    expect(refused.code).toBe('incident_not_found');
    expect(readRefusal(refused, 'nl').text).toMatchInlineSnapshot(`"Dit incident bestaat niet (meer)."`);
  });

  it.each(['../outside/passwd', '..%2F..%2Fdata%2Fhelder', '/etc/passwd', 'storing\u0000', '\uff0e\uff0e/content', '2026-11-27-registra-brp-niet-bereikbaar/../../x'])(
    'refuse the incident id %j from input, writing nothing',
    (id) => {
      openIncident(t.ctx, t.people.sanne, landelijkeStoring);
      t.clock.advance(MINUTE);
      const before = snapshotTree(t.root);
      expect(refusalOf(() => postIncidentUpdate(t.ctx, t.people.sanne, { id, status: 'identified', body: 'Tekst.' }))).toMatchObject({ code: 'invalid_input', problems: [{ field: 'id' }] });
      expect(refusalOf(() => resolveIncident(t.ctx, t.people.sanne, { id, body: 'Tekst.' }))).toMatchObject({ code: 'invalid_input', problems: [{ field: 'id' }] });
      expect(snapshotTree(t.root)).toEqual(before);
    },
  );
});

describe('the status-page writer behind approved messages', () => {
  it('appends the approved text once, even when publication is retried', () => {
    const opened = openIncident(t.ctx, t.people.sanne, landelijkeStoring);
    const approvedAt = new Date('2026-11-27T08:50:00Z');
    const update = {
      messageId: 'bericht-1',
      subject: { kind: 'incident' as const, id: opened.id },
      drill: false,
      at: approvedAt,
      status: 'monitoring',
      components: { 'registra-brp': 'degraded_performance' },
      nextUpdateAt: new Date('2026-11-27T10:00:00Z'),
      body: { nl: 'Het certificaat is vervangen; we houden het in de gaten.', en: 'The certificate was replaced; we are monitoring.' },
    };
    t.clock.advance(45 * MINUTE);
    expect(appendStatusPageUpdate(t.ctx, update)).toMatchObject({ action: 'incident_updated', id: opened.id });
    // A retry of the same publication finds the update there and writes nothing.
    expect(appendStatusPageUpdate(t.ctx, update)).toBeNull();
    const [incident] = loadContent(t.contentDir).incidents;
    expect(incident!.updates.map((entry) => [entry.at.toISOString(), entry.status])).toEqual([
      ['2026-11-27T08:12:00.000Z', 'investigating'],
      ['2026-11-27T08:50:00.000Z', 'monitoring'],
    ]);
    expect(queryAudit(t.db).entries[0]).toMatchObject({ action: 'incident_updated', actor: { kind: 'system', name: 'publicatie van goedgekeurd bericht' }, details: { messageId: 'bericht-1' } });

    appendStatusPageUpdate(t.ctx, { ...update, messageId: 'bericht-2', at: new Date('2026-11-27T09:40:00Z'), status: 'resolved', components: {}, nextUpdateAt: null, body: { nl: 'Opgelost.' } });
    expect(deriveIncidentTimes(loadContent(t.contentDir).incidents[0]!).status).toBe('resolved');
  });

  it('keeps a drill message out of the public content', () => {
    const drill = openIncident(t.drill, t.people.sanne, landelijkeStoring);
    const before = snapshotTree(t.contentDir);
    const update = {
      messageId: 'oefenbericht',
      subject: { kind: 'incident' as const, id: drill.id },
      drill: true,
      at: new Date('2026-11-27T08:30:00Z'),
      status: 'identified',
      components: {},
      nextUpdateAt: null,
      body: { nl: 'Oefening: oorzaak gevonden.' },
    };
    // A drill message never reaches the live content, even when handed to it by mistake.
    expect(() => appendStatusPageUpdate(t.ctx, update)).toThrow(/reached the live content/);
    appendStatusPageUpdate(t.drill, update);
    expect(snapshotTree(t.contentDir)).toEqual(before);
    expect(existsSync(drill.file)).toBe(true);
    expect(readFileSync(drill.file, 'utf8')).toContain('Oefening: oorzaak gevonden.');
  });
});
