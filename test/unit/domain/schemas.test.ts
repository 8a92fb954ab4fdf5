import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ComponentCatalogSchema,
  IncidentSchema,
  LocalizedTextSchema,
  MaintenanceSchema,
  MunicipalityIdSchema,
  MunicipalityListSchema,
  ScopeSchema,
  SiteSchema,
  SlugSchema,
  TimestampSchema,
} from '../../../src/domain/index.ts';
import { problemsFromZod } from '../../../src/domain/problems.ts';
import { problemText } from '../../../src/i18n/refusals.ts';
import { update } from '../../support/builders.ts';

/** What an editor would see, one line per problem: the field, the problem's code and its English text (src/i18n). */
function errors(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return 'valid';
  return problemsFromZod(result.error)
    .map((problem) => `${problem.field || '(root)'} [${problem.code}]: ${problemText(problem, 'en')}`)
    .join('\n');
}

const goodIncident = {
  id: '2026-11-27-registra-brp-landelijke-storing',
  title: { nl: 'Registra BRP niet bereikbaar', en: 'Registra BRP unavailable' },
  impact: 'critical',
  components: ['registra-brp', 'registra-reisdocumenten'],
  scope: 'all',
  workaround: 'Noteer aanvragen op het papieren noodformulier.',
  updates: [
    update('2026-11-27T08:12:00Z', 'investigating', { 'registra-brp': 'major_outage' }, { next_update_at: '2026-11-27T08:45:00Z' }),
    update('2026-11-27T10:40:00+01:00', 'resolved', { 'registra-brp': 'operational' }),
  ],
};

describe('ids and timestamps', () => {
  it('accept slugs, CBS codes and timestamps with an offset', () => {
    expect(SlugSchema.parse('registra-brp')).toBe('registra-brp');
    expect(MunicipalityIdSchema.parse('GM0344')).toBe('GM0344');
    expect(TimestampSchema.parse('2026-10-25T02:30:00+02:00')).toEqual(new Date('2026-10-25T00:30:00Z'));
  });

  it('refuse upper case, spaces, path tricks and bad codes', () => {
    expect(errors(SlugSchema, 'Registra BRP')).toMatchInlineSnapshot(`"(root) [invalid_slug]: Use only lower-case letters, digits and single hyphens, for example "registra-brp"."`);
    expect(errors(SlugSchema, '../etc')).toMatchInlineSnapshot(`"(root) [invalid_slug]: Use only lower-case letters, digits and single hyphens, for example "registra-brp"."`);
    expect(errors(SlugSchema, 'a'.repeat(81))).toMatchInlineSnapshot(`"(root) [too_long]: Use at most 80 characters."`);
    expect(errors(MunicipalityIdSchema, '0344')).toMatchInlineSnapshot(`"(root) [invalid_municipality_code]: Enter a CBS municipality code: GM and four digits, for example GM0344."`);
  });

  it('refuse a timestamp without an offset, since its meaning depends on the server', () => {
    expect(errors(TimestampSchema, '2026-11-27 09:12')).toMatchInlineSnapshot(`"(root) [invalid_date_time]: Enter a date and time with offset, for example 2026-11-27T10:30:00+01:00."`);
    expect(errors(TimestampSchema, '2026-11-27T09:12:00')).toMatchInlineSnapshot(`"(root) [invalid_date_time]: Enter a date and time with offset, for example 2026-11-27T10:30:00+01:00."`);
  });
});

describe('localized text and scope', () => {
  it('accept a Dutch text or Dutch with English', () => {
    expect(LocalizedTextSchema.parse('  Storing  ')).toBe('Storing');
    expect(LocalizedTextSchema.parse({ nl: 'Storing', en: 'Outage' })).toEqual({ nl: 'Storing', en: 'Outage' });
    expect(ScopeSchema.parse({ municipalities: ['GM0344'] })).toEqual({ municipalities: ['GM0344'] });
  });

  it('refuse empty texts, a missing Dutch text and a misspelt language', () => {
    expect(errors(LocalizedTextSchema, '   ')).toMatchInlineSnapshot(`"(root) [required]: Fill this in."`);
    expect(errors(LocalizedTextSchema, { en: 'Outage' })).toMatchInlineSnapshot(`"nl [required]: Fill this in (expected string)."`);
    expect(errors(LocalizedTextSchema, { nl: 'Storing', eng: 'Outage' })).toMatchInlineSnapshot(`"(root) [unknown_fields]: Unknown fields: eng. Check the spelling."`);
    expect(errors(LocalizedTextSchema, 42)).toMatchInlineSnapshot(`"(root) [localized_text_expected]: Expected a Dutch text, or { nl: "…", en: "…" } with the English translation; got 42."`);
  });

  it('refuse a scope that is neither "all" nor a list of municipalities', () => {
    expect(errors(ScopeSchema, 'landelijk')).toMatchInlineSnapshot(`"(root) [scope_expected]: Expected "all" or { municipalities: [GM0344, …] }; got "landelijk"."`);
    expect(errors(ScopeSchema, { municipalities: [] })).toMatchInlineSnapshot(`"municipalities [too_few]: Choose at least one."`);
    expect(errors(ScopeSchema, { municipalities: ['Utrecht'] })).toMatchInlineSnapshot(`"municipalities[0] [invalid_municipality_code]: Enter a CBS municipality code: GM and four digits, for example GM0344."`);
  });
});

describe('incident schema', () => {
  it('accepts a complete incident and defaults drill to false and update components to none', () => {
    const parsed = IncidentSchema.parse({ ...goodIncident, updates: [{ at: '2026-11-27T08:12:00Z', status: 'investigating', body: 'We onderzoeken de storing.' }] });
    expect(parsed.drill).toBe(false);
    expect(parsed.updates[0]!.components).toEqual({});
    expect(errors(IncidentSchema, goodIncident)).toBe('valid');
  });

  it('refuses wrong values, unknown fields and an empty timeline', () => {
    expect(errors(IncidentSchema, { ...goodIncident, impact: 'hoog', drill: 'ja', severity: 3 })).toMatchInlineSnapshot(`
      "impact [not_one_of]: Choose one of: none, minor, major or critical (got "hoog").
      drill [wrong_type]: Expected boolean, got "ja".
      (root) [unknown_fields]: Unknown fields: severity. Check the spelling."
    `);
    expect(errors(IncidentSchema, { ...goodIncident, components: [], updates: [] })).toMatchInlineSnapshot(`
      "components [too_few]: Choose at least one.
      updates [too_few]: Choose at least one."
    `);
    expect(errors(IncidentSchema, { ...goodIncident, updates: [{ ...goodIncident.updates[0], status: 'opgelost' }] })).toMatchInlineSnapshot(`"updates[0].status [not_one_of]: Choose one of: investigating, identified, monitoring or resolved (got "opgelost")."`);
  });

  it('refuses an update that sets the status of a product the incident does not list', () => {
    const stray = { ...goodIncident, updates: [update('2026-11-27T08:12:00Z', 'investigating', { 'loket-afspraken': 'major_outage' })] };
    expect(errors(IncidentSchema, stray)).toMatchInlineSnapshot(`"updates[0].components.loket-afspraken [product_not_in_incident]: The product "loket-afspraken" is not part of this incident (registra-brp and registra-reisdocumenten)."`);
  });

  it('refuses a resolved update that is not the latest: reopening needs a new incident', () => {
    const reopened = { ...goodIncident, updates: [...goodIncident.updates, update('2026-11-27T10:00:00Z', 'investigating')] };
    expect(errors(IncidentSchema, reopened)).toMatchInlineSnapshot(`"updates[1].status [resolved_not_last]: A "resolved" update must be the latest update. Open a new incident if the outage returns."`);
  });
});

describe('maintenance schema', () => {
  const good = {
    id: 'registra-brp-upgrade-december',
    title: 'Upgrade Registra BRP',
    description: 'Registra BRP is niet beschikbaar.',
    components: ['registra-brp'],
    scheduled_for: '2026-12-12T21:00:00Z',
    scheduled_until: '2026-12-13T01:00:00Z',
  };

  it('defaults scope to all, updates to none and drill to false', () => {
    expect(MaintenanceSchema.parse(good)).toMatchObject({ scope: 'all', updates: [], drill: false });
  });

  it('refuses a window that ends before it starts and an unknown status', () => {
    expect(errors(MaintenanceSchema, { ...good, scheduled_until: good.scheduled_for })).toMatchInlineSnapshot(`"scheduled_until [must_be_after]: Must be later than scheduled_for."`);
    expect(errors(MaintenanceSchema, { ...good, updates: [{ at: good.scheduled_for, status: 'started', body: 'Begonnen.' }] })).toMatchInlineSnapshot(`"updates[0].status [not_one_of]: Choose one of: scheduled, in_progress, verifying or completed (got "started")."`);
  });
});

describe('catalog, municipality list and site', () => {
  it('refuse duplicate ids and a product in an unknown group', () => {
    const catalog = {
      groups: [{ id: 'burgerzaken', name: 'Burgerzaken', order: 1 }],
      components: [
        { id: 'registra-brp', name: 'Registra BRP', group: 'burgerzaken', order: 1, description: 'BRP' },
        { id: 'registra-brp', name: 'Registra BRP 2', group: 'burgerzaken', order: 2, description: 'BRP' },
        { id: 'taxo-belastingen', name: 'Taxo Belastingen', group: 'belastingen', order: 1, description: 'Belastingen' },
      ],
    };
    expect(errors(ComponentCatalogSchema, catalog)).toMatchInlineSnapshot(`
      "components[1].id [duplicate_id]: "registra-brp" appears twice. Give each its own id.
      components[2].group [unknown_group]: The group "belastingen" does not exist. Choose from: burgerzaken."
    `);
    const list = { municipalities: [{ id: 'GM0344', name: 'Utrecht', products: ['registra-brp'] }, { id: 'GM0344', name: 'Utrecht', products: ['registra-brp'] }] };
    expect(errors(MunicipalityListSchema, list)).toMatchInlineSnapshot(`"municipalities[1].id [duplicate_id]: "GM0344" appears twice. Give each its own id."`);
  });

  it('refuses a municipality carrying contact details, which must never be published', () => {
    const list = { municipalities: [{ id: 'GM0344', name: 'Utrecht', products: ['registra-brp'], email: 'servicedesk@utrecht.nl' }] };
    expect(errors(MunicipalityListSchema, list)).toMatchInlineSnapshot(`"municipalities[0] [unknown_fields]: Unknown fields: email. Check the spelling."`);
  });

  it('normalises the site URL and refuses a bad colour or page id', () => {
    const site = { url: 'https://status.voorbeeldsoftware.nl/', page_id: 'vbsw2026hldr', vendor: { name: 'Voorbeeld Software B.V.' }, title: 'Status', brand: { primary: '#1d4f91' } };
    expect(SiteSchema.parse(site)).toMatchObject({ url: 'https://status.voorbeeldsoftware.nl', brand: { on_primary: '#ffffff' } });
    expect(errors(SiteSchema, { ...site, url: 'ftp://status.example.nl', page_id: 'VBSW', brand: { primary: 'blue' } })).toMatchInlineSnapshot(`
      "url [invalid_url]: Enter a full web address starting with https://.
      page_id [invalid_page_id]: Enter 12 lower-case letters or digits.
      brand.primary [invalid_colour]: Enter a colour like #1d4f91."
    `);
  });
});
