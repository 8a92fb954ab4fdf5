import { walkProgram } from './check-statements.ts';
import type { TemplateWalk } from './check-walk.ts';
import type { TemplateProblem } from './template-error.ts';
import type { ObjectShape } from './template-shape.ts';

/**
 * Walks a parsed Handlebars template and reports every use that does not fit the declared
 * variables: undeclared names (also inside partials, `#each` items, block params and `../`),
 * values printed in a form nobody can read (a raw date or list), unknown helpers, dynamic
 * partials, and triple-stash on anything but Markdown we rendered ourselves.
 *
 * Statements (printing, blocks, partials) are checked in check-statements.ts, expressions (names,
 * helper calls) in check-expressions.ts; both share the walk's state from check-walk.ts.
 */

export interface ParsedFile {
  file: string;
  ast: hbs.AST.Program;
}

export interface CheckContext {
  template: string;
  /** Where the template's variables are declared, for the fix hint. */
  manifestFile: string;
  /** The root scope: declared variables plus what the engine provides. */
  root: ObjectShape;
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

export function checkTemplate(entry: ParsedFile, context: CheckContext): CheckResult {
  const walk: TemplateWalk = { context, result: { problems: [], used: new Set(), partialsUsed: new Set() }, file: entry.file, activePartials: [] };
  walkProgram(walk, entry.ast, [{ shape: context.root, blockParams: new Map(), inEach: false }]);
  return walk.result;
}
