import type { CheckContext, CheckResult } from './check-template.ts';
import { problem, type TemplateProblemCode } from './template-error.ts';
import type { Shape } from './template-shape.ts';

/** One level of scope: `#each` and `#with` push one, `if`/`unless` keep the current one. */
export interface Frame {
  shape: Shape;
  blockParams: Map<string, Shape>;
  inEach: boolean;
}

/** What an expression evaluates to: a shape, a literal, or null when it is already reported. */
export type Value = Shape | { kind: 'string-literal'; value: string } | { kind: 'literal' } | null;

/** One check in progress: what it found so far, and where it is (the file changes inside partials). */
export interface TemplateWalk {
  readonly context: CheckContext;
  readonly result: CheckResult;
  /** The file being walked: the template's own, or a partial it includes. */
  file: string;
  /** The partials being walked, outermost first, to catch one that includes itself. */
  readonly activePartials: string[];
}

export function report(walk: TemplateWalk, code: TemplateProblemCode, node: hbs.AST.Node, message: string, fix: string, variable: string | null = null): void {
  walk.result.problems.push(problem({ code, template: walk.context.template, file: walk.file, line: node.loc?.start.line ?? null, variable, message, fix }));
}

/** `.name`, `./name` and `this.name` look only in the current scope, never at block params. */
export function isScoped(path: hbs.AST.PathExpression): boolean {
  return /^(?:\.|this\b)/.test(path.original);
}

export function isShape(value: Value): value is Shape {
  return value !== null && value.kind !== 'string-literal' && value.kind !== 'literal';
}

/** The variable a problem is about: the first part of the path. */
export function rootName(path: hbs.AST.PathExpression): string | null {
  return path.parts[0] ?? null;
}

export function paramName(expression: hbs.AST.Expression): string | null {
  return expression.type === 'PathExpression' ? ((expression as hbs.AST.PathExpression).parts[0] ?? null) : null;
}
