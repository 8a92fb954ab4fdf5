import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCapturedMail } from '../../../../src/mail/captured-mail.ts';
import { queryAudit } from '../../../../src/store/audit-log.ts';
import { listContacts } from '../../../../src/store/contacts-repository.ts';
import { seedDemoContacts } from '../../../../src/use-cases/contacts/seed-demo-contacts.ts';
import { approveMessage } from '../../../../src/use-cases/messages/approve-message.ts';
import { findComposeSubject, findTemplate, prefillDraft } from '../../../../src/use-cases/messages/compose-options.ts';
import { createDraft } from '../../../../src/use-cases/messages/create-draft.ts';
import { submitMessage } from '../../../../src/use-cases/messages/submit-message.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';

let t: TestApp;
// A new demo installation on the shipped demo content: no contacts yet.
beforeEach(async () => {
  t = await createTestApp({ contacts: [], start: '2026-11-27T09:00:00Z' });
});
afterEach(() => t.close());

describe('demo contacts at the first demo start', () => {
  it('adds two or three contacts per demo municipality, on a reserved domain, in both languages', () => {
    const added = seedDemoContacts(t.ctx, { env: 'demo' });
    const contacts = listContacts(t.db);
    expect(added).toBe(contacts.length);
    expect(contacts.length).toBeGreaterThanOrEqual(50);
    const municipalities = t.ctx.content.read().municipalities;
    for (const municipality of municipalities) {
      const own = contacts.filter((contact) => contact.municipality === municipality.id);
      expect(own.length, municipality.name).toBeGreaterThanOrEqual(2);
      expect(own.length, municipality.name).toBeLessThanOrEqual(3);
    }
    expect(contacts.every((contact) => contact.email.endsWith('.example'))).toBe(true);
    expect(new Set(contacts.map((contact) => contact.language))).toEqual(new Set(['nl', 'en']));
    expect(contacts.some((contact) => contact.products !== 'all')).toBe(true);
    expect(contacts.filter((contact) => contact.municipality === 'GM0518').map((contact) => contact.email)).toContain('servicedesk@gemeente-s-gravenhage.example');
    expect(queryAudit(t.db, { action: 'demo_contacts_seeded' }).entries).toHaveLength(1);
  });

  it('seeds only once, and never next to contacts that were already there', async () => {
    expect(seedDemoContacts(t.ctx, { env: 'demo' })).toBeGreaterThan(0);
    t.db.prepare('DELETE FROM contacts').run();
    await t.restart();
    expect(seedDemoContacts(t.ctx, { env: 'demo' })).toBe(0);
    expect(listContacts(t.db)).toEqual([]);

    const other = await createTestApp({ start: '2026-11-27T09:00:00Z' });
    try {
      const imported = listContacts(other.db).length;
      expect(seedDemoContacts(other.ctx, { env: 'demo' })).toBe(0);
      expect(listContacts(other.db)).toHaveLength(imported);
    } finally {
      await other.close();
    }
  });

  it('refuses outside HELDER_ENV=demo', () => {
    expect(() => seedDemoContacts(t.ctx, { env: 'production' })).toThrow(/only added when HELDER_ENV=demo/);
    expect(listContacts(t.db)).toEqual([]);
  });

  it('lets a newcomer’s first approved message reach the affected contacts in the local mailbox', async () => {
    seedDemoContacts(t.ctx, { env: 'demo' });
    const { sanne, bram } = t.people;
    const id = '2026-11-27-registra-brp-landelijke-storing';
    // The compose screen's own starting point, as a newcomer gets it.
    const prefill = prefillDraft(t.ctx, findComposeSubject(t.ctx, sanne, { kind: 'incident', id })!, findTemplate(t.ctx, 'storing-gemeld')!);
    const draft = createDraft(t.ctx, sanne, {
      ...prefill,
      values: {
        nl: {
          ...prefill.values.nl,
          // What the compose form derives from the chosen product statuses.
          affected_products: [
            { id: 'registra-brp', name: 'Registra BRP', status: 'major_outage' },
            { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', status: 'partial_outage' },
          ],
          symptoms: 'Medewerkers kunnen niet inloggen in Registra BRP.',
        },
      },
      next_update_at: prefill.next_update_at?.toISOString(),
    });
    submitMessage(t.ctx, sanne, { messageId: draft.id });
    await approveMessage(t.ctx, bram, { messageId: draft.id });
    await t.app.startDispatcher(() => {}).drain();
    const expected = t.ctx.audience.resolve(t.db, { kind: 'incident', id });
    const captured = listCapturedMail(t.db, { outboxMessageId: draft.id });
    expect(expected.length).toBeGreaterThanOrEqual(20);
    expect(captured.map((mail) => mail.recipient).sort()).toEqual(expected.map((recipient) => recipient.address).sort());
  });
});
