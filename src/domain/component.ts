import { z } from 'zod';
import { problem } from './problems.ts';
import { SlugSchema } from './ids.ts';
import { stripBidiControls } from './bidi.ts';
import { LocalizedTextSchema, localizedTextOfAtMost, NAME_MAX_LENGTH } from './localized-text.ts';

/** A heading that groups related products on the status page, e.g. "Burgerzaken". */
export const ComponentGroupSchema = z.strictObject({
  /** Stable id; never reuse it for another group. */
  id: SlugSchema,
  name: localizedTextOfAtMost(NAME_MAX_LENGTH, { singleLineName: true }),
  description: LocalizedTextSchema.optional(),
  /** Position on the page, lowest first. */
  order: z.int().min(0),
});
export type ComponentGroup = z.infer<typeof ComponentGroupSchema>;

/** A product (component) whose status the page reports, e.g. the civil-registry system. */
export const ComponentSchema = z.strictObject({
  /** Stable id used in URLs, the API and incident files; never reuse it for another product. */
  id: SlugSchema,
  /** Product names are proper names and are not translated. */
  name: z.string().overwrite(stripBidiControls).trim().min(1).max(NAME_MAX_LENGTH),
  /** Id of the group this product is listed under. */
  group: SlugSchema,
  description: LocalizedTextSchema,
  /** Position within its group, lowest first. */
  order: z.int().min(0),
});
export type Component = z.infer<typeof ComponentSchema>;

/** The shape of content/components.yaml. */
export const ComponentCatalogSchema = z
  .strictObject({
    groups: z.array(ComponentGroupSchema).min(1),
    components: z.array(ComponentSchema).min(1),
  })
  .superRefine((catalog, ctx) => {
    const groupIds = new Set<string>();
    catalog.groups.forEach((group, index) => {
      if (groupIds.has(group.id)) {
        ctx.addIssue({ code: 'custom', path: ['groups', index, 'id'], ...problem('duplicate_id', { id: group.id }) });
      }
      groupIds.add(group.id);
    });
    const componentIds = new Set<string>();
    catalog.components.forEach((component, index) => {
      if (componentIds.has(component.id)) {
        ctx.addIssue({ code: 'custom', path: ['components', index, 'id'], ...problem('duplicate_id', { id: component.id }) });
      }
      componentIds.add(component.id);
      if (!groupIds.has(component.group)) {
        ctx.addIssue({ code: 'custom', path: ['components', index, 'group'], ...problem('unknown_group', { group: component.group, options: [...groupIds] }) });
      }
    });
  });
export type ComponentCatalog = z.infer<typeof ComponentCatalogSchema>;
