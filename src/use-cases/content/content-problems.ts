import { ContentError, type ContentProblem } from '../../content/content-error.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

export type { ContentProblem } from '../../content/content-error.ts';

/**
 * The problems of a content folder that does not load, from the error its reading threw; null for
 * any other error. Screens use it to show the broken file instead of a blank failure: a page that
 * needs the content says which file and field to fix, every other page keeps working.
 */
export function contentProblemsOf(error: unknown): readonly ContentProblem[] | null {
  // By brand, not class: the admin's pages run from the Astro bundle (dist/server), which carries
  // its own copy of the class, while the content is read by the app's modules from src/.
  return ContentError.is(error) ? error.problems : null;
}

/** Reads this context's content and says what is wrong with it; an empty list when it loads. */
export function checkContent(ctx: UseCaseContext, caller: Caller): readonly ContentProblem[] {
  authorise(caller, 'dashboard.view');
  try {
    ctx.content.read();
    return [];
  } catch (error) {
    const problems = contentProblemsOf(error);
    if (problems) return problems;
    throw error;
  }
}
