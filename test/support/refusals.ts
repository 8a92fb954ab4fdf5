import { Refusal, type Problem } from '../../src/domain/index.ts';
import type { Language } from '../../src/domain/vocabulary.ts';
import { problemText, refusalText } from '../../src/i18n/refusals.ts';

/**
 * The refusal a call throws (or its promise rejects with), for assertions on its code, params and
 * problems. Fails the test when the call succeeds or throws anything that is not a Refusal.
 */
export function refusalOf(call: () => unknown): Refusal;
export function refusalOf(call: () => Promise<unknown>): Promise<Refusal>;
export function refusalOf(call: () => unknown): Refusal | Promise<Refusal> {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    return asRefusal(error);
  }
  if (result instanceof Promise) return result.then(() => asRefusal(null), asRefusal);
  throw new Error(`expected a refusal, but the call succeeded with ${JSON.stringify(result)?.slice(0, 200)}`);
}

function asRefusal(error: unknown): Refusal {
  if (error === null) throw new Error('expected a refusal, but the call succeeded');
  if (!Refusal.is(error)) throw new Error(`expected a Refusal, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  return error;
}

/** What a person reads: the refusal's text and each problem's field and text, in one language. */
export function readRefusal(refusal: Refusal, lang: Language): { code: string; text: string; problems: string[] } {
  return { code: refusal.code, text: refusalText(refusal, lang), problems: refusal.problems.map((problem) => readProblem(problem, lang)) };
}

/** One problem as "field [code]: text". */
export function readProblem(problem: Problem, lang: Language): string {
  return `${problem.field || '(form)'} [${problem.code}]: ${problemText(problem, lang)}`;
}
