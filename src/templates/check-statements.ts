import { checkHelperCall, evaluate, isHelperName, resolvePath } from './check-expressions.ts';
import { isShape, paramName, report, rootName, type Frame, type TemplateWalk, type Value } from './check-walk.ts';
import { BUILT_IN_BLOCK_HELPERS, HELPER_NAMES } from './helpers.ts';
import { describeShape, type Shape } from './template-shape.ts';

/**
 * The statement half of the template check: what may be printed and how (`{{…}}` versus
 * `{{{…}}}`), which blocks are allowed and the scope each opens, and partials, which are walked
 * in place with the caller's scope.
 */

const PRINTABLE = new Set(['text', 'markdown', 'url', 'number', 'choice']);

const HOW_TO_PRINT: Record<string, string> = {
  datetime: 'format it with a helper: {{datetime NAME}}, {{date NAME}} or {{time NAME}}',
  duration: 'format it with {{duration NAME}}',
  boolean: 'use it as a condition: {{#if NAME}}…{{/if}}',
  list: 'print it with {{list NAME}} or loop over it with {{#each NAME}}…{{/each}}',
  object: 'print one of its fields instead',
};

export function walkProgram(walk: TemplateWalk, program: hbs.AST.Program | undefined, scopes: Frame[]): void {
  if (!program) return;
  for (const statement of program.body) walkStatement(walk, statement, scopes);
}

function walkStatement(walk: TemplateWalk, node: hbs.AST.Statement, scopes: Frame[]): void {
  switch (node.type) {
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement':
      return checkMustache(walk, node as hbs.AST.MustacheStatement, scopes);
    case 'BlockStatement':
      return checkBlock(walk, node as hbs.AST.BlockStatement, scopes);
    case 'PartialStatement':
      return checkPartial(walk, node as hbs.AST.PartialStatement, scopes);
    default:
      report(walk, 'forbidden_construct', node, `"${node.type}" (partial blocks, inline partials, decorators) is not allowed`, 'use a plain partial {{> name}} or write the text out');
  }
}

function checkMustache(walk: TemplateWalk, node: hbs.AST.MustacheStatement, scopes: Frame[]): void {
  if (node.path.type !== 'PathExpression') {
    report(walk, 'forbidden_construct', node, `a literal in place of a name ({{${literalText(node.path)}}}) is not allowed`, 'write the text directly, outside {{ }}');
    return;
  }
  const path = node.path as hbs.AST.PathExpression;
  const isHelperCall = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0 || isHelperName(path);
  if (isHelperCall) {
    const returns = checkHelperCall(walk, path, node.params, node.hash, node, scopes);
    if (!node.escaped) report(walk, 'triple_stash', node, `{{{${path.original} …}}} prints a helper's result unescaped`, 'use double braces: {{' + path.original + ' …}}');
    if (returns === 'boolean') report(walk, 'helper_misuse', node, `{{${path.original} …}} gives true/false, which is not text`, `use it as a condition: {{#if (${path.original} …)}}…{{/if}}`);
    return;
  }
  const shape = resolvePath(walk, path, node, scopes);
  if (!shape) return;
  if (!PRINTABLE.has(shape.kind)) {
    report(walk, 'misused_variable', node, `{{${path.original}}} is a ${describeShape(shape)} and cannot be printed as it is`, (HOW_TO_PRINT[shape.kind] ?? '').replaceAll('NAME', path.original), rootName(path));
    return;
  }
  if (!node.escaped && shape.kind !== 'markdown') {
    report(
      walk,
      'triple_stash',
      node,
      `{{{${path.original}}}} would print a ${describeShape(shape)} without escaping`,
      `use double braces {{${path.original}}}; triple braces are only allowed for Markdown variables, which the engine renders safely itself`,
      rootName(path),
    );
  }
}

function checkBlock(walk: TemplateWalk, node: hbs.AST.BlockStatement, scopes: Frame[]): void {
  const name = node.path.original;
  if (!(BUILT_IN_BLOCK_HELPERS as readonly string[]).includes(name)) {
    reportForbiddenBlock(walk, node, name);
    return;
  }
  if ((node.hash?.pairs.length ?? 0) > 0) report(walk, 'forbidden_construct', node, `{{#${name}}} takes no name=value options here`, 'remove the options');
  if (node.params.length !== 1) {
    report(walk, 'helper_misuse', node, `{{#${name}}} needs exactly one value, got ${node.params.length}`, `write it as {{#${name} value}}…{{/${name}}}`);
    return;
  }
  const value = evaluate(walk, node.params[0]!, scopes);
  if (name === 'each') {
    walkEach(walk, node, value, scopes);
    return;
  }
  if ((node.program?.blockParams ?? []).length > 0) report(walk, 'forbidden_construct', node, `{{#${name}}} does not take "as |…|" names`, 'remove the "as |…|" part');
  if (name === 'with') {
    walkWith(walk, node, value, scopes);
    return;
  }
  // if / unless keep the context.
  walkProgram(walk, node.program, scopes);
  walkProgram(walk, node.inverse, scopes);
}

function reportForbiddenBlock(walk: TemplateWalk, node: hbs.AST.BlockStatement, name: string): void {
  if ((HELPER_NAMES as string[]).includes(name)) {
    report(walk, 'helper_misuse', node, `{{#${name}}} is not a block helper`, `call it inline: {{${name} …}}`);
  } else if (name === 'lookup' || name === 'log') {
    report(walk, 'unknown_helper', node, `the helper "${name}" is not allowed`, `use {{#if}}, {{#unless}}, {{#each}} or {{#with}}`);
  } else {
    report(walk, 'forbidden_construct', node, `the block {{#${name}}} is not allowed`, `use {{#if ${name}}}…{{/if}} for a condition or {{#each ${name}}}…{{/each}} for a list`);
  }
}

/** `#each` opens a scope on the list's items, with `as |item index|` bound when given. */
function walkEach(walk: TemplateWalk, node: hbs.AST.BlockStatement, value: Value, scopes: Frame[]): void {
  if (value && value.kind !== 'list' && isShape(value)) {
    report(walk, 'misused_variable', node, `{{#each}} needs a list, but this is a ${describeShape(value)}`, 'loop only over lists such as affected_products', paramName(node.params[0]!));
  }
  const item: Shape = value && value.kind === 'list' ? value.item : { kind: 'object', fields: {}, of: 'unknown items' };
  const blockParams = node.program?.blockParams ?? [];
  const params = new Map<string, Shape>();
  if (blockParams[0]) params.set(blockParams[0], item);
  if (blockParams[1]) params.set(blockParams[1], { kind: 'number' });
  walkProgram(walk, node.program, [...scopes, { shape: item, blockParams: params, inEach: true }]);
  walkProgram(walk, node.inverse, scopes);
}

/** `#with` opens a scope on one item's fields. */
function walkWith(walk: TemplateWalk, node: hbs.AST.BlockStatement, value: Value, scopes: Frame[]): void {
  if (value && value.kind !== 'object' && isShape(value)) {
    report(walk, 'misused_variable', node, `{{#with}} needs an item with fields, but this is a ${describeShape(value)}`, 'use {{#each}} for lists', paramName(node.params[0]!));
  }
  const shape: Shape = value && value.kind === 'object' ? value : { kind: 'object', fields: {}, of: 'unknown' };
  walkProgram(walk, node.program, [...scopes, { shape, blockParams: new Map(), inEach: false }]);
  walkProgram(walk, node.inverse, scopes);
}

/** A partial is checked where it is included, with the caller's scope, and reported in its own file. */
function checkPartial(walk: TemplateWalk, node: hbs.AST.PartialStatement, scopes: Frame[]): void {
  if (node.name.type !== 'PathExpression') {
    report(walk, 'forbidden_construct', node, 'a partial whose name is computed ({{> (…)}}) is not allowed', 'name the partial directly: {{> affected-products}}');
    return;
  }
  const name = (node.name as hbs.AST.PathExpression).original;
  if (node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0) {
    report(walk, 'forbidden_construct', node, `{{> ${name}}} takes no parameters; partials see the same values as the template`, `write {{> ${name}}}`);
  }
  const partial = walk.context.partials.get(name);
  if (!partial) {
    report(walk, 'unknown_partial', node, `there is no partial "${name}" for this channel and language`, `use one of: ${[...walk.context.partials.keys()].sort().join(', ') || '(none)'}, or add the file to templates/_partials/`);
    return;
  }
  walk.result.partialsUsed.add(name);
  if (walk.activePartials.includes(name)) {
    report(walk, 'forbidden_construct', node, `the partial "${name}" includes itself (${[...walk.activePartials, name].join(' → ')})`, 'remove the loop');
    return;
  }
  const callerFile = walk.file;
  walk.activePartials.push(name);
  walk.file = partial.file;
  walkProgram(walk, partial.ast, scopes);
  walk.file = callerFile;
  walk.activePartials.pop();
}

function literalText(node: hbs.AST.Node): string {
  const value = (node as { value?: unknown }).value;
  return typeof value === 'string' ? `"${value}"` : String(value);
}
