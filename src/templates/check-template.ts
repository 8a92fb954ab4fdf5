import type { HelperName } from './helpers.ts';
import { BUILT_IN_BLOCK_HELPERS, HELPER_NAMES, HELPER_SPECS } from './helpers.ts';
import { problem, type TemplateProblem, type TemplateProblemCode } from './template-error.ts';

/**
 * Walks a parsed Handlebars template and reports every use that does not fit the declared
 * variables: undeclared names (also inside partials, `#each` items, block params and `../`),
 * values printed in a form nobody can read (a raw date or list), unknown helpers, dynamic
 * partials, and triple-stash on anything but Markdown we rendered ourselves.
 */

/** What a name in a template stands for, as far as the check needs to know. */
export type Shape =
  | { kind: 'text' | 'markdown' | 'url' | 'number' | 'choice' | 'datetime' | 'duration' | 'boolean' }
  | { kind: 'list'; item: Shape; of: string }
  | { kind: 'object'; fields: Record<string, Shape>; of: string };

const PRINTABLE = new Set(['text', 'markdown', 'url', 'number', 'choice']);

const HOW_TO_PRINT: Record<string, string> = {
  datetime: 'format it with a helper: {{datetime NAME}}, {{date NAME}} or {{time NAME}}',
  duration: 'format it with {{duration NAME}}',
  boolean: 'use it as a condition: {{#if NAME}}…{{/if}}',
  list: 'print it with {{list NAME}} or loop over it with {{#each NAME}}…{{/each}}',
  object: 'print one of its fields instead',
};

export interface ParsedFile {
  file: string;
  ast: hbs.AST.Program;
}

export interface CheckContext {
  template: string;
  /** Where the template's variables are declared, for the fix hint. */
  manifestFile: string;
  /** The root scope: declared variables plus what the engine provides. */
  root: Extract<Shape, { kind: 'object' }>;
  /** Partials available to this channel and language, by name. */
  partials: ReadonlyMap<string, ParsedFile>;
}

export interface CheckResult {
  problems: TemplateProblem[];
  /** Root-level names the template (and the partials it includes) refers to. */
  used: Set<string>;
  /** Names of the partials it includes, directly or through other partials. */
  partialsUsed: Set<string>;
}

interface Frame {
  shape: Shape;
  blockParams: Map<string, Shape>;
  inEach: boolean;
}

type Value = Shape | { kind: 'string-literal'; value: string } | { kind: 'literal' } | null;

export function checkTemplate(entry: ParsedFile, context: CheckContext): CheckResult {
  const result: CheckResult = { problems: [], used: new Set(), partialsUsed: new Set() };
  const activePartials: string[] = [];
  let file = entry.file;

  const report = (code: TemplateProblemCode, node: hbs.AST.Node, message: string, fix: string, variable: string | null = null) => {
    result.problems.push(problem({ code, template: context.template, file, line: node.loc?.start.line ?? null, variable, message, fix }));
  };

  function walkProgram(program: hbs.AST.Program | undefined, scopes: Frame[]): void {
    if (!program) return;
    for (const statement of program.body) walkStatement(statement, scopes);
  }

  function walkStatement(node: hbs.AST.Statement, scopes: Frame[]): void {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement':
        return checkMustache(node as hbs.AST.MustacheStatement, scopes);
      case 'BlockStatement':
        return checkBlock(node as hbs.AST.BlockStatement, scopes);
      case 'PartialStatement':
        return checkPartial(node as hbs.AST.PartialStatement, scopes);
      default:
        report('forbidden_construct', node, `"${node.type}" (partial blocks, inline partials, decorators) is not allowed`, 'use a plain partial {{> name}} or write the text out');
    }
  }

  function checkMustache(node: hbs.AST.MustacheStatement, scopes: Frame[]): void {
    if (node.path.type !== 'PathExpression') {
      report('forbidden_construct', node, `a literal in place of a name ({{${literalText(node.path)}}}) is not allowed`, 'write the text directly, outside {{ }}');
      return;
    }
    const path = node.path as hbs.AST.PathExpression;
    const isHelperCall = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0 || isHelperName(path);
    if (isHelperCall) {
      const returns = checkHelperCall(path, node.params, node.hash, node, scopes);
      if (!node.escaped) report('triple_stash', node, `{{{${path.original} …}}} prints a helper's result unescaped`, 'use double braces: {{' + path.original + ' …}}');
      if (returns === 'boolean') report('helper_misuse', node, `{{${path.original} …}} gives true/false, which is not text`, `use it as a condition: {{#if (${path.original} …)}}…{{/if}}`);
      return;
    }
    const shape = resolve(path, node, scopes);
    if (!shape) return;
    if (!PRINTABLE.has(shape.kind)) {
      report('misused_variable', node, `{{${path.original}}} is a ${describe(shape)} and cannot be printed as it is`, (HOW_TO_PRINT[shape.kind] ?? '').replaceAll('NAME', path.original), rootName(path));
      return;
    }
    if (!node.escaped && shape.kind !== 'markdown') {
      report(
        'triple_stash',
        node,
        `{{{${path.original}}}} would print a ${describe(shape)} without escaping`,
        `use double braces {{${path.original}}}; triple braces are only allowed for Markdown variables, which the engine renders safely itself`,
        rootName(path),
      );
    }
  }

  function checkBlock(node: hbs.AST.BlockStatement, scopes: Frame[]): void {
    const name = node.path.original;
    if (!(BUILT_IN_BLOCK_HELPERS as readonly string[]).includes(name)) {
      if ((HELPER_NAMES as string[]).includes(name)) {
        report('helper_misuse', node, `{{#${name}}} is not a block helper`, `call it inline: {{${name} …}}`);
      } else if (name === 'lookup' || name === 'log') {
        report('unknown_helper', node, `the helper "${name}" is not allowed`, `use {{#if}}, {{#unless}}, {{#each}} or {{#with}}`);
      } else {
        report('forbidden_construct', node, `the block {{#${name}}} is not allowed`, `use {{#if ${name}}}…{{/if}} for a condition or {{#each ${name}}}…{{/each}} for a list`);
      }
      return;
    }
    if ((node.hash?.pairs.length ?? 0) > 0) report('forbidden_construct', node, `{{#${name}}} takes no name=value options here`, 'remove the options');
    if (node.params.length !== 1) {
      report('helper_misuse', node, `{{#${name}}} needs exactly one value, got ${node.params.length}`, `write it as {{#${name} value}}…{{/${name}}}`);
      return;
    }
    const value = evaluate(node.params[0]!, scopes);
    const blockParams = node.program?.blockParams ?? [];
    if (name === 'each') {
      if (value && value.kind !== 'list' && isShape(value)) {
        report('misused_variable', node, `{{#each}} needs a list, but this is a ${describe(value)}`, 'loop only over lists such as affected_products', paramName(node.params[0]!));
      }
      const item: Shape = value && value.kind === 'list' ? value.item : { kind: 'object', fields: {}, of: 'unknown items' };
      const params = new Map<string, Shape>();
      if (blockParams[0]) params.set(blockParams[0], item);
      if (blockParams[1]) params.set(blockParams[1], { kind: 'number' });
      walkProgram(node.program, [...scopes, { shape: item, blockParams: params, inEach: true }]);
      walkProgram(node.inverse, scopes);
      return;
    }
    if (blockParams.length > 0) report('forbidden_construct', node, `{{#${name}}} does not take "as |…|" names`, 'remove the "as |…|" part');
    if (name === 'with') {
      if (value && value.kind !== 'object' && isShape(value)) {
        report('misused_variable', node, `{{#with}} needs an item with fields, but this is a ${describe(value)}`, 'use {{#each}} for lists', paramName(node.params[0]!));
      }
      walkProgram(node.program, [...scopes, { shape: value && value.kind === 'object' ? value : { kind: 'object', fields: {}, of: 'unknown' }, blockParams: new Map(), inEach: false }]);
      walkProgram(node.inverse, scopes);
      return;
    }
    // if / unless keep the context.
    walkProgram(node.program, scopes);
    walkProgram(node.inverse, scopes);
  }

  function checkPartial(node: hbs.AST.PartialStatement, scopes: Frame[]): void {
    if (node.name.type !== 'PathExpression') {
      report('forbidden_construct', node, 'a partial whose name is computed ({{> (…)}}) is not allowed', 'name the partial directly: {{> affected-products}}');
      return;
    }
    const name = (node.name as hbs.AST.PathExpression).original;
    if (node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0) {
      report('forbidden_construct', node, `{{> ${name}}} takes no parameters; partials see the same values as the template`, `write {{> ${name}}}`);
    }
    const partial = context.partials.get(name);
    if (!partial) {
      report('unknown_partial', node, `there is no partial "${name}" for this channel and language`, `use one of: ${[...context.partials.keys()].sort().join(', ') || '(none)'}, or add the file to templates/_partials/`);
      return;
    }
    result.partialsUsed.add(name);
    if (activePartials.includes(name)) {
      report('forbidden_construct', node, `the partial "${name}" includes itself (${[...activePartials, name].join(' → ')})`, 'remove the loop');
      return;
    }
    const callerFile = file;
    activePartials.push(name);
    file = partial.file;
    walkProgram(partial.ast, scopes);
    file = callerFile;
    activePartials.pop();
  }

  function isHelperName(path: hbs.AST.PathExpression): boolean {
    return !path.data && path.depth === 0 && path.parts.length === 1 && !isScoped(path) && (HELPER_NAMES as string[]).includes(path.parts[0]!);
  }

  function checkHelperCall(path: hbs.AST.PathExpression, params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined, node: hbs.AST.Node, scopes: Frame[]): 'text' | 'number' | 'boolean' | null {
    const name = path.original;
    if (!isHelperName(path)) {
      const why = name === 'lookup' || name === 'log' ? `the helper "${name}" is not allowed` : `"${name}" is not a known helper`;
      report('unknown_helper', node, why, `use one of: ${HELPER_NAMES.join(', ')} (plus if, unless, each, with as blocks)`);
      for (const param of params) evaluate(param, scopes);
      return null;
    }
    const spec = HELPER_SPECS[name as HelperName];
    if ((hash?.pairs.length ?? 0) > 0) report('forbidden_construct', node, `{{${name}}} takes no name=value options`, `example: ${spec.example}`);
    if (params.length !== spec.params.length) {
      report('helper_misuse', node, `{{${name}}} needs ${spec.params.length} value${spec.params.length === 1 ? '' : 's'}, got ${params.length}`, `example: ${spec.example}`);
    }
    params.forEach((param, index) => {
      const value = evaluate(param, scopes);
      const expected = spec.params[index];
      if (!value || !expected || expected === 'any') return;
      const fits =
        expected === 'string-literal'
          ? value.kind === 'string-literal'
          : expected === 'countable'
            ? value.kind === 'list' || value.kind === 'number'
            : value.kind === expected;
      if (!fits) {
        const got = value.kind === 'string-literal' ? 'a quoted text' : value.kind === 'literal' ? 'a literal' : `a ${describe(value as Shape)}`;
        report('helper_misuse', param, `{{${name}}} expects ${expected.replace('-', ' ')} as value ${index + 1}, got ${got}`, `example: ${spec.example}`, paramName(param));
      }
    });
    return spec.returns;
  }

  function evaluate(expression: hbs.AST.Expression, scopes: Frame[]): Value {
    switch (expression.type) {
      case 'PathExpression':
        return resolve(expression as hbs.AST.PathExpression, expression, scopes);
      case 'SubExpression': {
        const sub = expression as hbs.AST.SubExpression;
        const returns = checkHelperCall(sub.path as hbs.AST.PathExpression, sub.params, sub.hash, sub, scopes);
        return returns ? { kind: returns } : null;
      }
      case 'StringLiteral':
        return { kind: 'string-literal', value: (expression as hbs.AST.StringLiteral).value };
      default:
        return { kind: 'literal' };
    }
  }

  function resolve(path: hbs.AST.PathExpression, node: hbs.AST.Node, scopes: Frame[]): Shape | null {
    if (path.data) return resolveData(path, node, scopes);
    if (path.depth > scopes.length - 1) {
      report('misused_variable', node, `"${path.original}" climbs above the top of the template with "../"`, 'remove one "../"', rootName(path));
      return null;
    }
    const frameIndex = scopes.length - 1 - path.depth;
    const [first, ...rest] = path.parts;
    if (first === undefined) return scopes[frameIndex]!.shape;
    if (!isScoped(path) && path.depth === 0) {
      for (let index = scopes.length - 1; index >= 0; index -= 1) {
        const bound = scopes[index]!.blockParams.get(first);
        if (bound) return navigate(bound, rest, path, node);
      }
    }
    const base = scopes[frameIndex]!.shape;
    const field = base.kind === 'object' && Object.hasOwn(base.fields, first) ? base.fields[first]! : undefined;
    if (!field) {
      reportUnknown(path, node, base, frameIndex === 0);
      return null;
    }
    if (frameIndex === 0) result.used.add(first);
    return navigate(field, rest, path, node);
  }

  function resolveData(path: hbs.AST.PathExpression, node: hbs.AST.Node, scopes: Frame[]): Shape | null {
    const [first, ...rest] = path.parts;
    if (first === 'root') return resolve({ ...path, data: false, depth: scopes.length - 1, parts: rest, original: rest.join('.') }, node, scopes);
    if (first === 'lang' && rest.length === 0) return { kind: 'text' };
    if ((first === 'index' || first === 'first' || first === 'last') && rest.length === 0) {
      if (!scopes.some((frame) => frame.inEach)) {
        report('misused_variable', node, `@${first} only exists inside {{#each}}`, 'move it inside an {{#each}} block');
        return null;
      }
      return first === 'index' ? { kind: 'number' } : { kind: 'boolean' };
    }
    report('forbidden_construct', node, `"@${path.parts.join('.')}" is not available`, 'use @index, @first, @last, @lang or @root.<variable>');
    return null;
  }

  function navigate(shape: Shape, parts: string[], path: hbs.AST.PathExpression, node: hbs.AST.Node): Shape | null {
    let current = shape;
    for (const part of parts) {
      if (current.kind !== 'object' || !Object.hasOwn(current.fields, part)) {
        reportUnknown({ ...path, parts: [part], original: path.original }, node, current, false);
        return null;
      }
      current = current.fields[part]!;
    }
    return current;
  }

  function reportUnknown(path: hbs.AST.PathExpression, node: hbs.AST.Node, base: Shape, atRoot: boolean): void {
    const name = path.parts[0] ?? path.original;
    const known = base.kind === 'object' ? Object.keys(base.fields).sort() : [];
    const suggestion = closest(name, known);
    const hint = suggestion ? `did you mean "${suggestion}"? ` : '';
    if (atRoot) {
      report(
        'undeclared_variable',
        node,
        `"${path.original}" is used but not declared`,
        context.template === '_layout'
          ? `${hint}the layout can only use: ${known.join(', ')}`
          : `${hint}declare "${name}" in ${context.manifestFile} under variables, or use a declared name: ${known.join(', ')}`,
        name,
      );
    } else {
      const what = base.kind === 'object' ? `items of ${base.of} have the fields ${known.join(', ') || '(none)'}` : `a ${describe(base)} has no fields`;
      report('undeclared_variable', node, `"${path.original}" does not exist here: ${what}`, `${hint}use ../${name} to reach a variable outside the {{#each}}, or correct the name`, name);
    }
  }

  walkProgram(entry.ast, [{ shape: context.root, blockParams: new Map(), inEach: false }]);
  return result;
}

function isScoped(path: hbs.AST.PathExpression): boolean {
  return /^(?:\.|this\b)/.test(path.original);
}

function isShape(value: Value): value is Shape {
  return value !== null && value.kind !== 'string-literal' && value.kind !== 'literal';
}

function rootName(path: hbs.AST.PathExpression): string | null {
  return path.parts[0] ?? null;
}

function paramName(expression: hbs.AST.Expression): string | null {
  return expression.type === 'PathExpression' ? ((expression as hbs.AST.PathExpression).parts[0] ?? null) : null;
}

function literalText(node: hbs.AST.Node): string {
  const value = (node as { value?: unknown }).value;
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function describe(shape: Shape): string {
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

/** The declared name nearest to a misspelling, if one is close enough to be a likely typo. */
function closest(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
