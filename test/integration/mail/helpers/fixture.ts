import { ContactSchema, type ContactInput } from '../../../../src/domain/contact.ts';
import type { Database } from '../../../../src/store/database.ts';
import { insertContact } from '../../../../src/store/contacts-repository.ts';
import { UNSUBSCRIBE_PLACEHOLDER } from '../../../../src/templates/unsubscribe-placeholder.ts';
import type { MailConfig } from '../../../../src/mail/mail-config.ts';
import { createTestStore as createBareStore, type TestStore } from '../../store/temp-database.ts';

export type { TestStore };

/** A bare store (real SQLite file, migrated) with a fake clock on the Friday morning of the outage. */
export function createTestStore(start = '2026-11-27T08:00:00Z'): TestStore {
  return createBareStore(start);
}

export const CONTACTS: ContactInput[] = [
  { municipality: 'GM0344', name: 'Servicedesk Burgerzaken Utrecht', email: 'servicedesk.burgerzaken@utrecht.example.nl', role: 'servicedesk', language: 'nl', products: 'all' },
  { municipality: 'GM0363', name: 'Applicatiebeheer Amsterdam', email: 'applicatiebeheer@amsterdam.example.nl', role: 'applicatiebeheerder', language: 'en', products: ['registra-brp'] },
  { municipality: 'GM0599', name: 'Functioneel beheer Rotterdam', email: 'functioneelbeheer@rotterdam.example.nl', role: 'functioneel beheerder', language: 'nl', products: 'all' },
];

/** Inserts contacts and returns their ids in order. */
export function seedContacts(db: Database, contacts: ContactInput[], now: Date): number[] {
  return contacts.map((contact) => insertContact(db, ContactSchema.parse(contact), now));
}

/** Renderings as the templates produce them: with the unsubscribe placeholder still in. */
export function renderings(subjectNl: string, subjectEn = subjectNl) {
  return [
    {
      lang: 'nl' as const,
      subject: subjectNl,
      html: `<!doctype html><html lang="nl"><body><p>Registra BRP is verstoord. Burgers kunnen geen verhuizing doorgeven.</p><p><a href="${UNSUBSCRIBE_PLACEHOLDER}">Afmelden voor deze berichten</a></p></body></html>`,
      text: `Registra BRP is verstoord. Burgers kunnen geen verhuizing doorgeven.\n\nAfmelden: ${UNSUBSCRIBE_PLACEHOLDER}\n`,
    },
    {
      lang: 'en' as const,
      subject: subjectEn,
      html: `<!doctype html><html lang="en"><body><p>Registra BRP is disrupted. Citizens cannot register a change of address.</p><p><a href="${UNSUBSCRIBE_PLACEHOLDER}">Unsubscribe</a></p></body></html>`,
      text: `Registra BRP is disrupted. Citizens cannot register a change of address.\n\nUnsubscribe: ${UNSUBSCRIBE_PLACEHOLDER}\n`,
    },
  ];
}

export function mailConfig(overrides: Partial<MailConfig> = {}): MailConfig {
  return {
    smtp: null,
    concurrency: 5,
    from: { name: 'Storingsdienst Leverancier', address: 'storingen@leverancier.example.nl' },
    replyTo: { name: 'Klantenservice', address: 'klantenservice@leverancier.example.nl' },
    dkim: null,
    expiryMinutes: 360,
    unknownPolicy: 'hold',
    serverUrl: 'https://status.leverancier.example.nl',
    dataDir: 'data',
    drillMode: false,
    ...overrides,
  };
}

export function smtpSettings(url: string, poolSize = 5) {
  return {
    url,
    poolSize,
    ratePerSecond: 0,
    requireTls: false,
    tlsRejectUnauthorized: true,
    timeoutsMs: { connection: 2_000, greeting: 2_000, socket: 3_000 },
  };
}
