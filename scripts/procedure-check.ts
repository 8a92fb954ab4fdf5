/**
 * `npm run procedure:check`: reads the storingsprocedure the way opening an incident does and
 * lists the checklist each impact level gets. Exit code 1 names the file and every broken field.
 *
 * Usage: node scripts/procedure-check.ts [templates/storingsprocedure.yaml]
 */
import { checklistFor, IMPACTS } from '../src/domain/index.ts';
import { problemText } from '../src/i18n/refusals.ts';
import { ProcedureFileError, readProcedureFile } from '../src/use-cases/procedure/procedure-file.ts';

const file = process.argv[2] ?? 'templates/storingsprocedure.yaml';
try {
  const procedure = readProcedureFile(file);
  const opened = new Date(0);
  for (const impact of IMPACTS) {
    const steps = checklistFor(procedure, impact, opened);
    console.log(`ok  ${impact.padEnd(9)} ${steps.length} steps${steps.length ? `: ${steps.map(({ step, dueAt }) => (dueAt ? `${step.id} (${dueAt.getTime() / 60_000} min)` : step.id)).join(', ')}` : ''}`);
  }
  console.log(`\n${file}: version ${procedure.version}, ${procedure.steps.length} steps checked.`);
} catch (error) {
  if (!(error instanceof ProcedureFileError)) throw error;
  const count = error.problems.length;
  console.error(`${error.file}: ${count === 1 ? '1 problem' : `${count} problems`}`);
  for (const found of error.problems) console.error(`  ${found.field || '(file)'}: ${problemText(found, 'en')}`);
  process.exitCode = 1;
}
