/** What kind of problem; stable codes for tests and for the admin to react on. */
export type TemplateProblemCode =
  | 'unknown_template'
  | 'unknown_language'
  | 'invalid_values'
  | 'invalid_options'
  | 'unreadable_file'
  | 'missing_file'
  | 'manifest_invalid'
  | 'syntax_error'
  | 'undeclared_variable'
  | 'misused_variable'
  | 'unused_required_variable'
  | 'triple_stash'
  | 'unknown_helper'
  | 'helper_misuse'
  | 'unknown_partial'
  | 'forbidden_construct'
  | 'layout_incomplete'
  | 'example_failed'
  | 'render_failed';

/** One thing wrong, said so that a customer-care lead can fix it without reading code. */
export interface TemplateProblem {
  code: TemplateProblemCode;
  /** Template id (folder name), or "_layout" / "_partials" for shared files. */
  template: string;
  /** Path relative to the project, e.g. "templates/update/nl.email.html.hbs". */
  file: string | null;
  line: number | null;
  variable: string | null;
  message: string;
  /** What to do about it. */
  fix: string;
}

export class TemplateError extends Error {
  readonly problems: TemplateProblem[];

  constructor(problems: TemplateProblem[]) {
    super(formatTemplateProblems(problems));
    this.name = 'TemplateError';
    this.problems = problems;
  }
}

export function formatTemplateProblems(problems: readonly TemplateProblem[]): string {
  const noun = problems.length === 1 ? 'problem' : 'problems';
  const lines = problems.map((problem) => {
    const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ''}` : '(no file)';
    const variable = problem.variable ? ` variable "${problem.variable}":` : '';
    return `  [${problem.template}] ${where}:${variable} ${problem.message}\n    → ${problem.fix}`;
  });
  return `Templates have ${problems.length} ${noun}:\n${lines.join('\n')}`;
}

export function problem(fields: Partial<TemplateProblem> & Pick<TemplateProblem, 'code' | 'template' | 'message' | 'fix'>): TemplateProblem {
  return { file: null, line: null, variable: null, ...fields };
}
