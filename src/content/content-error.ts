import type { z } from 'zod';
import { problemsFromZod as codedProblems, type ProblemCode, type ProblemParams } from '../domain/index.ts';
import { problemText } from '../i18n/refusals.ts';

/** One thing wrong in one content file, said so that an editor can fix it without reading code. */
export interface ContentProblem {
  /** Path relative to the project, e.g. "content/incidents/2026-10-03-brp-storing.md". */
  file: string;
  /** Dotted field path, e.g. "updates[2].status"; empty for file-level problems. */
  field: string;
  /** The file line the problem is on, when it is known (YAML that does not parse). */
  line?: number;
  /** The kind of problem (src/domain/refusal.ts); absent for problems of the file itself, e.g. bad YAML. */
  code?: ProblemCode;
  params?: ProblemParams;
  /** The English text, for logs and the command line. */
  message: string;
}

/** Marks a ContentError across module copies (the Astro bundle carries its own copy of this class). */
const BRAND = Symbol.for('helder.content-error');

export class ContentError extends Error {
  readonly problems: ContentProblem[];
  readonly [BRAND] = true;

  constructor(problems: ContentProblem[]) {
    super(formatProblems(problems));
    this.name = 'ContentError';
    this.problems = problems;
  }

  static is(error: unknown): error is ContentError {
    return typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true;
  }
}

export function formatProblems(problems: readonly ContentProblem[]): string {
  const lines = problems.map((problem) => `  ${problem.file}${problem.field ? ` → ${problem.field}` : ''}: ${problem.message}`);
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return `Content has ${problems.length} ${noun}:\n${lines.join('\n')}`;
}

/**
 * Turns zod issues into problems that say what was expected and what was found, through the one
 * zod map of src/domain/problems.ts and the English texts of src/i18n (build logs and the
 * command line are English; the admin shows the same problem in its own language).
 */
export function problemsFromZod(file: string, error: z.ZodError, pathPrefix: readonly PropertyKey[] = []): ContentProblem[] {
  return codedProblems(error, pathPrefix).map((problem) => ({ file, ...problem, message: problemText(problem, 'en') }));
}

export { fieldPath } from '../domain/index.ts';
