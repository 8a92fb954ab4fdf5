import type { z } from 'zod';
import { MUNICIPALITY_ID_PATTERN, SLUG_PATTERN } from './ids.ts';
import { PROBLEM_CODES, type Problem, type ProblemCode, type ProblemParams } from './refusal.ts';

/**
 * The one map from zod issues to coded problems, for every boundary: forms, content files,
 * configuration, template values. A refinement of our own names its problem with
 * `params: { code, ...values }`; zod's own issues get a code from their kind. The texts live in
 * src/i18n (problemText), so the same problem reads in Dutch in the admin and in English in a
 * build log.
 */
export function problemsFromZod(error: z.ZodError, pathPrefix: readonly PropertyKey[] = []): Problem[] {
  return error.issues.flatMap((issue) => flatten(issue, pathPrefix));
}

/** A dotted field path as people and forms name it, e.g. "updates[2].status". */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

function flatten(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): Problem[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    // A branch whose value has the right shape but wrong details names the real problems.
    const shaped = issue.errors.filter((branch) => branch.length > 0 && !branch.some(isRootMismatch));
    if (shaped.length === 1) return shaped[0]!.flatMap((inner) => flatten(inner, path));
  }
  const { code, params } = describe(issue);
  return [{ field: fieldPath(path), code, ...(params && Object.keys(params).length > 0 ? { params } : {}) }];
}

function isRootMismatch(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union');
}

function describe(issue: z.core.$ZodIssue): { code: ProblemCode; params?: ProblemParams } {
  const reported = 'input' in issue;
  const missing = reported && (issue.input === undefined || issue.input === null || issue.input === '');
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return { code: 'required', params: { expected: issue.expected } };
      if (issue.expected === 'date') return { code: 'invalid_date_time' };
      if (issue.expected === 'int' || issue.expected === 'number') return { code: 'not_whole_number' };
      return { code: 'wrong_type', params: { expected: issue.expected, ...(reported ? { received: describeValue(issue.input) } : {}) } };
    case 'invalid_value': {
      const options = issue.values.map((value) => String(value));
      return missing ? { code: 'required', params: { options } } : { code: 'not_one_of', params: { options, ...(reported ? { received: describeValue(issue.input) } : {}) } };
    }
    case 'unrecognized_keys':
      return { code: 'unknown_fields', params: { keys: issue.keys } };
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 ? { code: 'required' } : { code: 'too_short', params: { minimum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_few', params: { minimum } };
      // `.positive()` and `.gt()` exclude the bound itself: "more than 0", not "at least 0".
      return { code: 'too_small', params: issue.inclusive === false ? { above: minimum } : { minimum } };
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { maximum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { maximum } };
      return { code: 'too_big', params: issue.inclusive === false ? { below: maximum } : { maximum } };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'invalid_email' };
      if (issue.format === 'datetime' || issue.format === 'date' || issue.format === 'time') return { code: 'invalid_date_time' };
      if (issue.format === 'url') return { code: 'invalid_url' };
      if (issue.format === 'regex' && issue.pattern === String(SLUG_PATTERN)) return { code: 'invalid_slug' };
      if (issue.format === 'regex' && issue.pattern === String(MUNICIPALITY_ID_PATTERN)) return { code: 'invalid_municipality_code' };
      return { code: 'invalid', params: { format: issue.format } };
    case 'not_multiple_of':
      return { code: 'not_whole_number' };
    case 'custom':
      return customProblem(issue.params);
    case 'invalid_union':
      // A union names its expectation by a problem code as its error (e.g. LocalizedTextSchema).
      // The value found goes along, so a content file's problem can say what it got.
      return isProblemCode(issue.message) ? { code: issue.message, ...(reported && !missing ? { params: { received: describeValue(issue.input) } } : {}) } : { code: 'invalid' };
    default:
      return { code: 'invalid' };
  }
}

/** A refinement's `params: { code, ...values }`; a refinement without a known code is a bug, named as such. */
function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && (PROBLEM_CODES as readonly string[]).includes(value);
}

function customProblem(params: Record<string, unknown> | undefined): { code: ProblemCode; params?: ProblemParams } {
  const code = params?.code;
  if (isProblemCode(code)) {
    const { code: _code, ...rest } = params!;
    return { code, params: rest as ProblemParams };
  }
  return { code: 'invalid' };
}

/** A found value, short, for "expected …, got …". */
export function describeValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return '[…]';
  if (typeof value === 'object' && value !== null) return '{…}';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Refinement options that name our own problem code: `.refine(check, problem('must_be_future'))`. */
export function problem(code: ProblemCode, params: ProblemParams = {}): { message: string; params: Record<string, unknown> } {
  // The message is zod's fallback for tooling only; people read the i18n text for `code`.
  return { message: code, params: { code, ...params } };
}
