import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportContacts } from '../../../src/admin/contacts/export-contacts.ts';
import { importContacts } from '../../../src/admin/contacts/import-contacts.ts';
import { parseCsv } from '../../../src/admin/contacts/csv.ts';
import { createFakeClock } from '../../../src/auth/clock.ts';
import { listContacts, markAddressUnsubscribed } from '../../../src/store/contacts-repository.ts';
import { openDatabase, type Database } from '../../../src/store/database.ts';

const ADMIN = { kind: 'user' as const, userId: 1, name: 'Femke Jansen' };
const MUNICIPALITIES = new Set(['GM0344', 'GM0363', 'GM0599', 'GM0518']);
const PRODUCTS = new Set(['registra-brp', 'registra-reisdocumenten', 'zaakstroom', 'taxo-belastingen']);

let dir: string;
let db: Database;
const clock = createFakeClock('2026-11-27T09:00:00Z');
const deps = () => ({ db, clock });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'helder-contacts-'));
  db = openDatabase(join(dir, 'helder.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const GOOD = [
  'gemeente;naam;email;rol;taal;producten;actief',
  'GM0344;Servicedesk Burgerzaken;servicedesk@utrecht.example.nl;servicedesk;nl;alle;ja',
  'GM0363;Applicatiebeheer BRP;brp-beheer@amsterdam.example.nl;applicatiebeheerder;en;registra-brp|registra-reisdocumenten;ja',
  `GM0518;"Team ""Digitale Balie"" 's-Gravenhage";balie@denhaag.example.nl;;nl;zaakstroom;nee`,
].join('\r\n');

describe('parseCsv', () => {
  it('reports an unclosed quote with its line', () => {
    expect(() => parseCsv('a;b\n"open;x\n', ';')).toThrow('line 2: a quoted cell is not closed');
  });

  it('handles quotes, delimiters and line breaks inside quoted cells, CRLF, a BOM and blank lines', () => {
    expect(parseCsv('\uFEFFa;b\r\n"x;1";"regel 1\nregel 2"\n\n"zeg ""hoi""";\n', ';')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x;1', 'regel 1\nregel 2'] },
      { line: 5, cells: ['zeg "hoi"', ''] },
    ]);
  });
});

describe('importContacts', () => {
  it('imports a clean file and reports what it did', () => {
    const report = importContacts(deps(), { csv: GOOD, actor: ADMIN, municipalities: MUNICIPALITIES, products: PRODUCTS });
    expect(report).toEqual({ rows: 3, validRows: 3, problems: [], merged: [], added: 3, updated: 0, imported: true });
    const contacts = listContacts(db);
    expect(contacts.map((contact) => [contact.municipality, contact.name, contact.language, contact.products, contact.active])).toEqual([
      ['GM0344', 'Servicedesk Burgerzaken', 'nl', 'all', true],
      ['GM0363', 'Applicatiebeheer BRP', 'en', ['registra-brp', 'registra-reisdocumenten'], true],
      ['GM0518', `Team "Digitale Balie" 's-Gravenhage`, 'nl', ['zaakstroom'], false],
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
    const report = importContacts(deps(), { csv, actor: ADMIN, municipalities: MUNICIPALITIES, products: PRODUCTS });
    expect(report.imported).toBe(false);
    expect(report.problems).toMatchInlineSnapshot(`
      [
        {
          "column": "e-mail",
          "line": 3,
          "reason": "must be exactly one e-mail address; put each address on its own contact",
          "value": "a@amsterdam.example.nl, b@amsterdam.example.nl",
        },
        {
          "column": "gemeente",
          "line": 4,
          "reason": "is not a municipality in content/municipalities.yaml",
          "value": "GM9999",
        },
        {
          "column": "actief",
          "line": 5,
          "reason": "must be "ja" or "nee"",
          "value": "misschien",
        },
        {
          "column": "taal",
          "line": 5,
          "reason": "must be "nl" or "en"",
          "value": "de",
        },
      ]
    `);
    expect(listContacts(db)).toEqual([]);

    const confirmed = importContacts(deps(), { csv, actor: ADMIN, confirm: true, municipalities: MUNICIPALITIES, products: PRODUCTS });
    expect(confirmed).toMatchObject({ imported: true, added: 1, validRows: 1 });
    expect(listContacts(db).map((contact) => contact.email)).toEqual(['servicedesk@utrecht.example.nl']);
  });

  it('reports unknown products', () => {
    const report = importContacts(deps(), {
      csv: 'gemeente;naam;email;producten\nGM0344;Servicedesk;servicedesk@utrecht.example.nl;registra-brp taxo-invordering',
      actor: ADMIN,
      municipalities: MUNICIPALITIES,
      products: PRODUCTS,
    });
    expect(report.problems).toEqual([{ line: 2, column: 'producten', value: 'taxo-invordering', reason: 'is not a product in content/components.yaml' }]);
  });

  it('merges duplicate addresses within a municipality and updates existing contacts without resubscribing them', () => {
    importContacts(deps(), { csv: GOOD, actor: ADMIN });
    markAddressUnsubscribed(db, 'servicedesk@utrecht.example.nl', 'one_click', clock.now());
    const csv = [
      'gemeente;naam;email;rol;producten;actief',
      'GM0344;Servicedesk Burgerzaken Utrecht;ServiceDesk@Utrecht.example.nl;servicedesk;registra-brp;ja',
      'GM0599;KCC Rotterdam;kcc@rotterdam.example.nl;;registra-brp;nee',
      'GM0599;KCC Rotterdam (2e regel);KCC@rotterdam.example.nl;kcc;zaakstroom;ja',
    ].join('\n');
    const report = importContacts(deps(), { csv, actor: ADMIN });
    expect(report).toMatchObject({ added: 1, updated: 1, imported: true, merged: [{ municipality: 'GM0599', email: 'kcc@rotterdam.example.nl', lines: [3, 4] }] });
    const byEmail = new Map(listContacts(db).map((contact) => [contact.email.toLowerCase(), contact]));
    expect(byEmail.get('kcc@rotterdam.example.nl')).toMatchObject({ name: 'KCC Rotterdam', role: 'kcc', products: ['registra-brp', 'zaakstroom'], active: true });
    const utrecht = byEmail.get('servicedesk@utrecht.example.nl')!;
    expect(utrecht).toMatchObject({ name: 'Servicedesk Burgerzaken Utrecht', products: ['registra-brp'], unsubscribedVia: 'one_click' });
  });

  it('refuses a file without the required columns', () => {
    expect(importContacts(deps(), { csv: 'naam;telefoon\nPiet;0612345678', actor: ADMIN }).problems).toEqual([
      { line: 1, column: 'telefoon', reason: 'unknown column "telefoon"; expected: gemeente, naam, email, rol, taal, producten, actief' },
      { line: 1, reason: 'required column "gemeente" is missing' },
      { line: 1, reason: 'required column "email" is missing' },
    ]);
    expect(importContacts(deps(), { csv: 'naam;email\nPiet;piet@x.nl', actor: ADMIN }).problems).toEqual([{ line: 1, reason: 'required column "gemeente" is missing' }]);
  });

  it('a dry run reports without writing', () => {
    expect(importContacts(deps(), { csv: GOOD, actor: ADMIN, dryRun: true })).toMatchObject({ added: 3, imported: false });
    expect(listContacts(db)).toEqual([]);
  });
});

describe('exportContacts', () => {
  it('writes semicolon CSV with BOM, defuses formulas, and re-imports to the same contacts', () => {
    importContacts(deps(), { csv: GOOD, actor: ADMIN });
    expect(importContacts(deps(), { csv: 'gemeente;naam;email\nGM0599;"=HYPERLINK(""http://x"")";formule@rotterdam.example.nl', actor: ADMIN }).added).toBe(1);
    markAddressUnsubscribed(db, 'balie@denhaag.example.nl', 'link', clock.now());
    const csv = exportContacts(db);
    expect(csv.startsWith('\uFEFFgemeente;naam;email;rol;taal;producten;actief;afgemeld_op;afgemeld_via\r\n')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain('GM0518;"Team ""Digitale Balie"" \'s-Gravenhage";balie@denhaag.example.nl;;nl;zaakstroom;nee;2026-11-27T09:00:00.000Z;link');
    const before = listContacts(db);
    const report = importContacts(deps(), { csv, actor: ADMIN });
    expect(report).toMatchObject({ problems: [], updated: 4, added: 0 });
    expect(listContacts(db).map(({ updatedAt: _updated, ...rest }) => rest)).toEqual(before.map(({ updatedAt: _updated, ...rest }) => rest));
  });
});

describe('createAudienceResolver', () => {
  it('resolves the audience from the stored contacts in the shape approval freezes', async () => {
    const { createAudienceResolver } = await import('../../../src/admin/contacts/resolve-audience.ts');
    importContacts(deps(), { csv: GOOD, actor: ADMIN });
    const resolver = createAudienceResolver({
      subjectScope: (subject: { kind: 'incident'; id: string }) => ({ components: subject.id === 'storing-brp' ? ['registra-brp'] : ['zaakstroom'], scope: 'all' as const }),
      municipalities: () => [
        { id: 'GM0344', name: 'Utrecht', products: ['registra-brp'] },
        { id: 'GM0363', name: 'Amsterdam', products: ['registra-brp'] },
        { id: 'GM0518', name: "'s-Gravenhage", products: ['zaakstroom'] },
      ],
    });
    expect(resolver.resolve(db, { kind: 'incident', id: 'storing-brp' })).toEqual([
      { contactId: expect.stringMatching(/^\d+$/), address: 'brp-beheer@amsterdam.example.nl', lang: 'en' },
      { contactId: expect.stringMatching(/^\d+$/), address: 'servicedesk@utrecht.example.nl', lang: 'nl' },
    ]);
    // The Hague's only contact is inactive.
    expect(resolver.resolve(db, { kind: 'incident', id: 'storing-zaakstroom' })).toEqual([]);
  });
});
