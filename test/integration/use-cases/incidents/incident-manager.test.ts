import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignedInUser } from '../../../../src/auth/signed-in-user.ts';
import { queryAudit } from '../../../../src/store/audit-log.ts';
import { addUser } from '../../../../src/use-cases/accounts/add-user.ts';
import { handOverIncident } from '../../../../src/use-cases/incidents/hand-over-incident.ts';
import { getIncidentManager, incidentManagersById, listIncidentManagerCandidates } from '../../../../src/use-cases/incidents/incident-manager.ts';
import { openIncident, type OpenIncidentInput } from '../../../../src/use-cases/incidents/open-incident.ts';
import { postIncidentUpdate } from '../../../../src/use-cases/incidents/post-incident-update.ts';
import { resolveIncident } from '../../../../src/use-cases/incidents/resolve-incident.ts';
import { refusalOf } from '../../../support/refusals.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';

const MINUTE = 60_000;
const CLI = { kind: 'system', name: 'cli:beheer' } as const;
let t: TestApp;
let mirjam: SignedInUser;

beforeEach(async () => {
  t = await createTestApp({ catalogueOnly: true, start: '2026-12-07T06:30:00Z' });
  // The servicedesk's incident manager on duty: the role of its own, nothing else.
  const created = await addUser(t.ctx, CLI, { email: 'mirjam.bos@voorbeeldsoftware.nl', name: 'Mirjam Bos', roles: ['incident_manager'], password: 'koffie-op-maandag-0730-Dijk' });
  mirjam = { kind: 'user', userId: created.id, email: created.email, name: created.name, roles: [...created.roles], sessionId: 'sessie-mirjam', sessionStartedAt: t.clock.now() };
});
afterEach(() => t.close());

const loketStoring: OpenIncidentInput = {
  title: { nl: 'Loket Afspraken niet bereikbaar in Utrecht' },
  impact: 'major',
  components: { 'loket-afspraken': 'major_outage' },
  scope: { municipalities: ['GM0344'] },
  body: { nl: 'Inwoners van Utrecht kunnen geen afspraak maken. We onderzoeken de oorzaak.' },
};

describe('the incident manager', () => {
  it('is the opener by default, and the audit entry of the opening names them', () => {
    const opened = openIncident(t.ctx, t.people.anouk, loketStoring);
    expect(getIncidentManager(t.ctx, t.people.bram, opened.incident).manager).toMatchObject({ userId: t.people.anouk.userId, userName: 'Anouk de Vries', note: null });
    expect(queryAudit(t.db).entries[0]).toMatchObject({ action: 'incident_opened', details: expect.objectContaining({ incident_manager: 'Anouk de Vries' }) });
  });

  it('can be another colleague who may lead incidents, and never one who may not', () => {
    const opened = openIncident(t.ctx, t.people.anouk, { ...loketStoring, incident_manager: mirjam.userId });
    expect(incidentManagersById(t.ctx, t.people.cor).get(opened.id)).toMatchObject({ userName: 'Mirjam Bos', assignedByName: 'Anouk de Vries' });
    // Bram is only an approver: leading an incident needs the composer or incident manager role.
    const refused = refusalOf(() => openIncident(t.ctx, t.people.anouk, { ...loketStoring, incident_manager: t.people.bram.userId }));
    expect(refused).toMatchObject({ code: 'invalid_input', problems: [{ field: 'incident_manager', code: 'cannot_lead_incident' }] });
    expect(listIncidentManagerCandidates(t.ctx, t.people.anouk).map((candidate) => candidate.name)).toEqual(['Anouk de Vries', 'Eva Koster', 'Mirjam Bos', 'Sanne de Vries']);
  });

  it('is handed over with a note, audited, and the role may post updates and resolve', () => {
    const opened = openIncident(t.ctx, t.people.anouk, loketStoring);
    t.clock.advance(40 * MINUTE);
    expect(refusalOf(() => handOverIncident(t.ctx, t.people.anouk, { id: opened.id, to: mirjam.userId, note: 'nb' }))).toMatchObject({ problems: [{ field: 'note', code: 'too_short' }] });
    expect(handOverIncident(t.ctx, t.people.anouk, { id: opened.id, to: mirjam.userId, note: 'Leverancier van de agenda-koppeling is gebeld; update beloofd om 07:30.' })).toEqual({ from: 'Anouk de Vries', to: 'Mirjam Bos' });
    expect(refusalOf(() => handOverIncident(t.ctx, t.people.anouk, { id: opened.id, to: mirjam.userId, note: 'Nog een keer overdragen.' }))).toMatchObject({ problems: [{ field: 'to', code: 'already_incident_manager' }] });
    const command = getIncidentManager(t.ctx, t.people.bram, opened.incident);
    expect(command.history.map((assignment) => [assignment.userName, assignment.note])).toEqual([
      ['Anouk de Vries', null],
      ['Mirjam Bos', 'Leverancier van de agenda-koppeling is gebeld; update beloofd om 07:30.'],
    ]);
    expect(queryAudit(t.db).entries[0]).toMatchObject({ action: 'incident_manager_handed_over', actor: { name: 'Anouk de Vries' }, details: expect.objectContaining({ from: 'Anouk de Vries', to: 'Mirjam Bos' }) });
    t.clock.advance(MINUTE);
    postIncidentUpdate(t.ctx, mirjam, { id: opened.id, status: 'identified', body: { nl: 'De oorzaak is gevonden.' }, components: {} });
    t.clock.advance(MINUTE);
    resolveIncident(t.ctx, mirjam, { id: opened.id, body: { nl: 'Afspraken maken werkt weer.' } });
    expect(refusalOf(() => handOverIncident(t.ctx, mirjam, { id: opened.id, to: t.people.anouk.userId, note: 'Opgelost, nabeschouwing volgt.' }))).toMatchObject({ code: 'incident_resolved' });
  });

  it('is refused to a role without the right to manage incidents', () => {
    const opened = openIncident(t.ctx, t.people.anouk, loketStoring);
    expect(refusalOf(() => handOverIncident(t.ctx, t.people.bram, { id: opened.id, to: mirjam.userId, note: 'Ik neem het over.' }))).toMatchObject({ code: 'forbidden' });
  });
});
