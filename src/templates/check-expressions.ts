import { paramName, report, rootName, isScoped, type Frame, type TemplateWalk, type Value } from './check-walk.ts';
import { HELPER_NAMES, HELPER_SPECS, type HelperName } from './helpers.ts';
import { closestName } from './suggest-name.ts';
import { describeShape, type Shape } from './template-shape.ts';

/**
 * The expression half of the template check: what a name, a helper call or a literal stands for,
 * reporting undeclared names (with a "did you mean"), unknown helpers and wrong helper arguments.
 */

export function evaluate(walk: TemplateWalk, expression: hbs.AST.Expression, scopes: Frame[]): Value {
  switch (expression.type) {
    case 'PathExpression':
      return resolvePath(walk, expression as hbs.AST.PathExpression, expression, scopes);
    case 'SubExpression': {
      const sub = expression as hbs.AST.SubExpression;
      const returns = checkHelperCall(walk, sub.path as hbs.AST.PathExpression, sub.params, sub.hash, sub, scopes);
      return returns ? { kind: returns } : null;
    }
    case 'StringLiteral':
      return { kind: 'string-literal', value: (expression as hbs.AST.StringLiteral).value };
    default:
      return { kind: 'literal' };
  }
}

export function isHelperName(path: hbs.AST.PathExpression): boolean {
  return !path.data && path.depth === 0 && path.parts.length === 1 && !isScoped(path) && (HELPER_NAMES as string[]).includes(path.parts[0]!);
}

/** Checks the helper and each argument against its spec; returns what the helper gives back. */
export function checkHelperCall(
  walk: TemplateWalk,
  path: hbs.AST.PathExpression,
  params: hbs.AST.Expression[],
  hash: hbs.AST.Hash | undefined,
  node: hbs.AST.Node,
  scopes: Frame[],
): 'text' | 'number' | 'boolean' | null {
  const name = path.original;
  if (!isHelperName(path)) {
    const why = name === 'lookup' || name === 'log' ? `the helper "${name}" is not allowed` : `"${name}" is not a known helper`;
    report(walk, 'unknown_helper', node, why, `use one of: ${HELPER_NAMES.join(', ')} (plus if, unless, each, with as blocks)`);
    for (const param of params) evaluate(walk, param, scopes);
    return null;
  }
  const spec = HELPER_SPECS[name as HelperName];
  if ((hash?.pairs.length ?? 0) > 0) report(walk, 'forbidden_construct', node, `{{${name}}} takes no name=value options`, `example: ${spec.example}`);
  if (params.length !== spec.params.length) {
    report(walk, 'helper_misuse', node, `{{${name}}} needs ${spec.params.length} value${spec.params.length === 1 ? '' : 's'}, got ${params.length}`, `example: ${spec.example}`);
  }
  params.forEach((param, index) => {
    const value = evaluate(walk, param, scopes);
    const expected = spec.params[index];
    if (!value || !expected || expected === 'any') return;
    const fits =
      expected === 'string-literal'
        ? value.kind === 'string-literal'
        : expected === 'countable'
          ? value.kind === 'list' || value.kind === 'number'
          : value.kind === expected;
    if (!fits) {
      const got = value.kind === 'string-literal' ? 'a quoted text' : value.kind === 'literal' ? 'a literal' : `a ${describeShape(value as Shape)}`;
      report(walk, 'helper_misuse', param, `{{${name}}} expects ${expected.replace('-', ' ')} as value ${index + 1}, got ${got}`, `example: ${spec.example}`, paramName(param));
    }
  });
  return spec.returns;
}

/** The shape a name refers to, through block params, `../` and dotted fields; records root names used. */
export function resolvePath(walk: TemplateWalk, path: hbs.AST.PathExpression, node: hbs.AST.Node, scopes: Frame[]): Shape | null {
  if (path.data) return resolveData(walk, path, node, scopes);
  if (path.depth > scopes.length - 1) {
    report(walk, 'misused_variable', node, `"${path.original}" climbs above the top of the template with "../"`, 'remove one "../"', rootName(path));
    return null;
  }
  const frameIndex = scopes.length - 1 - path.depth;
  const [first, ...rest] = path.parts;
  if (first === undefined) return scopes[frameIndex]!.shape;
  if (!isScoped(path) && path.depth === 0) {
    for (let index = scopes.length - 1; index >= 0; index -= 1) {
      const bound = scopes[index]!.blockParams.get(first);
      if (bound) return navigate(walk, bound, rest, path, node);
    }
  }
  const base = scopes[frameIndex]!.shape;
  const field = base.kind === 'object' && Object.hasOwn(base.fields, first) ? base.fields[first]! : undefined;
  if (!field) {
    reportUnknown(walk, path, node, base, frameIndex === 0);
    return null;
  }
  if (frameIndex === 0) walk.result.used.add(first);
  return navigate(walk, field, rest, path, node);
}

/** `@root.…`, `@lang`, and `@index`/`@first`/`@last` (only inside `#each`); nothing else. */
function resolveData(walk: TemplateWalk, path: hbs.AST.PathExpression, node: hbs.AST.Node, scopes: Frame[]): Shape | null {
  const [first, ...rest] = path.parts;
  if (first === 'root') return resolvePath(walk, { ...path, data: false, depth: scopes.length - 1, parts: rest, original: rest.join('.') }, node, scopes);
  if (first === 'lang' && rest.length === 0) return { kind: 'text' };
  if ((first === 'index' || first === 'first' || first === 'last') && rest.length === 0) {
    if (!scopes.some((frame) => frame.inEach)) {
      report(walk, 'misused_variable', node, `@${first} only exists inside {{#each}}`, 'move it inside an {{#each}} block');
      return null;
    }
    return first === 'index' ? { kind: 'number' } : { kind: 'boolean' };
  }
  report(walk, 'forbidden_construct', node, `"@${path.parts.join('.')}" is not available`, 'use @index, @first, @last, @lang or @root.<variable>');
  return null;
}

function navigate(walk: TemplateWalk, shape: Shape, parts: string[], path: hbs.AST.PathExpression, node: hbs.AST.Node): Shape | null {
  let current = shape;
  for (const part of parts) {
    if (current.kind !== 'object' || !Object.hasOwn(current.fields, part)) {
      reportUnknown(walk, { ...path, parts: [part], original: path.original }, node, current, false);
      return null;
    }
    current = current.fields[part]!;
  }
  return current;
}

function reportUnknown(walk: TemplateWalk, path: hbs.AST.PathExpression, node: hbs.AST.Node, base: Shape, atRoot: boolean): void {
  const name = path.parts[0] ?? path.original;
  const known = base.kind === 'object' ? Object.keys(base.fields).sort() : [];
  const suggestion = closestName(name, known);
  const hint = suggestion ? `did you mean "${suggestion}"? ` : '';
  if (atRoot) {
    report(
      walk,
      'undeclared_variable',
      node,
      `"${path.original}" is used but not declared`,
      walk.context.template === '_layout'
        ? `${hint}the layout can only use: ${known.join(', ')}`
        : `${hint}declare "${name}" in ${walk.context.manifestFile} under variables, or use a declared name: ${known.join(', ')}`,
      name,
    );
  } else {
    const what = base.kind === 'object' ? `items of ${base.of} have the fields ${known.join(', ') || '(none)'}` : `a ${describeShape(base)} has no fields`;
    report(walk, 'undeclared_variable', node, `"${path.original}" does not exist here: ${what}`, `${hint}use ../${name} to reach a variable outside the {{#each}}, or correct the name`, name);
  }
}
