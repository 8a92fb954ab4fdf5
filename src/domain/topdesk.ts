import { z } from 'zod';
import { MunicipalityIdSchema, SlugSchema } from './ids.ts';

const name = z.string().trim().min(1).max(200);

/**
 * The TOPdesk mapping file (TOPDESK_MAPPING_FILE, YAML): which TOPdesk category/subcategory or
 * object is which product, and which caller branch is which municipality. Names are compared
 * without regard to case or surrounding spaces. The first matching product rule wins.
 */
export const TopdeskMappingSchema = z.strictObject({
  products: z
    .array(
      z
        .strictObject({
          product: SlugSchema,
          category: name.optional(),
          /** Only together with `category`: narrows the rule to one subcategory. */
          subcategory: name.optional(),
          /** A TOPdesk object (configuration item), e.g. "Registra BRP productie". */
          object: name.optional(),
        })
        .refine((rule) => rule.category !== undefined || rule.object !== undefined, { message: 'give a category or an object', path: ['category'] })
        .refine((rule) => rule.subcategory === undefined || rule.category !== undefined, { message: 'a subcategory needs its category', path: ['subcategory'] }),
    )
    .min(1),
  municipalities: z
    .array(
      z.strictObject({
        municipality: MunicipalityIdSchema,
        /** The caller's branch (vestiging) name in TOPdesk, e.g. "Gemeente Utrecht". */
        branch: name,
      }),
    )
    .min(1),
});
export type TopdeskMapping = z.infer<typeof TopdeskMappingSchema>;

const reference = z.object({ id: z.string().optional(), name: z.string().nullish() }).nullish();

/**
 * The fields of a TOPdesk incident (GET /tas/api/incidents) that Helder reads; TOPdesk sends many
 * more, which are ignored. Dates are TOPdesk's "2026-12-03T08:15:00.000+0000".
 */
export const TopdeskIncidentSchema = z.object({
  id: z.string().min(1),
  number: z.string().min(1),
  briefDescription: z.string().nullish(),
  callDate: z.string().nullish(),
  creationDate: z.string().min(1),
  callerBranch: reference,
  caller: z.object({ branch: reference }).nullish(),
  category: reference,
  subcategory: reference,
  object: reference,
});
export type TopdeskIncident = z.infer<typeof TopdeskIncidentSchema>;

/** The fields Helder asks TOPdesk for (`fields=`), so pages stay small. */
export const TOPDESK_FIELDS = ['id', 'number', 'briefDescription', 'callDate', 'creationDate', 'callerBranch', 'caller', 'category', 'subcategory', 'object'] as const;

export type TopdeskMappingResult = { product: string; municipality: string } | { unmapped: { product: string | null; municipality: string | null; category: string; subcategory: string; object: string; branch: string } };

const same = (a: string | null | undefined, b: string | undefined) => b !== undefined && (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

/** The product and municipality of a TOPdesk incident, or why it cannot be mapped (never dropped). */
export function mapTopdeskIncident(incident: TopdeskIncident, mapping: TopdeskMapping): TopdeskMappingResult {
  const branch = incident.callerBranch?.name ?? incident.caller?.branch?.name ?? '';
  const product =
    mapping.products.find(
      (rule) =>
        (rule.category !== undefined && same(incident.category?.name, rule.category) && (rule.subcategory === undefined || same(incident.subcategory?.name, rule.subcategory))) ||
        (rule.object !== undefined && same(incident.object?.name, rule.object)),
    )?.product ?? null;
  const municipality = mapping.municipalities.find((rule) => same(branch, rule.branch))?.municipality ?? null;
  if (product !== null && municipality !== null) return { product, municipality };
  return {
    unmapped: {
      product,
      municipality,
      category: incident.category?.name ?? '',
      subcategory: incident.subcategory?.name ?? '',
      object: incident.object?.name ?? '',
      branch,
    },
  };
}

/** TOPdesk's date ("2026-12-03T08:15:00.000+0000") as an instant; null when unreadable. */
export function parseTopdeskDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? null : date;
}
