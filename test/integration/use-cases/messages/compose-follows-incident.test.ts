import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIncident } from '../../../../src/use-cases/incidents/open-incident.ts';
import { resolveIncident } from '../../../../src/use-cases/incidents/resolve-incident.ts';
import { findComposeSubject, findTemplate, prefillDraft, suggestTemplate, type ComposeSubject } from '../../../../src/use-cases/messages/compose-options.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import { incidentUpdateDraft } from '../../../support/builders.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';

const NATIONAL = '2026-11-27-registra-brp-landelijke-storing';
let t: TestApp;
// The demo's national outage: its latest update (08:41 UTC) promised the next one for 09:30 UTC.
beforeEach(async () => {
  t = await createTestApp({ start: '2026-11-27T09:00:00Z' });
});
afterEach(() => t.close());

const subject = (id: string): ComposeSubject => findComposeSubject(t.ctx, t.people.sanne, { kind: 'incident', id })!;

describe('a new message prefilled from its incident', () => {
  it('keeps the next update the incident promised instead of a default half an hour ahead', () => {
    const draft = prefillDraft(t.ctx, subject(NATIONAL), findTemplate(t.ctx, 'update')!);
    expect(draft.next_update_at?.toISOString()).toBe('2026-11-27T09:30:00.000Z');
  });

  it('proposes a time only when the promise has passed', () => {
    t.clock.advance(62 * 60_000); // 10:02 UTC, the 09:30 promise is broken already
    const draft = prefillDraft(t.ctx, subject(NATIONAL), findTemplate(t.ctx, 'update')!);
    expect(draft.next_update_at?.toISOString()).toBe('2026-11-27T10:35:00.000Z');
  });

  it('takes what people notice, the start and the workaround from the incident, in both languages', () => {
    const draft = prefillDraft(t.ctx, subject(NATIONAL), findTemplate(t.ctx, 'storing-gemeld')!);
    expect(draft.values.nl.symptoms).toMatch(/^Sinds 09:05 uur kunnen medewerkers van gemeenten niet inloggen in Registra BRP\./);
    expect(draft.values.en?.symptoms).toMatch(/^Since 09:05 municipal staff cannot log in/);
    expect(draft.values.nl.started_at).toBe('2026-11-27T08:12:00.000Z');
    expect(draft.values.nl.workaround).toMatch(/papieren\s+noodformulier/);
  });
});

describe('the template preselected for the incident', () => {
  it('is the national first message, then the update once a message is on its way, then the resolution', () => {
    expect(suggestTemplate(t.ctx, subject(NATIONAL))?.id).toBe('storing-gemeld');
    // A draft alone informs nobody yet.
    const draft = createDraft(t.ctx, t.people.sanne, incidentUpdateDraft());
    expect(suggestTemplate(t.ctx, subject(NATIONAL))?.id).toBe('storing-gemeld');
    submitMessage(t.ctx, t.people.sanne, { messageId: draft.id });
    expect(suggestTemplate(t.ctx, subject(NATIONAL))?.id).toBe('update');
    resolveIncident(t.ctx, t.people.sanne, { id: NATIONAL, body: 'Registra BRP werkt weer.' });
    expect(suggestTemplate(t.ctx, subject(NATIONAL))?.id).toBe('opgelost');
  });

  it('is the local first message for an incident at a few municipalities', () => {
    const opened = openIncident(t.ctx, t.people.sanne, {
      title: 'Registra BRP traag in Utrecht',
      impact: 'minor',
      components: { 'registra-brp': 'degraded_performance' },
      scope: { municipalities: ['GM0344'] },
      body: 'Uittreksels opvragen duurt lang.',
    });
    expect(suggestTemplate(t.ctx, subject(opened.id))?.id).toBe('lokale-storing');
  });
});
