import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/content/content-error.ts';
import { loadContent } from '../../../src/content/load-content.ts';

const SITE = `url: https://status.voorbeeldsoftware.nl
page_id: vbsw2026hldr
vendor:
  name: Voorbeeld Software B.V.
title:
  nl: Status van Voorbeeld Software
  en: Voorbeeld Software status
brand:
  primary: "#1d4f91"
`;

const COMPONENTS = `groups:
  - id: burgerzaken
    name: { nl: Burgerzaken, en: Civil affairs }
    order: 1
components:
  - id: registra-brp
    name: Registra BRP
    group: burgerzaken
    order: 1
    description: Bijhouding van de Basisregistratie Personen (BRP).
  - id: registra-reisdocumenten
    name: Registra Reisdocumenten
    group: burgerzaken
    order: 2
    description: Aanvragen en uitreiken van paspoorten en identiteitskaarten.
`;

const MUNICIPALITIES = `municipalities:
  - id: GM0344
    name: Utrecht
    products: [registra-brp, registra-reisdocumenten]
  - id: GM0193
    name: Zwolle
    products: [registra-brp]
`;

const INCIDENT = `---
title:
  nl: Registra BRP niet bereikbaar in Utrecht
  en: Registra BRP unavailable in Utrecht
impact: major
components: [registra-brp]
scope:
  municipalities: [GM0344]
workaround: Noteer verhuizingen op het papieren formulier en verwerk ze later.
updates:
  - at: 2026-11-12T08:05:00Z
    status: investigating
    components: { registra-brp: major_outage }
    next_update_at: 2026-11-12T08:45:00Z
    body: Medewerkers van de gemeente Utrecht kunnen niet inloggen. We onderzoeken de oorzaak.
  - at: 2026-11-12T10:40:00+01:00
    status: resolved
    components: { registra-brp: operational }
    body: De storing is opgelost.
---
## Wat ging er mis?

Een verlopen certificaat op de koppeling met de landelijke voorziening.
`;

const MAINTENANCE = `---
title: Upgrade Registra BRP naar versie 2027.1
description: Registra BRP is tijdens het onderhoud niet beschikbaar.
components: [registra-brp]
scheduled_for: 2026-12-12T21:00:00Z
scheduled_until: 2026-12-13T01:00:00Z
---
`;

/** Continuity guidance for one product, in Dutch and English, with every field filled in. */
const guidance = (product: string) => `---
product: ${product}
reviewed: 2026-11-02
summary:
  nl: Medewerkers kunnen geen persoonslijsten inzien of bijhouden.
  en: Staff cannot view or update personal records.
during:
  fallback:
    nl: Neem de vraag van de inwoner op en verwerk die later.
    en: Record the resident's request and process it later.
  forms:
    nl: Gebruik het papieren formulier *Aangifte van verhuizing*.
    en: Use the paper form *Change of address notification*.
  deadlines:
    nl: De termijn van vijf dagen voor een verhuizing schuift niet op; de datum van aangifte telt.
    en: The five-day term for a move does not change; the date of notification counts.
  can_wait:
    nl: Correcties van gegevens kunnen wachten.
    en: Corrections of data can wait.
residents:
  nl: Zeg eerlijk dat het systeem niet werkt.
  en: Say honestly that the system is down.
after:
  backlog:
    nl: Verwerk eerst de verhuizingen uit het noodregister.
    en: First process the changes of address from the emergency register.
  checks:
    nl: Controleer of elke regel in het noodregister is verwerkt.
    en: Check that every line of the emergency register has been processed.
burgerbericht:
  during:
    nl: Door een storing kunnen wij nu geen verhuizingen verwerken. Wij werken aan een oplossing.
    en: Because of an outage we cannot process changes of address right now. We are working on it.
  after:
    nl: De storing is voorbij. Verhuizingen werken weer.
    en: The outage is over. Changes of address work again.
kcc_script:
  during:
    nl: '**Zeg:** "Door een storing kunnen wij nu geen verhuizingen verwerken."'
    en: '**Say:** "Because of an outage we cannot process changes of address right now."'
  after:
    nl: '**Zeg:** "De storing is voorbij."'
    en: '**Say:** "The outage is over."'
---
`;

const INCIDENT_FILE = 'incidents/2026-11-12-registra-brp-storing-utrecht.md';
const GUIDANCE_FILE = 'guidance/registra-brp.md';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a valid content folder, with `changes` replacing (or, when null, removing) files. */
function contentDir(changes: Record<string, string | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'helder-content-'));
  dirs.push(dir);
  const files: Record<string, string | null> = {
    'site.yaml': SITE,
    'components.yaml': COMPONENTS,
    'municipalities.yaml': MUNICIPALITIES,
    [INCIDENT_FILE]: INCIDENT,
    'maintenance/2026-12-12-registra-brp-upgrade.md': MAINTENANCE,
    [GUIDANCE_FILE]: guidance('registra-brp'),
    'guidance/registra-reisdocumenten.md': guidance('registra-reisdocumenten'),
    ...changes,
  };
  for (const [name, text] of Object.entries(files)) {
    if (text === null) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The one error message loading gives, with the temporary folder shown as <content>. */
function failure(dir: string): string {
  try {
    loadContent(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as Error).message.replaceAll(dir, '<content>');
  }
  throw new Error('expected loadContent to fail');
}

const incidentWith = (from: string, to: string) => {
  expect(INCIDENT).toContain(from);
  return INCIDENT.replace(from, to);
};

describe('loading content', () => {
  it('reads a valid folder into typed, validated objects', () => {
    const content = loadContent(contentDir());
    expect(content.site.url).toBe('https://status.voorbeeldsoftware.nl');
    expect(content.components.map((component) => component.id)).toEqual(['registra-brp', 'registra-reisdocumenten']);
    expect(content.incidents).toHaveLength(1);
    const [incident] = content.incidents;
    expect(incident).toMatchObject({ id: '2026-11-12-registra-brp-storing-utrecht', drill: false, scope: { municipalities: ['GM0344'] } });
    expect(incident!.updates[1]!.at).toEqual(new Date('2026-11-12T09:40:00Z'));
    expect(incident!.postmortem).toBe('## Wat ging er mis?\n\nEen verlopen certificaat op de koppeling met de landelijke voorziening.');
    expect(content.maintenances).toMatchObject([{ id: '2026-12-12-registra-brp-upgrade', scope: 'all', updates: [] }]);
  });

  it('lets a deployment override the site URL', () => {
    expect(loadContent(contentDir(), { siteUrl: 'https://status.acceptatie.voorbeeldsoftware.nl/' }).site.url).toBe('https://status.acceptatie.voorbeeldsoftware.nl');
  });

  it('names the file, field, expected values and found value for a wrong enum value', () => {
    expect(failure(contentDir({ [INCIDENT_FILE]: incidentWith('status: investigating', 'status: onderzoek') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md → updates[0].status: Choose one of: investigating, identified, monitoring or resolved (got "onderzoek")."
    `);
  });

  it('says a missing field is required and what it expects', () => {
    expect(failure(contentDir({ [INCIDENT_FILE]: incidentWith('impact: major\n', '') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md → impact: Fill this in: one of none, minor, major or critical."
    `);
    expect(failure(contentDir({ [INCIDENT_FILE]: incidentWith('    status: resolved\n', '') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md → updates[1].status: Fill this in: one of investigating, identified, monitoring or resolved."
    `);
  });

  it('tells a wrongly typed value apart from a missing one', () => {
    expect(failure(contentDir({ [INCIDENT_FILE]: incidentWith('impact: major\n', 'impact: major\ndrill: ja\n') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md → drill: Expected boolean, got "ja"."
    `);
  });

  it('names the field of a Dutch text that is missing inside a translated text', () => {
    expect(failure(contentDir({ [INCIDENT_FILE]: incidentWith('  nl: Registra BRP niet bereikbaar in Utrecht\n', '') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md → title.nl: Fill this in (expected string)."
    `);
  });

  it('refuses a timestamp without an offset', () => {
    expect(failure(contentDir({ [INCIDENT_FILE]: incidentWith('at: 2026-11-12T08:05:00Z', 'at: 2026-11-12 09:05') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md → updates[0].at: Enter a date and time with offset, for example 2026-11-27T10:30:00+01:00."
    `);
  });

  it('refuses an unknown field, such as a misspelling', () => {
    expect(failure(contentDir({ [INCIDENT_FILE]: incidentWith('workaround:', 'work_around:') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md: Unknown fields: work_around. Check the spelling."
    `);
  });

  it('reports a YAML syntax error with its line number', () => {
    expect(failure(contentDir({ [INCIDENT_FILE]: incidentWith('components: [registra-brp]', 'components: [registra-brp') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md: YAML does not parse at line 7, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]"
    `);
    expect(failure(contentDir({ 'municipalities.yaml': MUNICIPALITIES.replace('    name: Zwolle', '   name: Zwolle') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/municipalities.yaml: YAML does not parse at line 6, column 1: Sequence item without - indicator"
    `);
  });

  it('refuses a Markdown file without front matter', () => {
    expect(failure(contentDir({ [INCIDENT_FILE]: 'Registra BRP is niet bereikbaar.\n' }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md: missing front matter: the file must start with a line "---", the YAML fields, and another "---""
    `);
  });

  it('refuses an MDX file among the incidents, since MDX would run code at build time', () => {
    expect(failure(contentDir({ 'incidents/2026-11-13-loket-storing.mdx': INCIDENT }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/incidents/2026-11-13-loket-storing.mdx: only plain Markdown files (.md) belong here; MDX and other files are not allowed"
    `);
  });

  it('refuses a file name that cannot be an id', () => {
    expect(failure(contentDir({ 'incidents/Storing BRP 12 november.md': INCIDENT }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/incidents/Storing BRP 12 november.md: the file name is the id: Use only lower-case letters, digits and single hyphens, for example "registra-brp"."
    `);
  });

  it('refuses an incident about an unknown product or municipality', () => {
    const unknown = incidentWith('components: [registra-brp]', 'components: [registra-brp, registra-paspoort]').replace('[GM0344]', '[GM0344, GM9999]');
    expect(failure(contentDir({ [INCIDENT_FILE]: unknown }))).toMatchInlineSnapshot(`
      "Content has 2 problems:
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md → components[1]: unknown product "registra-paspoort"; expected one of: registra-brp, registra-reisdocumenten
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md → scope.municipalities[1]: unknown municipality "GM9999"; it must be listed in content/municipalities.yaml"
    `);
  });

  it('refuses a municipality using an unknown product', () => {
    expect(failure(contentDir({ 'municipalities.yaml': MUNICIPALITIES.replace('products: [registra-brp]', 'products: [registra-brp, loket-afspraken]') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/municipalities.yaml → municipalities[1].products[1]: unknown product "loket-afspraken"; expected one of: registra-brp, registra-reisdocumenten"
    `);
  });

  it('refuses a maintenance file with a body, which no page would show', () => {
    expect(failure(contentDir({ 'maintenance/2026-12-12-registra-brp-upgrade.md': `${MAINTENANCE}Plan geen afspraken.\n` }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/maintenance/2026-12-12-registra-brp-upgrade.md: a maintenance file has no Markdown body; put the text in "description" or in an update"
    `);
  });

  it('reads continuity guidance per product and ready-made texts on incident updates', () => {
    const withTexts = incidentWith(
      '    body: De storing is opgelost.\n',
      '    body: De storing is opgelost.\n    burgerbericht: De storing is voorbij. Verhuizingen werken weer.\n    kcc_script: { nl: "**Zeg:** het werkt weer.", en: "**Say:** it works again." }\n',
    );
    const content = loadContent(contentDir({ [INCIDENT_FILE]: withTexts }));
    expect(content.guidance.map((entry) => entry.product)).toEqual(['registra-brp', 'registra-reisdocumenten']);
    expect(content.guidance[0]!.burgerbericht.during).toEqual({
      nl: 'Door een storing kunnen wij nu geen verhuizingen verwerken. Wij werken aan een oplossing.',
      en: 'Because of an outage we cannot process changes of address right now. We are working on it.',
    });
    expect(content.incidents[0]!.updates[1]).toMatchObject({
      burgerbericht: 'De storing is voorbij. Verhuizingen werken weer.',
      kcc_script: { nl: '**Zeg:** het werkt weer.', en: '**Say:** it works again.' },
    });
  });

  it('reports a product without continuity guidance at the product, with the file to add', () => {
    expect(failure(contentDir({ 'guidance/registra-reisdocumenten.md': null }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/components.yaml → components[1].id: product "registra-reisdocumenten" has no continuity guidance; add <content>/guidance/registra-reisdocumenten.md with "product: registra-reisdocumenten""
    `);
  });

  it('reports guidance for an unknown product, and guidance in a file named after another product', () => {
    expect(failure(contentDir({ 'guidance/registra-paspoort.md': guidance('registra-paspoort') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/guidance/registra-paspoort.md → product: unknown product "registra-paspoort"; expected one of: registra-brp, registra-reisdocumenten"
    `);
    expect(failure(contentDir({ 'guidance/registra-reisdocumenten.md': guidance('registra-brp') }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/guidance/registra-reisdocumenten.md → product: is "registra-brp", but the file is named registra-reisdocumenten.md; name the file after its product: registra-brp.md"
    `);
  });

  it('reports a burgerbericht over 600 characters, or with a placeholder, with file and field', () => {
    const long = 'Door een storing kunnen wij nu geen verhuizingen verwerken. '.repeat(11).trim();
    expect(long.length).toBeGreaterThan(600);
    const tooLong = guidance('registra-brp').replace(
      '    en: Because of an outage we cannot process changes of address right now. We are working on it.',
      `    en: ${long}`,
    );
    const placeholder = guidance('registra-brp').replace('    nl: De storing is voorbij. Verhuizingen werken weer.', '    nl: De storing bij gemeente [naam] is voorbij.');
    expect(failure(contentDir({ [GUIDANCE_FILE]: tooLong }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/guidance/registra-brp.md → burgerbericht.during.en: Use at most 600 characters (now 659)."
    `);
    expect(failure(contentDir({ [GUIDANCE_FILE]: placeholder }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/guidance/registra-brp.md → burgerbericht.after.nl: Contains "[", which looks like a placeholder. This text is passed on as it is: write it out in full."
    `);
  });

  it('reports a missing guidance section by its field, and a guidance file with a body', () => {
    const withoutForms = guidance('registra-brp').replace(/  forms:\n.*\n.*\n/, '');
    expect(failure(contentDir({ [GUIDANCE_FILE]: withoutForms }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/guidance/registra-brp.md → during.forms: Expected a Dutch text, or { nl: "…", en: "…" } with the English translation."
    `);
    expect(failure(contentDir({ [GUIDANCE_FILE]: `${guidance('registra-brp')}Bel de servicedesk.\n` }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/guidance/registra-brp.md: a guidance file has no Markdown body; put the text in the fields of the front matter (during, after, residents, …)"
    `);
  });

  it('refuses another name that already belongs to another municipality', () => {
    const clash = MUNICIPALITIES.replace('    name: Zwolle\n', '    name: Zwolle\n    aliases: [Utrecht]\n');
    expect(failure(contentDir({ 'municipalities.yaml': clash }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/municipalities.yaml → municipalities[1].aliases[0]: "Utrecht" is already the name or another name of Utrecht. Choose a name that belongs to one municipality only."
    `);
  });

  it('says which required file is missing', () => {
    expect(failure(contentDir({ 'components.yaml': null }))).toMatchInlineSnapshot(`
      "Content has 1 problem:
        <content>/components.yaml: file is missing"
    `);
  });

  it('reports several problems in several files together, in one error', () => {
    const dir = contentDir({
      'site.yaml': SITE.replace('"#1d4f91"', 'blauw'),
      [INCIDENT_FILE]: incidentWith('impact: major', 'impact: groot'),
      'incidents/2026-11-20-registra-reisdocumenten-traag.md': INCIDENT.replace('scope:\n  municipalities: [GM0344]', 'scope: landelijk'),
      'maintenance/2026-12-12-registra-brp-upgrade.md': MAINTENANCE.replace('scheduled_until: 2026-12-13T01:00:00Z', 'scheduled_until: 2026-12-12T20:00:00Z'),
    });
    let error: unknown;
    try {
      loadContent(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems.map((problem) => problem.file.replace(dir, '<content>'))).toEqual([
      '<content>/site.yaml',
      `<content>/${INCIDENT_FILE}`,
      '<content>/incidents/2026-11-20-registra-reisdocumenten-traag.md',
      '<content>/maintenance/2026-12-12-registra-brp-upgrade.md',
    ]);
    expect(failure(dir)).toMatchInlineSnapshot(`
      "Content has 4 problems:
        <content>/site.yaml → brand.primary: Enter a colour like #1d4f91.
        <content>/incidents/2026-11-12-registra-brp-storing-utrecht.md → impact: Choose one of: none, minor, major or critical (got "groot").
        <content>/incidents/2026-11-20-registra-reisdocumenten-traag.md → scope: Expected "all" or { municipalities: [GM0344, …] }; got "landelijk".
        <content>/maintenance/2026-12-12-registra-brp-upgrade.md → scheduled_until: Must be later than scheduled_for."
    `);
  });
});
