import { z } from 'zod';
import { problem } from './problems.ts';
import { MunicipalityIdSchema, SlugSchema } from './ids.ts';

/**
 * A customer municipality (gemeente). Contact details are deliberately absent: e-mail addresses
 * are personal data and this record is published on the public site.
 */
export const MunicipalitySchema = z.strictObject({
  id: MunicipalityIdSchema,
  name: z.string().trim().min(1),
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
  });
