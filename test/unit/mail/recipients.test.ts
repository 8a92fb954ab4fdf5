import { describe, expect, it } from 'vitest';
import type { StoredContact } from '../../../src/domain/contact.ts';
import type { Municipality } from '../../../src/domain/municipality.ts';
import { selectRecipients } from '../../../src/domain/recipients.ts';

const MUNICIPALITIES: Municipality[] = [
  { id: 'GM0344', name: 'Utrecht', products: ['registra-brp', 'zaakstroom'] },
  { id: 'GM0363', name: 'Amsterdam', products: ['registra-brp', 'taxo-belastingen'] },
  { id: 'GM0855', name: 'Tilburg', products: ['taxo-belastingen'] },
];

let nextId = 1;
function contact(overrides: Partial<StoredContact> & Pick<StoredContact, 'municipality' | 'email'>): StoredContact {
  return { id: nextId++, name: 'Servicedesk', role: '', language: 'nl', products: 'all', active: true, unsubscribedAt: null, ...overrides };
}

describe('selectRecipients: who receives a message', () => {
  const brpOutage = { components: ['registra-brp'], scope: 'all' as const };

  it('takes the contacts of every municipality using an affected product when the scope is "all"', () => {
    const contacts = [
      contact({ municipality: 'GM0344', email: 'servicedesk@utrecht.nl' }),
      contact({ municipality: 'GM0363', email: 'kcc@amsterdam.nl' }),
      contact({ municipality: 'GM0855', email: 'belastingen@tilburg.nl' }),
    ];
    expect(selectRecipients(brpOutage, MUNICIPALITIES, contacts).map((recipient) => recipient.email)).toEqual(['kcc@amsterdam.nl', 'servicedesk@utrecht.nl']);
  });

  it('takes only the listed municipalities for a local outage', () => {
    const contacts = [contact({ municipality: 'GM0344', email: 'servicedesk@utrecht.nl' }), contact({ municipality: 'GM0363', email: 'kcc@amsterdam.nl' })];
    const local = { components: ['registra-brp'], scope: { municipalities: ['GM0363'] } };
    expect(selectRecipients(local, MUNICIPALITIES, contacts).map((recipient) => recipient.email)).toEqual(['kcc@amsterdam.nl']);
  });

  it('leaves out inactive contacts, unsubscribed addresses and contacts who chose other products', () => {
    const contacts = [
      contact({ municipality: 'GM0344', email: 'inactief@utrecht.nl', active: false }),
      contact({ municipality: 'GM0344', email: 'afgemeld@utrecht.nl', unsubscribedAt: new Date('2026-11-01T10:00:00Z') }),
      contact({ municipality: 'GM0344', email: 'alleen-zaakstroom@utrecht.nl', products: ['zaakstroom'] }),
      contact({ municipality: 'GM0344', email: 'brp@utrecht.nl', products: ['registra-brp', 'zaakstroom'] }),
    ];
    expect(selectRecipients(brpOutage, MUNICIPALITIES, contacts).map((recipient) => recipient.email)).toEqual(['brp@utrecht.nl']);
  });

  it('an address unsubscribed on one contact row stays out even when another row for it is active', () => {
    const contacts = [
      contact({ municipality: 'GM0344', email: 'regio-servicedesk@example.nl', unsubscribedAt: new Date('2026-11-01T10:00:00Z') }),
      contact({ municipality: 'GM0363', email: 'Regio-Servicedesk@example.nl' }),
    ];
    expect(selectRecipients(brpOutage, MUNICIPALITIES, contacts)).toEqual([]);
  });

  it('sends one message to an address that is a contact for several municipalities, compared case-insensitively', () => {
    const contacts = [
      contact({ id: 20, municipality: 'GM0363', email: 'Servicedesk@Regio-ICT.nl', name: 'Regionale servicedesk', language: 'en' }),
      contact({ id: 10, municipality: 'GM0344', email: 'servicedesk@regio-ict.nl', name: 'Servicedesk regio' }),
    ];
    expect(selectRecipients(brpOutage, MUNICIPALITIES, contacts)).toEqual([
      { contactId: 10, email: 'servicedesk@regio-ict.nl', name: 'Servicedesk regio', language: 'nl', municipalities: ['GM0344', 'GM0363'] },
    ]);
  });
});
