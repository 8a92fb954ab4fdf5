import { SITE_VARIABLES, type VariableDefinition } from './manifest.ts';

/** What a name in a template stands for, as far as the check needs to know. */
export type Shape =
  | { kind: 'text' | 'markdown' | 'url' | 'number' | 'choice' | 'datetime' | 'duration' | 'boolean' }
  | { kind: 'list'; item: Shape; of: string }
  | { kind: 'object'; fields: Record<string, Shape>; of: string };

export type ObjectShape = Extract<Shape, { kind: 'object' }>;

const PRODUCT_ITEM: Shape = {
  kind: 'object',
  of: 'a product list',
  fields: { id: { kind: 'text' }, name: { kind: 'text' }, status: { kind: 'choice' }, status_label: { kind: 'text' } },
};
const MUNICIPALITY_ITEM: Shape = { kind: 'object', of: 'a municipality list', fields: { id: { kind: 'text' }, name: { kind: 'text' } } };

/** The shape a declared variable has in a template (lists have the fields the view gives their items). */
export function shapeOf(variable: VariableDefinition): Shape {
  switch (variable.type) {
    case 'component_list':
      return { kind: 'list', item: PRODUCT_ITEM, of: 'products' };
    case 'municipality_list':
      return { kind: 'list', item: MUNICIPALITY_ITEM, of: 'municipalities' };
    // Paragraphs are block text the engine renders itself, like Markdown: printable on a line of their own.
    case 'paragraphs':
      return { kind: 'markdown' };
    case 'text':
    case 'markdown':
    case 'url':
    case 'datetime':
    case 'duration':
    case 'boolean':
    case 'choice':
      return { kind: variable.type };
  }
}

/** The values every template and the layout get from the site, as a fresh object to add to. */
export function siteFields(): Record<string, Shape> {
  return Object.fromEntries(Object.entries(SITE_VARIABLES).map(([name, type]) => [name, { kind: type } as Shape]));
}

/** A template's root scope: the site's values, its declared variables and the label of each choice. */
export function templateScope(variables: readonly VariableDefinition[]): ObjectShape {
  const fields: Record<string, Shape> = siteFields();
  for (const variable of variables) {
    fields[variable.name] = shapeOf(variable);
    if (variable.type === 'choice') fields[`${variable.name}_label`] = { kind: 'text' };
  }
  return { kind: 'object', fields, of: 'template' };
}

/** How a shape is named in a problem message, e.g. "list of products". */
export function describeShape(shape: Shape): string {
  switch (shape.kind) {
    case 'list':
      return `list of ${shape.of}`;
    case 'object':
      return `${shape.of} item`;
    case 'datetime':
      return 'date and time';
    default:
      return `${shape.kind} value`;
  }
}
