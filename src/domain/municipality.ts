import { z } from 'zod';
import { problem } from './problems.ts';
import { MunicipalityIdSchema, SlugSchema } from './ids.ts';
import { searchKey } from './municipality-search.ts';

/**
 * A customer municipality (gemeente). Contact details are deliberately absent: e-mail addresses
 * are personal data and this record is published on the public site.
 */
export const MunicipalitySchema = z.strictObject({
  id: MunicipalityIdSchema,
  name: z.string().trim().min(1),
  /**
   * Other names people look the municipality up by, e.g. "Den Haag" for 's-Gravenhage or
   * "Den Bosch" for 's-Hertogenbosch. Shown on the index and found by its search.
   */
  aliases: z.array(z.string().trim().min(1)).optional(),
  /** Ids of the products (components) this municipality uses. */
  products: z.array(SlugSchema).min(1),
});
export type Municipality = z.infer<typeof MunicipalitySchema>;

/** The shape of content/municipalities.yaml. */
export const MunicipalityListSchema = z
  .strictObject({ municipalities: z.array(MunicipalitySchema).min(1) })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.municipalities.forEach((municipality, index) => {
      if (seen.has(municipality.id)) {
        ctx.addIssue({ code: 'custom', path: ['municipalities', index, 'id'], ...problem('duplicate_id', { id: municipality.id }) });
      }
      seen.add(municipality.id);
    });
    // A name that leads to two municipalities would make the search answer with the wrong one.
    const owners = new Map<string, string>();
    list.municipalities.forEach((municipality) => {
      if (typeof municipality.name === 'string') owners.set(searchKey(municipality.name), municipality.name);
    });
    list.municipalities.forEach((municipality, index) => {
      if (!Array.isArray(municipality.aliases)) return;
      municipality.aliases.forEach((alias, aliasIndex) => {
        if (typeof alias !== 'string') return;
        const owner = owners.get(searchKey(alias));
        if (owner !== undefined && owner !== municipality.name) {
          ctx.addIssue({ code: 'custom', path: ['municipalities', index, 'aliases', aliasIndex], ...problem('name_taken', { name: alias, owner }) });
        }
        owners.set(searchKey(alias), municipality.name);
      });
    });
  });
