import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findContactByAddress, listContacts } from '../../../src/store/contacts-repository.ts';
import { signInOverHttp, startAdmin, type AdminHarness } from './admin-harness.ts';

let harness: AdminHarness;
let admin = '';

beforeAll(async () => {
  harness = await startAdmin();
  admin = await signInOverHttp(harness, 'admin');
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

function postForm(path: string, body: FormData | URLSearchParams): Promise<Response> {
  return fetch(`${harness.origin}${path}`, { method: 'POST', body, redirect: 'manual', headers: { cookie: admin, origin: harness.origin } });
}

const CSV = [
  'gemeente;naam;email;rol;taal;producten;actief',
  'GM0599;Servicedesk Rotterdam;servicedesk@rotterdam.nl;servicedesk;nl;alle;ja',
  'GM0599;Applicatiebeheer Rotterdam;applicatiebeheer@rotterdam.nl, beheer@rotterdam.nl;beheer;nl;registra-brp;ja',
  'GM0034;Burgerzaken Almere;burgerzaken@almere.nl;;en;registra-brp|registra-reisdocumenten;ja',
].join('\r\n');

describe('contacts in the admin', () => {
  it('imports nothing from a file with a bad row, and names the row and the reason', async () => {
    const form = new FormData();
    form.set('actie', 'controleren');
    form.set('bestand', new File([CSV], 'contactpersonen.csv', { type: 'text/csv' }));
    const response = await postForm('/admin/contacten/import', form);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('id="importproblemen"');
    expect(html).toMatch(/<td class="number">3<\/td>/);
    expect(html).toContain('Toch importeren');
    expect(findContactByAddress(harness.db, 'GM0599', 'servicedesk@rotterdam.nl')).toBeNull();
  });

  it('after confirmation imports only the valid rows', async () => {
    const response = await postForm('/admin/contacten/import', new URLSearchParams({ actie: 'bevestigen', csv: CSV }));
    const html = await response.text();
    expect(html).toContain('Geïmporteerd: 2 nieuw, 0 bijgewerkt.');
    expect(findContactByAddress(harness.db, 'GM0599', 'servicedesk@rotterdam.nl')?.name).toBe('Servicedesk Rotterdam');
    expect(findContactByAddress(harness.db, 'GM0034', 'burgerzaken@almere.nl')?.products).toEqual(['registra-brp', 'registra-reisdocumenten']);
    expect(listContacts(harness.db).some((contact) => contact.email.includes(','))).toBe(false);
  });

  it('exports the contacts as a CSV download only admins get', async () => {
    const response = await fetch(`${harness.origin}/admin/contacten/export.csv`, { headers: { cookie: admin } });
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="helder-contactpersonen-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await response.text();
    expect(csv.split('\r\n')[0]).toBe('gemeente;naam;email;rol;taal;producten;actief;afgemeld_op;afgemeld_via');
    expect(csv).toContain('GM0034;Burgerzaken Almere;burgerzaken@almere.nl;;en;registra-brp|registra-reisdocumenten;ja;;');
    const composer = await signInOverHttp(harness, 'composer');
    expect((await fetch(`${harness.origin}/admin/contacten/export.csv`, { headers: { cookie: composer } })).status).toBe(403);
  });

  it('refuses an address list in one contact, naming the field', async () => {
    const response = await postForm('/admin/contacten', new URLSearchParams({ municipality: 'GM0344', name: 'Burgerzaken Utrecht', email: 'a@utrecht.nl, b@utrecht.nl', language: 'nl', all_products: 'on', active: 'on' }));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#veld-email"');
    expect(html).toContain('Vul precies één e-mailadres in.');
  });

  it('adds a contact, then deactivates it; both are in the audit log', async () => {
    const added = await postForm('/admin/contacten', new URLSearchParams({ municipality: 'GM0344', name: 'Wijkbureau Utrecht', email: 'wijkbureau@utrecht.nl', role: 'wijkbureau', language: 'nl', all_products: 'on', active: 'on' }));
    expect(added.status).toBe(303);
    const contact = findContactByAddress(harness.db, 'GM0344', 'wijkbureau@utrecht.nl')!;
    expect(contact.active).toBe(true);
    const changed = await postForm(`/admin/contacten/${contact.id}`, new URLSearchParams({ municipality: 'GM0344', name: 'Wijkbureau Utrecht', email: 'wijkbureau@utrecht.nl', role: 'wijkbureau', language: 'nl', all_products: 'on' }));
    expect(changed.status).toBe(303);
    expect(findContactByAddress(harness.db, 'GM0344', 'wijkbureau@utrecht.nl')!.active).toBe(false);
    const actions = harness.db.prepare("SELECT action FROM audit_log WHERE subject_type = 'contact' AND subject_id = ? ORDER BY seq").all(String(contact.id)) as Array<{ action: string }>;
    expect(actions.map((row) => row.action)).toEqual(['subscriber_added', 'subscriber_changed']);
  });
});
