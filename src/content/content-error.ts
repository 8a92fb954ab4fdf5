import type { z } from 'zod';

/** One thing wrong in one content file, said so that an editor can fix it without reading code. */
export interface ContentProblem {
  /** Path relative to the project, e.g. "content/incidents/2026-10-03-brp-storing.md". */
  file: string;
  /** Dotted field path, e.g. "updates[2].status"; empty for file-level problems. */
  field: string;
  message: string;
}

export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(formatProblems(problems));
    this.name = 'ContentError';
    this.problems = problems;
  }
}

export function formatProblems(problems: readonly ContentProblem[]): string {
  const lines = problems.map((problem) => `  ${problem.file}${problem.field ? ` → ${problem.field}` : ''}: ${problem.message}`);
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return `Content has ${problems.length} ${noun}:\n${lines.join('\n')}`;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * Turns zod issues into problems that say what was expected and what was found. Parse with
 * `{ reportInput: true }` so the found value is known; without it a wrong value cannot be told
 * apart from a missing one and the message falls back to zod's own wording.
 */
export function problemsFromZod(file: string, error: z.ZodError, pathPrefix: readonly PropertyKey[] = []): ContentProblem[] {
  return error.issues.flatMap((issue) =>
    flattenIssue(issue, pathPrefix).map(({ path, message }) => ({ file, field: fieldPath(path), message })),
  );
}

interface FlatIssue {
  path: PropertyKey[];
  message: string;
}

function flattenIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): FlatIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    // A branch without a root-level type mismatch matched the value's shape: its issues are the real ones.
    const shaped = issue.errors.filter((branch) => branch.length > 0 && !branch.some(isRootMismatch));
    if (shaped.length === 1) return shaped[0]!.flatMap((inner) => flattenIssue(inner, path));
  }
  return [{ path, message: describeIssue(issue) }];
}

function isRootMismatch(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const reported = 'input' in issue;
  const missing = reported && issue.input === undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (!reported) return issue.message.replace(/^Invalid input: /, '');
      return missing ? `is required (expected ${issue.expected})` : `expected ${issue.expected}, got ${describeValue(issue.input)}`;
    case 'invalid_value': {
      const expected = issue.values.map((value) => JSON.stringify(value)).join(', ');
      if (!reported) return `expected one of ${expected}`;
      return missing ? `is required (expected one of ${expected})` : `expected one of ${expected}, got ${describeValue(issue.input)}`;
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')} (check the spelling)`;
    case 'invalid_union':
      if (!reported) return issue.message;
      return missing ? `is required; ${issue.message}` : `${issue.message}; got ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (value instanceof Date) return `a date (${value.toISOString()})`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
