import type { Contact } from '../../domain/contact.ts';
import type { Municipality } from '../../domain/index.ts';
import { insertContact, listContacts } from '../../store/contacts-repository.ts';
import { transaction } from '../../store/database.ts';
import { markDemoSeeded, wasDemoSeeded } from '../../store/demo-seedings-repository.ts';
import { audit } from '../audit.ts';
import type { UseCaseContext } from '../context.ts';

const PEOPLE = [
  'Fatima Yilmaz', 'Bram de Jong', 'Lotte Visser', 'Mohamed Bouzid', 'Eva Smit', 'Jeroen Mulder', 'Sophie van Dijk', 'Daan Meijer',
  'Noor Hendriks', 'Thijs de Boer', 'Anouk Peters', 'Ruben Vos', 'Iris Jacobs', 'Kevin Dekker', 'Mila van Leeuwen', 'Sem Willems',
  'Julia Bos', 'Lucas Verhoeven', 'Emma Kok', 'Youssef Amrani', 'Sara de Graaf', 'Tim van den Berg', 'Lisa Brouwer', 'Milan Koster',
  'Femke Prins',
];

/** "'s-Gravenhage" → "s-gravenhage": the municipality's part of an example domain. */
function domainLabel(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** "Fatima Yilmaz" → "f.yilmaz". */
function personalPart(name: string): string {
  const [first, ...rest] = name.toLowerCase().split(' ');
  return `${first![0]}.${rest.join('').replace(/[^a-z]/g, '')}`;
}

/**
 * Two or three contacts per municipality, on the reserved `.example` top-level domain (RFC 2606),
 * so no demo mail can ever reach a real mailbox: the functional servicedesk mailbox for every
 * product, an application manager for the municipality's civil-registry products (or all it uses),
 * and at every third municipality an English-speaking IT supplier contact for two products.
 */
export function demoContacts(municipalities: readonly Municipality[]): Contact[] {
  return municipalities.flatMap((municipality, index): Contact[] => {
    const domain = `gemeente-${domainLabel(municipality.name)}.example`;
    const person = PEOPLE[index % PEOPLE.length]!;
    const registra = municipality.products.filter((product) => product.startsWith('registra-'));
    const contacts: Contact[] = [
      { municipality: municipality.id, name: 'Servicedesk Burgerzaken', email: `servicedesk@${domain}`, role: 'servicedesk', language: 'nl', products: 'all', active: true },
      { municipality: municipality.id, name: person, email: `${personalPart(person)}@${domain}`, role: 'applicatiebeheerder', language: 'nl', products: registra.length > 0 ? registra : [...municipality.products], active: true },
    ];
    if (index % 3 === 0 && municipality.products.length > 0) {
      contacts.push({ municipality: municipality.id, name: 'IT Operations (English)', email: `it-operations@${domain}`, role: 'ICT-leverancier', language: 'en', products: municipality.products.slice(0, 2), active: true });
    }
    return contacts;
  });
}

/**
 * HELDER_ENV=demo only, once per database: fills an empty contact list with the demo contacts,
 * so a newcomer's first approved message reaches recipients in the local mailbox. Never touches
 * a database that already has contacts (an import came first) or was seeded before. Returns how
 * many contacts it added.
 */
export function seedDemoContacts(ctx: UseCaseContext, config: { env: 'production' | 'demo' }): number {
  if (config.env !== 'demo') throw new Error('seedDemoContacts refused: demo contacts are only added when HELDER_ENV=demo.');
  const municipalities = ctx.content.readCatalogue().municipalities;
  return transaction(ctx.db, () => {
    if (wasDemoSeeded(ctx.db, 'contacts')) return 0;
    const now = ctx.clock.now();
    markDemoSeeded(ctx.db, 'contacts', now);
    if (listContacts(ctx.db).length > 0) return 0;
    const contacts = demoContacts(municipalities);
    for (const contact of contacts) insertContact(ctx.db, contact, now);
    audit(ctx, { kind: 'system', name: 'demo-installatie' }, { action: 'demo_contacts_seeded', details: { count: contacts.length }, at: now });
    return contacts.length;
  });
}
