import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryAudit } from '../../../../src/store/audit-log.ts';
import { listContacts, markAddressUnsubscribed } from '../../../../src/store/contacts-repository.ts';
import { exportContacts } from '../../../../src/use-cases/contacts/export-contacts.ts';
import { importContacts, type ImportProblem } from '../../../../src/use-cases/contacts/import-contacts.ts';
import { saveContact } from '../../../../src/use-cases/contacts/save-contact.ts';
import { openIncident } from '../../../../src/use-cases/incidents/open-incident.ts';
import { problemText } from '../../../../src/i18n/refusals.ts';
import { refusalOf } from '../../../support/refusals.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';

let t: TestApp;
// The demo catalogue (its municipalities and products are the ones an import may name), no contacts yet.
beforeEach(async () => {
  t = await createTestApp({ catalogueOnly: true, contacts: [], start: '2026-11-27T09:00:00Z' });
});
afterEach(() => t.close());

const importAs = (input: Parameters<typeof importContacts>[2]) => importContacts(t.ctx, t.people.cor, input);

/** A problem as the import screen shows it: where, and the Dutch text. */
const shown = (problem: ImportProblem) =>
  `regel ${problem.line}${problem.column ? `, kolom ${problem.column}` : ''}${problem.value !== undefined ? ` (${JSON.stringify(problem.value)})` : ''}: ${problemText(problem, 'nl')}`;

const GOOD = [
  'gemeente;naam;email;rol;taal;producten;actief',
  'GM0344;Servicedesk Burgerzaken;servicedesk@utrecht.example.nl;servicedesk;nl;alle;ja',
  'GM0363;Applicatiebeheer BRP;brp-beheer@amsterdam.example.nl;applicatiebeheerder;en;registra-brp|registra-reisdocumenten;ja',
  `GM0518;"Team ""Digitale Balie"" 's-Gravenhage";balie@denhaag.example.nl;;nl;loket-formulieren;nee`,
].join('\r\n');

describe('importContacts', () => {
  it('imports a clean file and reports what it did', () => {
    const report = importAs({ csv: GOOD });
    expect(report).toEqual({ rows: 3, validRows: 3, problems: [], merged: [], added: 3, updated: 0, imported: true });
    const contacts = listContacts(t.db);
    expect(contacts.map((contact) => [contact.municipality, contact.name, contact.language, contact.products, contact.active])).toEqual([
      ['GM0344', 'Servicedesk Burgerzaken', 'nl', 'all', true],
      ['GM0363', 'Applicatiebeheer BRP', 'en', ['registra-brp', 'registra-reisdocumenten'], true],
      ['GM0518', `Team "Digitale Balie" 's-Gravenhage`, 'nl', ['loket-formulieren'], false],
    ]);
    expect(queryAudit(t.db, { action: 'subscriber_added' }).entries.map((entry) => [entry.actor.name, entry.details])).toEqual([
      ['Cor Bakker', { source: 'csv', added: 3, updated: 0, skipped_rows: 0, confirmed_with_problems: false }],
    ]);
  });

  it('lists every bad row with its reason and imports nothing unless confirmed', () => {
    const csv = [
      'gemeente,naam,e-mail,taal,producten,actief',
      'GM0344,Servicedesk,servicedesk@utrecht.example.nl,nl,alle,ja',
      'GM0363,Twee adressen,"a@amsterdam.example.nl, b@amsterdam.example.nl",nl,alle,ja',
      'GM9999,Onbekende gemeente,info@nergens.example.nl,nl,alle,ja',
      'GM0599,Rotterdam,kcc@rotterdam.example.nl,de,onbekend-product,misschien',
    ].join('\n');
    const report = importAs({ csv });
    expect(report.imported).toBe(false);
    expect(report.problems.map(shown)).toMatchInlineSnapshot(`
      [
        "regel 3, kolom e-mail ("a@amsterdam.example.nl, b@amsterdam.example.nl"): Vul precies één e-mailadres in. Zet elk adres bij een eigen contactpersoon.",
        "regel 4, kolom gemeente ("GM9999"): De gemeente "GM9999" bestaat niet. Kies een gemeente uit de lijst.",
        "regel 5, kolom actief ("misschien"): Vul "ja" of "nee" in.",
        "regel 5, kolom taal ("de"): Kies een van deze mogelijkheden: nl of en.",
      ]
    `);
    expect(listContacts(t.db)).toEqual([]);

    const confirmed = importAs({ csv, confirm: true });
    expect(confirmed).toMatchObject({ imported: true, added: 1, validRows: 1 });
    expect(listContacts(t.db).map((contact) => contact.email)).toEqual(['servicedesk@utrecht.example.nl']);
  });

  it('reports unknown products', () => {
    const report = importAs({ csv: 'gemeente;naam;email;producten\nGM0344;Servicedesk;servicedesk@utrecht.example.nl;registra-brp registra-paspoort' });
    expect(report.problems).toEqual([{ line: 2, column: 'producten', value: 'registra-paspoort', code: 'unknown_product', params: { id: 'registra-paspoort' } }]);
    expect(report.problems.map(shown)).toMatchInlineSnapshot(`
      [
        "regel 2, kolom producten ("registra-paspoort"): Het product "registra-paspoort" bestaat niet. Kies een product uit de lijst.",
      ]
    `);
  });

  it('merges duplicate addresses within a municipality and updates existing contacts without resubscribing them', () => {
    importAs({ csv: GOOD });
    markAddressUnsubscribed(t.db, 'servicedesk@utrecht.example.nl', 'one_click', t.clock.now());
    const csv = [
      'gemeente;naam;email;rol;producten;actief',
      'GM0344;Servicedesk Burgerzaken Utrecht;ServiceDesk@Utrecht.example.nl;servicedesk;registra-brp;ja',
      'GM0599;KCC Rotterdam;kcc@rotterdam.example.nl;;registra-brp;nee',
      'GM0599;KCC Rotterdam (2e regel);KCC@rotterdam.example.nl;kcc;zaakstroom;ja',
    ].join('\n');
    const report = importAs({ csv });
    expect(report).toMatchObject({ added: 1, updated: 1, imported: true, merged: [{ municipality: 'GM0599', email: 'kcc@rotterdam.example.nl', lines: [3, 4] }] });
    const byEmail = new Map(listContacts(t.db).map((contact) => [contact.email.toLowerCase(), contact]));
    expect(byEmail.get('kcc@rotterdam.example.nl')).toMatchObject({ name: 'KCC Rotterdam', role: 'kcc', products: ['registra-brp', 'zaakstroom'], active: true });
    const utrecht = byEmail.get('servicedesk@utrecht.example.nl')!;
    expect(utrecht).toMatchObject({ name: 'Servicedesk Burgerzaken Utrecht', products: ['registra-brp'], unsubscribedVia: 'one_click' });
  });

  it('refuses a file without the required columns', () => {
    const report = importAs({ csv: 'naam;telefoon\nPiet;0612345678' });
    expect(report.problems).toEqual([
      { line: 1, column: 'telefoon', code: 'csv_unknown_column', params: { expected: ['gemeente', 'naam', 'email', 'rol', 'taal', 'producten', 'actief'] } },
      { line: 1, column: 'gemeente', code: 'csv_missing_column' },
      { line: 1, column: 'email', code: 'csv_missing_column' },
    ]);
    expect(report.problems.map(shown)).toMatchInlineSnapshot(`
      [
        "regel 1, kolom telefoon: Onbekende kolom. Gebruik: gemeente, naam, email, rol, taal, producten en actief.",
        "regel 1, kolom gemeente: Deze verplichte kolom ontbreekt. Voeg hem toe aan de kopregel.",
        "regel 1, kolom email: Deze verplichte kolom ontbreekt. Voeg hem toe aan de kopregel.",
      ]
    `);
    expect(importAs({ csv: 'naam;email\nPiet;piet@x.nl' }).problems).toEqual([{ line: 1, column: 'gemeente', code: 'csv_missing_column' }]);
    expect(listContacts(t.db)).toEqual([]);
  });

  it('a dry run reports without writing', () => {
    expect(importAs({ csv: GOOD, dryRun: true })).toMatchObject({ added: 3, imported: false });
    expect(listContacts(t.db)).toEqual([]);
    expect(queryAudit(t.db).entries).toEqual([]);
  });

  it('is for administrators only', () => {
    expect(refusalOf(() => importContacts(t.ctx, t.people.eva, { csv: GOOD }))).toMatchObject({ code: 'forbidden', params: { permission: 'subscriber.manage' } });
    expect(refusalOf(() => exportContacts(t.ctx, t.people.eva)).code).toBe('forbidden');
    expect(listContacts(t.db)).toEqual([]);
  });
});

describe('exportContacts', () => {
  it('writes semicolon CSV with BOM, defuses formulas, and re-imports to the same contacts', () => {
    importAs({ csv: GOOD });
    expect(importAs({ csv: 'gemeente;naam;email\nGM0599;"=HYPERLINK(""http://x"")";formule@rotterdam.example.nl' }).added).toBe(1);
    markAddressUnsubscribed(t.db, 'balie@denhaag.example.nl', 'link', t.clock.now());
    const csv = exportContacts(t.ctx, t.people.cor);
    expect(csv.startsWith('\uFEFFgemeente;naam;email;rol;taal;producten;actief;afgemeld_op;afgemeld_via\r\n')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain('GM0518;"Team ""Digitale Balie"" \'s-Gravenhage";balie@denhaag.example.nl;;nl;loket-formulieren;nee;2026-11-27T09:00:00.000Z;link');
    const before = listContacts(t.db);
    const report = importAs({ csv });
    expect(report).toMatchObject({ problems: [], updated: 4, added: 0 });
    expect(listContacts(t.db).map(({ updatedAt: _updated, ...rest }) => rest)).toEqual(before.map(({ updatedAt: _updated, ...rest }) => rest));
  });
});

describe('the audience of a message', () => {
  it('is resolved from the stored contacts in the shape approval freezes', () => {
    importAs({ csv: GOOD });
    const brp = openIncident(t.ctx, t.people.sanne, {
      title: 'Registra BRP niet bereikbaar',
      impact: 'major',
      components: { 'registra-brp': 'major_outage' },
      scope: 'all',
      body: 'Medewerkers kunnen niet inloggen in Registra BRP.',
    });
    expect(t.ctx.audience.resolve(t.db, { kind: 'incident', id: brp.id })).toEqual([
      { contactId: expect.stringMatching(/^\d+$/), address: 'brp-beheer@amsterdam.example.nl', lang: 'en' },
      { contactId: expect.stringMatching(/^\d+$/), address: 'servicedesk@utrecht.example.nl', lang: 'nl' },
    ]);
    const loket = openIncident(t.ctx, t.people.sanne, {
      title: 'Loket Formulieren traag in Den Haag',
      impact: 'minor',
      components: { 'loket-formulieren': 'degraded_performance' },
      scope: { municipalities: ['GM0518'] },
      body: 'Formulieren versturen duurt lang.',
    });
    // The Hague's only contact is inactive; once active, it is the audience.
    expect(t.ctx.audience.resolve(t.db, { kind: 'incident', id: loket.id })).toEqual([]);
    const hague = listContacts(t.db).find((contact) => contact.municipality === 'GM0518')!;
    saveContact(t.ctx, t.people.cor, hague.id, { municipality: 'GM0518', name: hague.name, email: hague.email, role: hague.role, language: 'nl', products: ['loket-formulieren'], active: true });
    expect(t.ctx.audience.resolve(t.db, { kind: 'incident', id: loket.id })).toEqual([{ contactId: String(hague.id), address: 'balie@denhaag.example.nl', lang: 'nl' }]);
  });
});
