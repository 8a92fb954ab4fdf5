import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReadModel } from '../../../../src/domain/read-model.ts';
import { queryAudit } from '../../../../src/store/audit-log.ts';
import { addUser } from '../../../../src/use-cases/accounts/add-user.ts';
import type { SignedInUser } from '../../../../src/use-cases/authorise.ts';
import { approvePublicChange } from '../../../../src/use-cases/incidents/approve-public-change.ts';
import { listPublicChangesOfIncident, listWaitingPublicChanges } from '../../../../src/use-cases/incidents/list-public-changes.ts';
import { proposePublicChange, type PublicChangeProposal } from '../../../../src/use-cases/incidents/propose-public-change.ts';
import { rejectPublicChange } from '../../../../src/use-cases/incidents/reject-public-change.ts';
import { findIncident } from '../../../../src/use-cases/incidents/list-incidents.ts';
import { refusalOf } from '../../../support/refusals.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';

const MINUTE = 60_000;
let t: TestApp;
afterEach(() => t?.close());

const start = (env: Record<string, string> = {}) => createTestApp({ catalogueOnly: true, start: '2026-12-07T06:20:00Z', env });

/** A hostile title put on the page by one person: the attack item 4 of issue 11 stops. */
const opening = (overrides: Partial<Extract<PublicChangeProposal, { kind: 'open' }>['input']> = {}): PublicChangeProposal => ({
  kind: 'open',
  input: {
    title: 'Registra BRP niet bereikbaar in Utrecht',
    impact: 'major',
    components: { 'registra-brp': 'major_outage' },
    scope: { municipalities: ['GM0344'] },
    body: 'Medewerkers van de gemeente Utrecht kunnen niet inloggen in Registra BRP. We onderzoeken de oorzaak.',
    next_update_at: '2026-12-07T07:00:00Z',
    ...overrides,
  },
});

const publicIds = () => buildReadModel(t.ctx.content.read(), t.clock.now()).incidents.map((entry) => entry.incident.id);
const actions = () => queryAudit(t.db).entries.map((entry) => entry.action);

async function incidentManagerAccount(): Promise<SignedInUser> {
  const user = await addUser(t.ctx, t.people.cor, { email: 'ilse.mulder@voorbeeldsoftware.nl', name: 'Ilse Mulder', roles: ['incident_manager'], password: 'zilveren-kade-berk-31-Plein' });
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, roles: [...user.roles], sessionId: 'sessie-ilse', sessionStartedAt: t.clock.now() };
}

describe('an opening goes to the approver', () => {
  it('is an incident in the admin at once, on the public page only after a colleague approves exactly what was offered', async () => {
    t = await start();
    const offered = proposePublicChange(t.ctx, t.people.anouk, opening());
    expect(offered.outcome).toBe('awaiting_approval');
    // The admin has it (with its incident manager); the public gate leaves it out.
    expect(findIncident(t.ctx, t.people.anouk, offered.incidentId)?.awaiting_approval).toBe(true);
    expect(readFileSync(join(t.contentDir, 'incidents', `${offered.incidentId}.md`), 'utf8')).toContain('awaiting_approval: true');
    expect(publicIds()).not.toContain(offered.incidentId);
    expect(listWaitingPublicChanges(t.ctx, t.people.bram).map((change) => [change.kind, change.authorName])).toEqual([['open', 'Anouk de Vries']]);

    // The author cannot approve their own offer, not even holding the approver role too.
    const eva = proposePublicChange(t.ctx, t.people.eva, opening({ title: 'Loket Afspraken traag', components: { 'loket-afspraken': 'degraded_performance' } }));
    expect(refusalOf(() => approvePublicChange(t.ctx, t.people.eva, { changeId: eva.changeId, hash: eva.hash })).code).toBe('own_public_change');
    // Nor can the database be talked into it.
    expect(() => t.db.prepare("UPDATE public_changes SET state = 'approved', decided_by = author_id, decided_at = ? WHERE id = ?").run(t.clock.now().toISOString(), eva.changeId)).toThrow(/CHECK constraint/);
    // A hash other than the one offered (an approver who read an older version) is refused.
    expect(refusalOf(() => approvePublicChange(t.ctx, t.people.bram, { changeId: offered.changeId, hash: 'f'.repeat(64) })).code).toBe('public_change_decided');
    expect(publicIds()).not.toContain(offered.incidentId);

    t.clock.advance(4 * MINUTE);
    const approved = approvePublicChange(t.ctx, t.people.bram, { changeId: offered.changeId, hash: offered.hash });
    expect(approved).toMatchObject({ state: 'approved', decidedByName: 'Bram Jansen', decidedAt: new Date('2026-12-07T06:24:00Z') });
    expect(publicIds()).toContain(offered.incidentId);
    expect(readFileSync(join(t.contentDir, 'incidents', `${offered.incidentId}.md`), 'utf8')).not.toContain('awaiting_approval');
    expect(t.publishRequests.at(-1)).toContain(offered.changeId);
    // Between the offer and its approval: the mail that told the approvers it waited (issue 11, item 6).
    expect(actions().slice(0, 3)).toEqual(['public_change_approved', 'delivery_queued', 'public_change_proposed']);
    // Decided once.
    expect(refusalOf(() => approvePublicChange(t.ctx, t.people.dewi, { changeId: offered.changeId, hash: offered.hash })).code).toBe('public_change_decided');
  });

  it('refuses updates of an incident whose opening is not approved yet', async () => {
    t = await start();
    const offered = proposePublicChange(t.ctx, t.people.anouk, opening());
    const refused = refusalOf(() => proposePublicChange(t.ctx, t.people.anouk, { kind: 'update', input: { id: offered.incidentId, status: 'identified', body: 'Oorzaak gevonden.', components: {} } }));
    expect(refused.code).toBe('incident_awaiting_approval');
  });

  it('a rejected opening never reaches the page; the reason is kept for the author', async () => {
    t = await start();
    const offered = proposePublicChange(t.ctx, t.people.anouk, opening({ title: 'ALLES PLAT!!! Bel ons niet' }));
    expect(refusalOf(() => rejectPublicChange(t.ctx, t.people.bram, { changeId: offered.changeId, reason: 'nee' })).problems).toEqual([expect.objectContaining({ field: 'reason', code: 'too_short' })]);
    rejectPublicChange(t.ctx, t.people.bram, { changeId: offered.changeId, reason: 'Titel is niet zakelijk; noem het product en de gemeente.' });
    expect(listPublicChangesOfIncident(t.ctx, t.people.anouk, offered.incidentId)).toEqual([expect.objectContaining({ state: 'rejected', reason: 'Titel is niet zakelijk; noem het product en de gemeente.', decidedByName: 'Bram Jansen' })]);
    expect(publicIds()).not.toContain(offered.incidentId);
    expect(refusalOf(() => approvePublicChange(t.ctx, t.people.dewi, { changeId: offered.changeId, hash: offered.hash })).code).toBe('public_change_decided');
  });
});

describe('updates, changes and the resolution go to the approver', () => {
  it('writes nothing until approval, then through the same verbs, audited with who offered and who approved', async () => {
    t = await start();
    const opened = proposePublicChange(t.ctx, t.people.anouk, opening());
    approvePublicChange(t.ctx, t.people.bram, opened);
    const id = opened.incidentId;
    const updates = () => findIncident(t.ctx, t.people.anouk, id)!.updates.length;

    t.clock.advance(10 * MINUTE);
    const update = proposePublicChange(t.ctx, t.people.anouk, { kind: 'update', input: { id, status: 'identified', body: 'De oorzaak is een verlopen certificaat. We vervangen het.', components: { 'registra-brp': 'major_outage' }, next_update_at: '2026-12-07T07:30:00Z' } });
    const change = proposePublicChange(t.ctx, t.people.sanne, { kind: 'change', input: { id, title: 'Registra BRP landelijk niet bereikbaar', impact: 'critical', components: ['registra-brp'], scope: 'all', body: 'De storing raakt nu alle gemeenten, niet alleen Utrecht.' } });
    expect(updates()).toBe(1);
    // A promise in the past is refused when offered, not first at approval.
    expect(refusalOf(() => proposePublicChange(t.ctx, t.people.anouk, { kind: 'update', input: { id, status: 'identified', body: 'Oud nieuws.', components: {}, next_update_at: '2026-12-07T06:00:00Z' } })).problems[0]).toMatchObject({ field: 'next_update_at', code: 'must_be_future' });

    t.clock.advance(2 * MINUTE);
    approvePublicChange(t.ctx, t.people.dewi, update);
    t.clock.advance(MINUTE);
    approvePublicChange(t.ctx, t.people.bram, change);
    const incident = findIncident(t.ctx, t.people.anouk, id)!;
    expect(incident).toMatchObject({ scope: 'all', impact: 'critical' });
    expect(incident.updates.map((entry) => entry.at.toISOString())).toEqual(['2026-12-07T06:20:00.000Z', '2026-12-07T06:32:00.000Z', '2026-12-07T06:33:00.000Z']);
    const updated = queryAudit(t.db).entries.find((entry) => entry.action === 'incident_updated')!;
    expect(updated.details).toMatchObject({ public_change: update.changeId, proposed_by: 'Anouk de Vries', approved_by: 'Dewi Pinas' });

    t.clock.advance(20 * MINUTE);
    const resolve = proposePublicChange(t.ctx, t.people.anouk, { kind: 'resolve', input: { id, body: 'Registra BRP werkt weer in alle gemeenten.' } });
    const rejected = rejectPublicChange(t.ctx, t.people.bram, { changeId: resolve.changeId, reason: 'Eerst bevestiging van Den Haag afwachten.' });
    expect(rejected.state).toBe('rejected');
    expect(findIncident(t.ctx, t.people.anouk, id)!.updates.at(-1)!.status).toBe('identified');
  });
});

describe('separation of duties holds for public changes too', () => {
  it('refuses and audits an admin-approver approving the opening of an account they created', async () => {
    t = await start();
    const fatima = t.people.fatima;
    const kees = await addUser(t.ctx, fatima, { email: 'kees.smit@voorbeeldsoftware.nl', name: 'Kees Smit', roles: ['composer'], password: 'zonnebloem-koffie-molen-88' });
    const asKees: SignedInUser = { kind: 'user', userId: kees.id, email: kees.email, name: kees.name, roles: [...kees.roles], sessionId: 'sessie-kees', sessionStartedAt: t.clock.now() };
    const offered = proposePublicChange(t.ctx, asKees, opening({ title: 'Registra BRP: alles ligt plat' }));
    expect(refusalOf(() => approvePublicChange(t.ctx, fatima, offered)).code).toBe('approver_changed_author');
    expect(queryAudit(t.db).entries[0]).toMatchObject({ action: 'duty_separation_refused', details: expect.objectContaining({ code: 'approver_changed_author' }) });
    expect(publicIds()).not.toContain(offered.incidentId);
    // The database refuses the same approval written around the use case.
    expect(() => t.db.prepare("UPDATE public_changes SET state = 'approved', decided_by = ?, decided_at = ? WHERE id = ?").run(fatima.userId, t.clock.now().toISOString(), offered.changeId)).toThrow(/separation of duties/);
  });
});

describe('the first notice at once', () => {
  it('is allowed only when configured, only to an incident manager leading the incident, only for "investigating"; marked and reviewed afterwards', async () => {
    t = await start({ HELDER_FIRST_NOTICE_AT_ONCE: 'true' });
    const ilse = await incidentManagerAccount();
    const atOnce = proposePublicChange(t.ctx, ilse, opening());
    expect(atOnce.outcome).toBe('at_once');
    expect(publicIds()).toContain(atOnce.incidentId);
    expect(queryAudit(t.db).entries.find((entry) => entry.action === 'public_change_at_once')).toBeDefined();
    expect(listWaitingPublicChanges(t.ctx, t.people.bram)).toEqual([expect.objectContaining({ atOnce: true, incidentId: atOnce.incidentId })]);
    approvePublicChange(t.ctx, t.people.bram, atOnce);
    expect(listWaitingPublicChanges(t.ctx, t.people.bram)).toEqual([]);

    // Not for another status, not for a composer, not when someone else leads it.
    t.clock.advance(MINUTE);
    expect(proposePublicChange(t.ctx, ilse, opening({ title: 'Zaakstroom traag', components: { zaakstroom: 'degraded_performance' }, status: 'identified' })).outcome).toBe('awaiting_approval');
    expect(proposePublicChange(t.ctx, t.people.anouk, opening({ title: 'Taxo traag', components: { 'taxo-belastingen': 'degraded_performance' } })).outcome).toBe('awaiting_approval');
    expect(proposePublicChange(t.ctx, ilse, opening({ title: 'Loket traag', components: { 'loket-afspraken': 'degraded_performance' }, incident_manager: t.people.anouk.userId })).outcome).toBe('awaiting_approval');
  });

  it('is not allowed by default', async () => {
    t = await start();
    const ilse = await incidentManagerAccount();
    const offered = proposePublicChange(t.ctx, ilse, opening());
    expect(offered.outcome).toBe('awaiting_approval');
    expect(publicIds()).not.toContain(offered.incidentId);
  });
});

describe('drills', () => {
  it('practise the same approval in the drill context; nothing reaches the live content', async () => {
    t = await start();
    const offered = proposePublicChange(t.drill, t.people.anouk, opening());
    expect(listWaitingPublicChanges(t.ctx, t.people.bram)).toEqual([]);
    expect(refusalOf(() => approvePublicChange(t.ctx, t.people.bram, offered)).code).toBe('public_change_not_found');
    approvePublicChange(t.drill, t.people.bram, offered);
    expect(findIncident(t.drill, t.people.anouk, offered.incidentId)).toMatchObject({ drill: true });
    expect(findIncident(t.ctx, t.people.anouk, offered.incidentId)).toBeNull();
  });
});

describe('merging a duplicate', () => {
  it('goes to the approver; then the duplicate is resolved, points to the incident that goes on, and stays on the public page', async () => {
    t = await start();
    const survivor = proposePublicChange(t.ctx, t.people.anouk, opening({ title: 'Registra BRP landelijk niet bereikbaar', scope: 'all' }));
    approvePublicChange(t.ctx, t.people.bram, survivor);
    t.clock.advance(MINUTE);
    const duplicate = proposePublicChange(t.ctx, t.people.sanne, opening({ title: 'Inloggen Registra BRP mislukt in Utrecht' }));
    approvePublicChange(t.ctx, t.people.bram, duplicate);
    t.clock.advance(5 * MINUTE);
    const body = 'Dit is dezelfde storing als ‘Registra BRP landelijk niet bereikbaar’. Volg daar de updates.';
    expect(refusalOf(() => proposePublicChange(t.ctx, t.people.anouk, { kind: 'merge', input: { id: duplicate.incidentId, into: duplicate.incidentId, body } })).problems).toEqual([expect.objectContaining({ field: 'into', code: 'merge_into_itself' })]);
    const merge = proposePublicChange(t.ctx, t.people.anouk, { kind: 'merge', input: { id: duplicate.incidentId, into: survivor.incidentId, body } });
    expect(findIncident(t.ctx, t.people.anouk, duplicate.incidentId)!.merged_into).toBeUndefined();
    approvePublicChange(t.ctx, t.people.dewi, merge);
    const merged = findIncident(t.ctx, t.people.anouk, duplicate.incidentId)!;
    expect(merged.merged_into).toBe(survivor.incidentId);
    expect(merged.updates.at(-1)).toMatchObject({ status: 'resolved', body, components: { 'registra-brp': 'operational' } });
    expect(readFileSync(join(t.contentDir, 'incidents', `${duplicate.incidentId}.md`), 'utf8')).toContain(`merged_into: ${survivor.incidentId}`);
    // Both stay public: the duplicate's links and feed entries keep working.
    expect(publicIds()).toEqual(expect.arrayContaining([survivor.incidentId, duplicate.incidentId]));
    expect(findIncident(t.ctx, t.people.anouk, survivor.incidentId)!.updates).toHaveLength(1);
    expect(queryAudit(t.db).entries.find((entry) => entry.action === 'incident_merged')).toMatchObject({ details: expect.objectContaining({ into: survivor.incidentId, approved_by: 'Dewi Pinas' }) });
    // A resolved incident cannot be merged again.
    expect(refusalOf(() => proposePublicChange(t.ctx, t.people.anouk, { kind: 'merge', input: { id: duplicate.incidentId, into: survivor.incidentId, body } })).code).toBe('incident_resolved');
  });
});
