import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveIncidentTimes } from '../../../../src/domain/index.ts';
import { queryAudit } from '../../../../src/store/audit-log.ts';
import { changeIncident, type ChangeIncidentInput } from '../../../../src/use-cases/incidents/change-incident.ts';
import { openIncident } from '../../../../src/use-cases/incidents/open-incident.ts';
import { resolveIncident } from '../../../../src/use-cases/incidents/resolve-incident.ts';
import { findComposeSubject, findTemplate, prefillDraft } from '../../../../src/use-cases/messages/compose-options.ts';
import { refusalOf } from '../../../support/refusals.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';

const MINUTE = 60_000;
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ catalogueOnly: true, start: '2026-12-07T06:20:00Z' });
});
afterEach(() => t.close());

/** A Registra BRP outage first seen in three municipalities (Utrecht, Amsterdam, Den Haag). */
function threeMunicipalities() {
  return openIncident(t.ctx, t.people.anouk, {
    title: 'Registra BRP niet bereikbaar in drie gemeenten',
    impact: 'major',
    components: { 'registra-brp': 'major_outage' },
    scope: { municipalities: ['GM0344', 'GM0363', 'GM0518'] },
    status: 'identified',
    body: 'Medewerkers in Utrecht, Amsterdam en Den Haag kunnen niet inloggen in Registra BRP.',
    next_update_at: '2026-12-07T07:30:00Z',
  });
}

const widened = (id: string, overrides: Partial<ChangeIncidentInput> = {}): ChangeIncidentInput => ({
  id,
  title: 'Registra BRP landelijk niet bereikbaar',
  impact: 'critical',
  components: ['registra-brp'],
  scope: 'all',
  body: 'De storing raakt nu alle gemeenten, niet alleen Utrecht, Amsterdam en Den Haag.',
  ...overrides,
});

describe('changing an incident’s shape', () => {
  it('widens to all municipalities with a public explanation; status and promise stay; the audience follows', () => {
    const opened = threeMunicipalities();
    const subject = { kind: 'incident', id: opened.id } as const;
    // Utrecht and Amsterdam have contacts for Registra BRP; Eindhoven only joins once the scope is all.
    expect(t.ctx.audience.resolve(t.db, subject).map((recipient) => recipient.address).sort()).toEqual(['applicatiebeheer@amsterdam.nl', 'servicedesk@utrecht.nl']);
    t.clock.advance(15 * MINUTE);
    const change = changeIncident(t.ctx, t.people.anouk, widened(opened.id));
    expect(change.changed).toEqual(['title', 'impact', 'scope']);
    expect(change.incident).toMatchObject({ title: 'Registra BRP landelijk niet bereikbaar', impact: 'critical', scope: 'all' });
    const times = deriveIncidentTimes(change.incident);
    expect(times).toMatchObject({ status: 'identified', nextUpdateAt: new Date('2026-12-07T07:30:00Z') });
    expect(change.incident.updates.at(-1)).toMatchObject({ at: new Date('2026-12-07T06:35:00Z'), status: 'identified', body: 'De storing raakt nu alle gemeenten, niet alleen Utrecht, Amsterdam en Den Haag.' });
    expect(t.ctx.audience.resolve(t.db, subject).map((recipient) => recipient.address).sort()).toEqual(['applicatiebeheer@amsterdam.nl', 'burgerzaken@eindhoven.nl', 'servicedesk@utrecht.nl']);
    expect(queryAudit(t.db).entries[0]).toMatchObject({
      action: 'incident_changed',
      details: { changed: ['title', 'impact', 'scope'], from: { impact: 'major', scope: { municipalities: ['GM0344', 'GM0363', 'GM0518'] } }, to: { impact: 'critical', scope: 'all' } },
    });
    expect(t.publishRequests.at(-1)).toContain('incident_changed');
  });

  it('narrows and adds products, but keeps a product an update already named', () => {
    const opened = threeMunicipalities();
    t.clock.advance(MINUTE);
    const narrowed = changeIncident(t.ctx, t.people.anouk, { ...widened(opened.id), title: 'Registra BRP niet bereikbaar in drie gemeenten', impact: 'major', scope: { municipalities: ['GM0344'] }, components: ['registra-brp', 'registra-reisdocumenten'], body: 'Alleen Utrecht heeft nog last van de storing. Ook Registra Reisdocumenten is getroffen.' });
    expect(narrowed.changed).toEqual(['components', 'scope']);
    t.clock.advance(MINUTE);
    expect(refusalOf(() => changeIncident(t.ctx, t.people.anouk, { ...widened(opened.id), components: ['registra-reisdocumenten'] }))).toMatchObject({ problems: [{ field: 'components', code: 'product_in_timeline', params: { id: 'registra-brp' } }] });
  });

  it('refuses a change that changes nothing, an unknown municipality, and a resolved incident', () => {
    const opened = threeMunicipalities();
    t.clock.advance(MINUTE);
    const same = { title: 'Registra BRP niet bereikbaar in drie gemeenten', impact: 'major' as const, scope: { municipalities: ['GM0518', 'GM0344', 'GM0363'] } };
    expect(refusalOf(() => changeIncident(t.ctx, t.people.anouk, { ...widened(opened.id), ...same }))).toMatchObject({ problems: [{ field: '', code: 'nothing_changed' }] });
    expect(refusalOf(() => changeIncident(t.ctx, t.people.anouk, { ...widened(opened.id), scope: { municipalities: ['GM9999'] } }))).toMatchObject({ problems: [{ field: 'scope', code: 'unknown_municipality' }] });
    expect(refusalOf(() => changeIncident(t.ctx, t.people.bram, widened(opened.id)))).toMatchObject({ code: 'forbidden' });
    resolveIncident(t.ctx, t.people.anouk, { id: opened.id, body: 'Registra BRP werkt weer.' });
    t.clock.advance(MINUTE);
    expect(refusalOf(() => changeIncident(t.ctx, t.people.anouk, widened(opened.id)))).toMatchObject({ code: 'incident_resolved' });
  });
});

describe('the start time of an outage', () => {
  it('is given at opening when the outage began earlier, and the mail says "begon om" with it', () => {
    // Noticed at 07:20 (Amsterdam), opened at 07:37: the mail must not say it began at 07:37.
    t.clock.advance(17 * MINUTE);
    const opened = openIncident(t.ctx, t.people.anouk, {
      title: 'Registra BRP niet bereikbaar in Utrecht',
      impact: 'major',
      components: { 'registra-brp': 'major_outage' },
      scope: { municipalities: ['GM0344'] },
      body: 'Medewerkers in Utrecht kunnen sinds 07:20 niet inloggen in Registra BRP.',
      started_at: '2026-12-07T06:20:00Z',
    });
    expect(deriveIncidentTimes(opened.incident).startedAt).toEqual(new Date('2026-12-07T06:20:00Z'));
    const subject = findComposeSubject(t.ctx, t.people.anouk, { kind: 'incident', id: opened.id })!;
    const draft = prefillDraft(t.ctx, subject, findTemplate(t.ctx, 'update')!);
    expect(draft.values.nl.started_at).toBe('2026-12-07T06:20:00.000Z');
    const mail = t.ctx.templates.render('update', 'nl', { ...t.ctx.templates.exampleValues('update', 'nl'), ...draft.values.nl }, { drill: false });
    expect(mail.text).toContain('die begon op maandag 7 december 2026 om 07:20');
    // A start in the future is refused.
    expect(refusalOf(() => openIncident(t.ctx, t.people.anouk, { title: 'Zaakstroom traag', impact: 'minor', components: { zaakstroom: 'degraded_performance' }, scope: 'all', body: 'Traag.', started_at: '2026-12-07T09:00:00Z' })).problems).toEqual([expect.objectContaining({ field: 'started_at', code: 'must_not_be_future' })]);
  });

  it('is changed under "Incident wijzigen", audited, and never after the first notice', () => {
    const opened = threeMunicipalities();
    t.clock.advance(10 * MINUTE);
    const change = changeIncident(t.ctx, t.people.anouk, { ...widened(opened.id), title: 'Registra BRP niet bereikbaar in drie gemeenten', impact: 'major', scope: { municipalities: ['GM0344', 'GM0363', 'GM0518'] }, started_at: '2026-12-07T05:50:00Z', body: 'De storing begon eerder dan gemeld: om 06:50.' });
    expect(change.changed).toEqual(['started_at']);
    expect(deriveIncidentTimes(change.incident).startedAt).toEqual(new Date('2026-12-07T05:50:00Z'));
    expect(queryAudit(t.db).entries[0]!.details).toMatchObject({ from: { started_at: null }, to: { started_at: '2026-12-07T05:50:00.000Z' } });
    t.clock.advance(MINUTE);
    // The same minute again is no change; a start after the first notice is refused.
    expect(refusalOf(() => changeIncident(t.ctx, t.people.anouk, { ...widened(opened.id), title: 'Registra BRP niet bereikbaar in drie gemeenten', impact: 'major', scope: { municipalities: ['GM0344', 'GM0363', 'GM0518'] }, started_at: '2026-12-07T05:50:00Z' })).problems).toEqual([expect.objectContaining({ code: 'nothing_changed' })]);
    expect(refusalOf(() => changeIncident(t.ctx, t.people.anouk, { ...widened(opened.id), started_at: '2026-12-07T06:25:00Z' })).problems).toEqual([expect.objectContaining({ field: 'started_at', code: 'started_after_first_update' })]);
  });
});
