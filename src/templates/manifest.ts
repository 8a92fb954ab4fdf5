import { z } from 'zod';
import { BURGERBERICHT_MAX_LENGTH, IMPACTS, INCIDENT_STATUSES, LANGUAGES, LocalizedTextSchema, SlugSchema, type Language, type LocalizedText } from '../domain/index.ts';
import { messages } from '../i18n/index.ts';

/** What a template is for; the admin offers the templates of the kind that fits the moment. */
export const TEMPLATE_KINDS = [
  'incident_opened',
  'incident_update',
  'incident_resolved',
  'maintenance_announced',
  'maintenance_started',
  'maintenance_completed',
  'notice',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/**
 * The types a template variable can have. Each decides how a value is validated, how it may be
 * used in a template, and how it is escaped per channel.
 */
export const VARIABLE_TYPES = [
  /** One line of plain text (line breaks become spaces). */
  'text',
  /** Staff-written Markdown, rendered with raw HTML off. */
  'markdown',
  /**
   * Plain text in paragraphs (blank lines between them), never Markdown: for texts a reader copies
   * as they are, such as the burgerbericht a municipality pastes on its website.
   */
  'paragraphs',
  /** An instant, shown on the Amsterdam wall clock. */
  'datetime',
  /** Whole minutes. */
  'duration',
  /** An https: or mailto: address. */
  'url',
  'boolean',
  /** One of the options listed in the manifest. */
  'choice',
  /** Products: `{ id, name, status? }` items. */
  'component_list',
  /** Municipalities: `{ id (CBS code), name }` items. */
  'municipality_list',
] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

/** Where the admin takes a prefilled value from, if anywhere. */
export type PrefillSource = 'incident' | 'maintenance';
const BOTH: PrefillSource[] = ['incident', 'maintenance'];

const VARIABLE_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

const ChoiceOptionSchema = z.strictObject({
  value: z.string().regex(/^[a-z0-9_]+$/, 'must be lower-case letters, digits and underscores, e.g. "major_outage"'),
  label: LocalizedTextSchema,
});

/** One variable as written in a manifest. System variables may leave out what the catalogue knows. */
export const VariableDeclarationSchema = z.strictObject({
  /** snake_case; the name used in the templates, e.g. `next_update_at`. */
  name: z.string().regex(VARIABLE_NAME, 'must be snake_case: lower-case words joined by "_", e.g. "next_update_at"'),
  type: z.enum(VARIABLE_TYPES).optional(),
  /** Required variables must be filled in before the message can be rendered. */
  required: z.boolean({ error: 'must be true or false: can the message go out without this value?' }),
  /** The field's label in the admin: a short noun phrase or question, no full stop ("Wat is er nieuw?"). */
  label: LocalizedTextSchema.optional(),
  /** Shown under the field in the admin as its hint: what to fill in, in a full sentence. */
  description: LocalizedTextSchema.optional(),
  /** Example value, used in previews, checks and golden files; the same for every language. */
  example: z.unknown().optional(),
  /** Example value per language, when the value itself is written in that language. */
  examples: z.partialRecord(z.enum(LANGUAGES), z.unknown()).optional(),
  /** For `choice`: the values that can be picked, with their labels. */
  options: z.array(ChoiceOptionSchema).min(2, 'a choice needs at least two options').optional(),
  /** For `text`, `markdown` and `paragraphs`: maximum length in characters. */
  max_length: z.int().min(1).max(50_000).optional(),
});
export type VariableDeclaration = z.infer<typeof VariableDeclarationSchema>;

/** The shape of templates/<id>/manifest.yaml. */
export const TemplateManifestSchema = z.strictObject({
  /** Must equal the folder name. */
  id: SlugSchema,
  /** Shown in the admin's template picker, e.g. "Storing gemeld". */
  name: LocalizedTextSchema,
  /** When to use this template. */
  description: LocalizedTextSchema,
  kind: z.enum(TEMPLATE_KINDS),
  languages: z.array(z.enum(LANGUAGES)).min(1, 'must list at least one language'),
  variables: z.array(VariableDeclarationSchema).default([]),
});
export type TemplateManifest = z.infer<typeof TemplateManifestSchema>;

/** A variable with everything resolved: what `catalog.list()` reports and the engine works with. */
export interface VariableDefinition {
  name: string;
  type: VariableType;
  required: boolean;
  /** The field's label: a short noun phrase or question without a full stop. */
  label: Record<Language, string>;
  description: Record<Language, string>;
  /** Example input per language (before validation). */
  examples: Record<Language, unknown>;
  options: Array<{ value: string; label: Record<Language, string> }> | null;
  maxLength: number;
  /** Records the admin prefills this value from; empty when staff type it. */
  prefill: PrefillSource[];
}

export const DEFAULT_MAX_LENGTH: Partial<Record<VariableType, number>> = { text: 10_000, markdown: 20_000, paragraphs: 10_000 };

export function inBothLanguages(text: LocalizedText): Record<Language, string> {
  if (typeof text === 'string') return { nl: text, en: text };
  return { nl: text.nl, en: text.en ?? text.nl };
}

interface SystemVariable {
  type: VariableType;
  label: Record<Language, string>;
  description: LocalizedText;
  examples: Record<Language, unknown>;
  options?: Array<{ value: string; label: Record<Language, string> }>;
  prefill: PrefillSource[];
  /** A limit every template shares; a manifest may only lower it. */
  maxLength?: number;
}

const EXAMPLE_PRODUCTS = [
  { id: 'registra-brp', name: 'Registra BRP', status: 'major_outage' },
  { id: 'registra-reisdocumenten', name: 'Registra Reisdocumenten', status: 'partial_outage' },
];
const same = (value: unknown): Record<Language, unknown> => ({ nl: value, en: value });

/**
 * Facts the admin fills in from the incident or maintenance record. A manifest names them with
 * `required` only; type, description and example come from here, so every template means the
 * same thing by `started_at`.
 */
export const SYSTEM_VARIABLES: Record<string, SystemVariable> = {
  incident_title: {
    label: { nl: 'Titel van het incident', en: 'Incident title' },
    type: 'text',
    prefill: ['incident'],
    description: { nl: 'Titel van het incident, zoals op de statuspagina.', en: 'Title of the incident, as on the status page.' },
    examples: { nl: 'Registra BRP niet bereikbaar', en: 'Registra BRP unavailable' },
  },
  impact: {
    label: { nl: 'Ernst van de gevolgen', en: 'Severity of the impact' },
    type: 'choice',
    prefill: ['incident'],
    description: { nl: 'Hoe ernstig de gevolgen zijn.', en: 'How severe the consequences are.' },
    examples: same('critical'),
    options: IMPACTS.map((value) => ({ value, label: { nl: messages('nl').impact[value], en: messages('en').impact[value] } })),
  },
  incident_status: {
    label: { nl: 'Fase van het incident', en: 'Incident phase' },
    type: 'choice',
    prefill: ['incident'],
    description: { nl: 'Fase van het incident.', en: 'Phase of the incident.' },
    examples: same('identified'),
    options: INCIDENT_STATUSES.map((value) => ({
      value,
      label: { nl: messages('nl').incidentStatus[value], en: messages('en').incidentStatus[value] },
    })),
  },
  affected_products: {
    label: { nl: 'Getroffen producten', en: 'Affected products' },
    type: 'component_list',
    prefill: BOTH,
    description: { nl: 'De producten die geraakt zijn, met hun status.', en: 'The affected products, with their status.' },
    examples: same(EXAMPLE_PRODUCTS),
  },
  affected_municipalities: {
    label: { nl: 'Getroffen gemeenten', en: 'Affected municipalities' },
    type: 'municipality_list',
    prefill: BOTH,
    description: { nl: 'De gemeenten die geraakt zijn.', en: 'The affected municipalities.' },
    examples: same([{ id: 'GM0344', name: 'Utrecht' }]),
  },
  started_at: {
    label: { nl: 'Begonnen op', en: 'Started at' },
    type: 'datetime',
    prefill: BOTH,
    description: { nl: 'Wanneer de storing of het onderhoud begon.', en: 'When the outage or maintenance began.' },
    examples: same('2026-11-27T08:05:00Z'),
  },
  next_update_at: {
    label: { nl: 'Volgende bericht uiterlijk', en: 'Next message by' },
    type: 'datetime',
    prefill: ['incident'],
    description: { nl: 'Uiterlijk wanneer het volgende bericht komt.', en: 'When the next update will come at the latest.' },
    examples: same('2026-11-27T09:30:00Z'),
  },
  resolved_at: {
    label: { nl: 'Opgelost op', en: 'Resolved at' },
    type: 'datetime',
    prefill: ['incident'],
    description: { nl: 'Wanneer alles weer normaal werkte.', en: 'When everything worked normally again.' },
    examples: same('2026-11-27T10:12:00Z'),
  },
  incident_url: {
    label: { nl: 'Adres van het incident op de statuspagina', en: 'Address of the incident on the status page' },
    type: 'url',
    prefill: ['incident'],
    description: { nl: 'Adres van het incident op de statuspagina.', en: 'Address of the incident on the status page.' },
    examples: {
      nl: 'https://status.voorbeeldsoftware.nl/incidenten/2026-11-27-registra-brp-landelijke-storing/',
      en: 'https://status.voorbeeldsoftware.nl/en/incidents/2026-11-27-registra-brp-landelijke-storing/',
    },
  },
  burgerbericht: {
    label: { nl: 'Bericht voor inwoners', en: 'Message for residents' },
    type: 'paragraphs',
    prefill: ['incident'],
    maxLength: BURGERBERICHT_MAX_LENGTH,
    description: {
      nl: 'Tekst voor inwoners (taalniveau B1) die de gemeente zo op haar website en sociale media kan zetten. Geen invulplekken, hoogstens 600 tekens. Komt uit de continuïteitswijzer van het product; pas hem aan als dat nodig is.',
      en: 'Text for residents (plain language, B1) the municipality can put on its website and social media as it is. No placeholders, at most 600 characters. Taken from the product’s continuity guidance; adapt it where needed.',
    },
    examples: {
      nl: 'Storing bij de gemeente. Door een storing kunnen wij nu geen verhuizingen verwerken. U kunt ook geen uittreksel krijgen. Wij werken aan een oplossing. Wilt u een verhuizing doorgeven? Dat kan gewoon online of aan de balie. U bent dan op tijd.',
      en: 'Outage at the municipality. Because of an outage we cannot process changes of address right now. You cannot get an extract either. We are working on a solution. Want to report a move? You can still do so online or at the counter. You are then on time.',
    },
  },
  kcc_script: {
    label: { nl: 'Belscript voor het KCC', en: 'Call script for the KCC' },
    type: 'markdown',
    prefill: ['incident'],
    description: {
      nl: 'Belscript voor de medewerkers van het klantcontactcentrum (KCC) van de gemeente: wat zij zeggen als inwoners bellen. Komt uit de continuïteitswijzer van het product.',
      en: 'Call script for the municipality’s customer contact centre (KCC) agents: what they say when residents call. Taken from the product’s continuity guidance.',
    },
    examples: {
      nl: '- **Zeg:** "Door een storing kunnen wij op dit moment geen verhuizingen verwerken. Er wordt aan gewerkt."\n- **Vraagt iemand hoe lang het duurt?** "Dat weten wij nog niet. Op onze website staat het laatste nieuws."',
      en: '- **Say:** "Because of an outage we cannot process changes of address right now. It is being worked on."\n- **Someone asks how long it will take?** "We do not know yet. Our website has the latest news."',
    },
  },
  maintenance_title: {
    label: { nl: 'Titel van het onderhoud', en: 'Maintenance title' },
    type: 'text',
    prefill: ['maintenance'],
    description: { nl: 'Titel van het onderhoud, zoals op de statuspagina.', en: 'Title of the maintenance, as on the status page.' },
    examples: { nl: 'Nieuwe versie van Taxo Belastingen', en: 'New version of Taxo Belastingen' },
  },
  scheduled_for: {
    label: { nl: 'Gepland begin', en: 'Planned start' },
    type: 'datetime',
    prefill: ['maintenance'],
    description: { nl: 'Geplande start van het onderhoud.', en: 'Planned start of the maintenance.' },
    examples: same('2026-12-04T17:00:00Z'),
  },
  scheduled_until: {
    label: { nl: 'Gepland einde', en: 'Planned end' },
    type: 'datetime',
    prefill: ['maintenance'],
    description: { nl: 'Gepland einde van het onderhoud.', en: 'Planned end of the maintenance.' },
    examples: same('2026-12-04T21:00:00Z'),
  },
  completed_at: {
    label: { nl: 'Klaar op', en: 'Completed at' },
    type: 'datetime',
    prefill: ['maintenance'],
    description: { nl: 'Wanneer het onderhoud klaar was.', en: 'When the maintenance was finished.' },
    examples: same('2026-12-04T20:10:00Z'),
  },
  maintenance_url: {
    label: { nl: 'Adres van het onderhoud op de statuspagina', en: 'Address of the maintenance on the status page' },
    type: 'url',
    prefill: ['maintenance'],
    description: { nl: 'Adres van het onderhoud op de statuspagina.', en: 'Address of the maintenance on the status page.' },
    examples: {
      nl: 'https://status.voorbeeldsoftware.nl/onderhoud/2026-12-04-taxo-belastingen-nieuwe-versie/',
      en: 'https://status.voorbeeldsoftware.nl/en/maintenance/2026-12-04-taxo-belastingen-nieuwe-versie/',
    },
  },
};

/** Values every template can use without declaring them; the engine takes them from the site. */
export const SITE_VARIABLES = {
  vendor_name: 'text',
  status_page_url: 'url',
  support_email: 'text',
  support_phone: 'text',
} as const satisfies Record<string, VariableType>;
