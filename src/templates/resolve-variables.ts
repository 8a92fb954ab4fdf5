import { LANGUAGES, type Language } from '../domain/index.ts';
import { LAYOUT_NAMES } from './check-layout.ts';
import { BUILT_IN_BLOCK_HELPERS, HELPER_NAMES } from './helpers.ts';
import type { TemplateManifest } from './load-manifest.ts';
import { DEFAULT_MAX_LENGTH, inBothLanguages, SITE_VARIABLES, SYSTEM_VARIABLES, type VariableDefinition, type VariableType, VARIABLE_TYPES } from './manifest.ts';
import { problem, type TemplateProblem } from './template-error.ts';

type VariableDeclaration = TemplateManifest['variables'][number];

/** Names a template variable may not have: they would shadow what the engine or Handlebars provides. */
const RESERVED_NAMES = new Set<string>([
  ...Object.keys(SITE_VARIABLES),
  ...LAYOUT_NAMES,
  ...HELPER_NAMES,
  ...BUILT_IN_BLOCK_HELPERS,
  'this',
  'lookup',
  'log',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/**
 * Turns the manifest's declarations into complete variable definitions: system variables fill in
 * what the manifest leaves out (type, description, options, examples). A declaration with a
 * problem is reported and left out; the others are returned in order.
 */
export function resolveVariables(declarations: readonly VariableDeclaration[], template: string, file: string, lines: Map<string, number>, problems: TemplateProblem[]): VariableDefinition[] {
  const resolved: VariableDefinition[] = [];
  const seen = new Set<string>();
  for (const declaration of declarations) {
    const where = { template, file, line: lines.get(declaration.name) ?? null, variable: declaration.name };
    const fail = (message: string, fix: string): null => {
      problems.push(problem({ code: 'manifest_invalid', ...where, message, fix }));
      return null;
    };
    if (seen.has(declaration.name)) {
      fail(`"${declaration.name}" is declared twice`, 'remove one of the declarations');
      continue;
    }
    seen.add(declaration.name);
    const variable = resolveVariable(declaration, fail);
    if (variable) resolved.push(variable);
  }
  for (const variable of resolved) {
    if (variable.type === 'choice' && seen.has(`${variable.name}_label`)) {
      problems.push(problem({ code: 'manifest_invalid', template, file, line: lines.get(`${variable.name}_label`) ?? null, variable: `${variable.name}_label`, message: `clashes with the label of choice "${variable.name}"`, fix: 'choose another name' }));
    }
  }
  return resolved;
}

/** One declaration completed from the system variable of that name, or null after reporting why not. */
function resolveVariable(declaration: VariableDeclaration, fail: (message: string, fix: string) => null): VariableDefinition | null {
  if (RESERVED_NAMES.has(declaration.name)) return fail(`"${declaration.name}" is a reserved name (site value, helper or built-in)`, 'choose another name');
  const system = Object.hasOwn(SYSTEM_VARIABLES, declaration.name) ? SYSTEM_VARIABLES[declaration.name] : undefined;
  const type: VariableType | undefined = declaration.type ?? system?.type;
  if (!type) return fail('has no type', `add type: one of ${VARIABLE_TYPES.join(', ')}`);
  if (system && type !== system.type) {
    return fail(`is a system variable of type ${system.type}, but the manifest says ${type}`, `remove the type line, or choose another name for a different value`);
  }
  const description = declaration.description ?? system?.description;
  if (!description) return fail('has no description', 'add description: what customer care should fill in here, in Dutch (and English)');
  const options = declaration.options?.map((option) => ({ value: option.value, label: inBothLanguages(option.label) })) ?? system?.options ?? null;
  if (type === 'choice' && !options) return fail('is a choice without options', 'add options: a list of { value, label } items');
  if (type !== 'choice' && declaration.options) return fail(`has options, but only a choice can have them`, 'remove options, or set type: choice');
  if (type === 'choice' && RESERVED_NAMES.has(`${declaration.name}_label`)) return fail(`"${declaration.name}_label" would be reserved`, 'choose another name');
  const examples = {} as Record<string, unknown>;
  let missingExample = false;
  for (const lang of LANGUAGES) {
    const example = declaration.examples?.[lang] ?? declaration.example ?? system?.examples[lang];
    if (example === undefined) missingExample = true;
    examples[lang] = example;
  }
  if (missingExample && declaration.required) {
    return fail('has no example value', 'add example: a realistic value (or examples: { nl: …, en: … } for text written per language)');
  }
  return {
    name: declaration.name,
    type,
    required: declaration.required,
    // A template of one's own without a label falls back to its description, minus the full stop.
    label: declaration.label ? inBothLanguages(declaration.label) : (system?.label ?? labelFromDescription(inBothLanguages(description))),
    description: inBothLanguages(description),
    examples: examples as Record<Language, unknown>,
    options,
    // A system variable's limit holds in every template (a burgerbericht is never longer than 600).
    maxLength:
      system?.maxLength !== undefined
        ? Math.min(declaration.max_length ?? system.maxLength, system.maxLength)
        : (declaration.max_length ?? DEFAULT_MAX_LENGTH[type] ?? 0),
    prefill: system?.prefill ?? [],
  };
}

function labelFromDescription(description: Record<Language, string>): Record<Language, string> {
  return { nl: description.nl.replace(/\.$/, ''), en: description.en.replace(/\.$/, '') };
}
