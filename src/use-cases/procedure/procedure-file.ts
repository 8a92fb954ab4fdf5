import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ProcedureSchema, problemsFromZod, type Problem, type Procedure } from '../../domain/index.ts';

/** A procedure file that cannot be used: every problem with its field, the message names the file. */
export class ProcedureFileError extends Error {
  readonly file: string;
  readonly problems: Problem[];

  constructor(file: string, problems: Problem[]) {
    // The codes only: a screen or the check command words them (src/i18n problemText).
    super(`${file}: ${problems.map((found) => `${found.field || '(file)'} ${found.code}`).join(', ')}`);
    this.name = 'ProcedureFileError';
    this.file = file;
    this.problems = problems;
  }
}

/**
 * Reads and checks the storingsprocedure. Read on every opening (a few kB), so an edited file
 * counts for the next incident without a restart; a broken file refuses with file and field
 * instead of opening an incident without its checklist.
 */
export function readProcedureFile(file: string): Procedure {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ProcedureFileError(file, [{ field: '', code: 'required' }]);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new ProcedureFileError(file, [{ field: '', code: 'invalid_yaml', params: { line: (error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 0 } }]);
  }
  const result = ProcedureSchema.safeParse(data);
  if (!result.success) throw new ProcedureFileError(file, problemsFromZod(result.error));
  return result.data;
}
