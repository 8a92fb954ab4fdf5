import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPostmortem } from '../../../src/admin/incidents/add-postmortem.ts';
import { createStatusPageWriter } from '../../../src/admin/incidents/append-status-page-update.ts';
import { ContentChangeError } from '../../../src/admin/incidents/content-change.ts';
import { openIncident, type OpenIncidentInput } from '../../../src/admin/incidents/open-incident.ts';
import { postIncidentUpdate } from '../../../src/admin/incidents/post-incident-update.ts';
import { resolveIncident } from '../../../src/admin/incidents/resolve-incident.ts';
import { AuthorisationError } from '../../../src/auth/roles.ts';
import { loadContent } from '../../../src/content/load-content.ts';
import { buildReadModel, deriveIncidentTimes } from '../../../src/domain/index.ts';
import { queryAudit, verifyAuditChain } from '../../../src/store/audit-log.ts';
import { approver, composer, createInstallation, snapshotTree, type Installation } from './content-fixture.ts';

const MINUTE = 60_000;
let install: Installation;
beforeEach(() => {
  install = createInstallation('2026-11-27T08:12:00Z');
});
afterEach(() => install.close());

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
  return queryAudit(install.db)
    .entries.reverse()
    .map((entry) => `${entry.action} ${entry.subject?.type}:${entry.subject?.id} by ${entry.actor.name}${entry.drill ? ' (drill)' : ''}`);
}

describe('incident use cases', () => {
  it('take an incident from opening through updates and resolution to a postmortem, each step a valid content file and an audit entry', () => {
    const opened = openIncident(install, composer, landelijkeStoring);
    expect(opened).toMatchObject({ kind: 'incident', action: 'incident_opened', id: '2026-11-27-registra-brp-niet-bereikbaar', drill: false });
    expect(opened.file.endsWith(join('content', 'incidents', '2026-11-27-registra-brp-niet-bereikbaar.md'))).toBe(true);
    expect(loadContent(install.contentDir).incidents).toEqual([opened.incident]);

    install.clock.advance(29 * MINUTE);
    const updated = postIncidentUpdate(install, composer, {
      id: opened.id,
      status: 'identified',
      body: 'De oorzaak is een verlopen certificaat. Ook reisdocumenten aanvragen lukt deels niet.',
      components: { 'registra-reisdocumenten': 'partial_outage' },
      next_update_at: '2026-11-27T09:30:00Z',
    });
    expect(updated.incident.components).toEqual(['registra-brp', 'registra-reisdocumenten']);
    expect(deriveIncidentTimes(updated.incident)).toMatchObject({ status: 'identified', nextUpdateAt: new Date('2026-11-27T09:30:00Z') });

    const model = buildReadModel(loadContent(install.contentDir), install.clock.now());
    expect(model.unresolvedIncidents.map((entry) => entry.incident.id)).toEqual([opened.id]);
    expect(model.components.find((entry) => entry.component.id === 'registra-reisdocumenten')?.status).toBe('partial_outage');

    install.clock.advance(90 * MINUTE);
    const resolved = resolveIncident(install, composer, { id: opened.id, body: 'Het certificaat is vervangen; Registra BRP werkt weer.' });
    expect(resolved.incident.updates.at(-1)).toMatchObject({ status: 'resolved', components: { 'registra-brp': 'operational', 'registra-reisdocumenten': 'operational' } });
    expect(buildReadModel(loadContent(install.contentDir), install.clock.now()).indicator.description).toBe('all_operational');

    install.clock.advance(3 * 24 * 60 * MINUTE);
    const postmortem = addPostmortem(install, composer, { id: opened.id, postmortem: '## Oorzaak\n\nHet certificaat van de koppeling met de landelijke voorziening was verlopen.' });
    expect(loadContent(install.contentDir).incidents[0]).toEqual(postmortem.incident);
    expect(postmortem.incident.postmortem).toContain('## Oorzaak');

    expect(auditTrail()).toEqual([
      `incident_opened incident:${opened.id} by Sanne de Vries`,
      `incident_updated incident:${opened.id} by Sanne de Vries`,
      `incident_resolved incident:${opened.id} by Sanne de Vries`,
      `postmortem_added incident:${opened.id} by Sanne de Vries`,
    ]);
    expect(queryAudit(install.db).entries.find((entry) => entry.action === 'incident_resolved')?.details).toEqual({ durationMinutes: 119 });
    expect(verifyAuditChain(install.db)).toMatchObject({ ok: true, checked: 4 });
  });

  it('give a second incident with the same title on the same day its own file', () => {
    const first = openIncident(install, composer, landelijkeStoring);
    install.clock.advance(5 * MINUTE);
    const second = openIncident(install, composer, { ...landelijkeStoring, next_update_at: undefined });
    expect([first.id, second.id]).toEqual(['2026-11-27-registra-brp-niet-bereikbaar', '2026-11-27-registra-brp-niet-bereikbaar-2']);
  });

  it('store sanitised plain Markdown: control characters gone, HTML kept as inert text', () => {
    const opened = openIncident(install, composer, { ...landelijkeStoring, body: 'Storing\u0000 bij **inloggen**\u0007 <script>alert("x")</script>\r\n' });
    expect(opened.incident.updates[0]!.body).toBe('Storing bij **inloggen** <script>alert("x")</script>');
    expect(readFileSync(opened.file, 'utf8')).not.toMatch(/[\u0000\u0007\r]/);
  });

  it('never write a drill incident into the public content directory', () => {
    const before = snapshotTree(install.contentDir);
    const drill = openIncident(install, composer, { ...landelijkeStoring, drill: true });
    expect(drill.drill).toBe(true);
    expect(drill.file.startsWith(join(install.root, 'data', 'drill-content', 'incidents'))).toBe(true);
    install.clock.advance(10 * MINUTE);
    resolveIncident(install, composer, { id: drill.id, drill: true, body: 'Einde oefening.' });
    expect(snapshotTree(install.contentDir)).toEqual(before);
    expect(loadContent(install.contentDir).incidents).toEqual([]);
    expect(readFileSync(drill.file, 'utf8')).toContain('drill: true');
    expect(auditTrail()).toEqual([`incident_opened incident:${drill.id} by Sanne de Vries (drill)`, `incident_resolved incident:${drill.id} by Sanne de Vries (drill)`]);
  });

  it('treat everything as a drill on an instance in drill mode', () => {
    const before = snapshotTree(install.contentDir);
    const opened = openIncident({ ...install, drill: true }, composer, landelijkeStoring);
    expect(opened.drill).toBe(true);
    expect(snapshotTree(install.contentDir)).toEqual(before);
  });

  it('refuse a drill content directory inside the public one', () => {
    const before = snapshotTree(install.root);
    expect(() => openIncident({ ...install, drillContentDir: join(install.contentDir, 'oefening') }, composer, { ...landelijkeStoring, drill: true })).toThrow(
      /must be outside the public content directory/,
    );
    expect(snapshotTree(install.root)).toEqual(before);
  });

  it('refuse someone without the composer role, writing nothing', () => {
    const before = snapshotTree(install.root);
    expect(() => openIncident(install, approver, landelijkeStoring)).toThrow(AuthorisationError);
    expect(snapshotTree(install.root)).toEqual(before);
    expect(auditTrail()).toEqual([]);
  });

  it('refuse unknown products and municipalities, writing nothing', () => {
    const before = snapshotTree(install.root);
    const refused = (() => {
      try {
        openIncident(install, composer, { ...landelijkeStoring, components: { 'registra-paspoort': 'major_outage' }, scope: { municipalities: ['GM0344', 'GM9999'] } });
      } catch (error) {
        return error as ContentChangeError;
      }
    })();
    expect(refused).toBeInstanceOf(ContentChangeError);
    expect(refused!.code).toBe('invalid_input');
    expect(refused!.problems).toMatchInlineSnapshot(`
      [
        {
          "field": "components",
          "message": "onbekend product "registra-paspoort" (unknown product); kies uit: registra-brp, registra-reisdocumenten, registra-burgerlijke-stand, taxo-belastingen, taxo-invordering, loket-formulieren, loket-afspraken, zaakstroom",
        },
        {
          "field": "scope",
          "message": "onbekende gemeente "GM9999" (unknown municipality)",
        },
      ]
    `);
    expect(snapshotTree(install.root)).toEqual(before);
    expect(auditTrail()).toEqual([]);
  });

  it('explain invalid input field by field', () => {
    const refused = (() => {
      try {
        openIncident(install, composer, { ...landelijkeStoring, title: '  ', impact: 'enorm' as 'major', components: {}, next_update_at: '27-11-2026 10:00' });
      } catch (error) {
        return error as ContentChangeError;
      }
    })();
    expect(refused?.problems).toMatchInlineSnapshot(`
      [
        {
          "field": "title",
          "message": "must not be empty",
        },
        {
          "field": "impact",
          "message": "expected one of "none", "minor", "major", "critical", got "enorm"",
        },
        {
          "field": "components",
          "message": "kies minstens één product (choose at least one product)",
        },
        {
          "field": "next_update_at",
          "message": "must be a date and time with offset, e.g. "2026-10-03T08:15:00Z"",
        },
      ]
    `);
    expect(() => openIncident(install, composer, { ...landelijkeStoring, next_update_at: '2026-11-27T08:00:00Z' })).toThrow(/next_update_at: moet in de toekomst liggen/);
  });

  it('refuse updates to a resolved incident and a postmortem before resolution', () => {
    const opened = openIncident(install, composer, landelijkeStoring);
    install.clock.advance(MINUTE);
    expect(() => addPostmortem(install, composer, { id: opened.id, postmortem: 'Te vroeg.' })).toThrow(/nog niet opgelost/);
    resolveIncident(install, composer, { id: opened.id, body: 'Opgelost.' });
    const before = snapshotTree(install.root);
    install.clock.advance(MINUTE);
    expect(() => postIncidentUpdate(install, composer, { id: opened.id, status: 'monitoring', body: 'Toch nog niet.' })).toThrow(/al opgelost; open een nieuw incident/);
    expect(() => resolveIncident(install, composer, { id: opened.id, body: 'Nogmaals.' })).toThrow(ContentChangeError);
    expect(snapshotTree(install.root)).toEqual(before);
  });

  it('refuse an update of an incident that does not exist', () => {
    expect(() => postIncidentUpdate(install, composer, { id: '2026-11-27-bestaat-niet', status: 'identified', body: 'Tekst.' })).toThrow(/bestaat niet/);
  });

  it.each(['../outside/passwd', '..%2F..%2Fdata%2Fhelder', '/etc/passwd', 'storing\u0000', '\uff0e\uff0e/content', '2026-11-27-registra-brp-niet-bereikbaar/../../x'])(
    'refuse the incident id %j from input, writing nothing',
    (id) => {
      openIncident(install, composer, landelijkeStoring);
      install.clock.advance(MINUTE);
      const before = snapshotTree(install.root);
      expect(() => postIncidentUpdate(install, composer, { id, status: 'identified', body: 'Tekst.' })).toThrow(ContentChangeError);
      expect(() => resolveIncident(install, composer, { id, body: 'Tekst.' })).toThrow(ContentChangeError);
      expect(snapshotTree(install.root)).toEqual(before);
    },
  );
});

describe('the status-page writer behind approved messages', () => {
  it('appends the approved text once, even when publication is retried', () => {
    const opened = openIncident(install, composer, landelijkeStoring);
    const writer = createStatusPageWriter(install);
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
    install.clock.advance(45 * MINUTE);
    writer.appendUpdate(update);
    writer.appendUpdate(update);
    const [incident] = loadContent(install.contentDir).incidents;
    expect(incident!.updates.map((entry) => [entry.at.toISOString(), entry.status])).toEqual([
      ['2026-11-27T08:12:00.000Z', 'investigating'],
      ['2026-11-27T08:50:00.000Z', 'monitoring'],
    ]);
    expect(queryAudit(install.db).entries[0]).toMatchObject({ action: 'incident_updated', actor: { kind: 'system', name: 'message-publisher' }, details: { messageId: 'bericht-1' } });

    writer.appendUpdate({ ...update, messageId: 'bericht-2', at: new Date('2026-11-27T09:40:00Z'), status: 'resolved', components: {}, nextUpdateAt: null, body: { nl: 'Opgelost.' } });
    expect(deriveIncidentTimes(loadContent(install.contentDir).incidents[0]!).status).toBe('resolved');
  });

  it('keeps a drill message out of the public content', () => {
    const drill = openIncident(install, composer, { ...landelijkeStoring, drill: true });
    const before = snapshotTree(install.contentDir);
    createStatusPageWriter(install).appendUpdate({
      messageId: 'oefenbericht',
      subject: { kind: 'incident', id: drill.id },
      drill: true,
      at: new Date('2026-11-27T08:30:00Z'),
      status: 'identified',
      components: {},
      nextUpdateAt: null,
      body: { nl: 'Oefening: oorzaak gevonden.' },
    });
    expect(snapshotTree(install.contentDir)).toEqual(before);
    expect(existsSync(drill.file)).toBe(true);
    expect(readFileSync(drill.file, 'utf8')).toContain('Oefening: oorzaak gevonden.');
  });
});
