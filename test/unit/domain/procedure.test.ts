import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checklistFor, isOverdue } from '../../../src/domain/index.ts';
import { ProcedureFileError, readProcedureFile } from '../../../src/use-cases/procedure/procedure-file.ts';

const SHIPPED = 'templates/storingsprocedure.yaml';
const dir = mkdtempSync(join(tmpdir(), 'helder-procedure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped procedure with one edit, written to a temp file. */
function broken(name: string, edit: (text: string) => string): string {
  const file = join(dir, name);
  writeFileSync(file, edit(readFileSync(SHIPPED, 'utf8')));
  return file;
}

function problemsOf(file: string) {
  try {
    readProcedureFile(file);
  } catch (error) {
    if (error instanceof ProcedureFileError) return error;
  }
  throw new Error(`${file} was accepted`);
}

describe('the storingsprocedure file', () => {
  it('ships a procedure whose checklist grows with the impact, with due times from the opening', () => {
    const procedure = readProcedureFile(SHIPPED);
    const opened = new Date('2026-12-03T06:30:00Z');
    expect(checklistFor(procedure, 'none', opened)).toEqual([]);
    const minor = checklistFor(procedure, 'minor', opened).map(({ step }) => step.id);
    const critical = checklistFor(procedure, 'critical', opened);
    expect(minor).toContain('incidentmanager-aanwijzen');
    expect(minor).not.toContain('accountmanagers-grote-gemeenten');
    expect(critical.map(({ step }) => step.id)).toEqual(expect.arrayContaining(['accountmanagers-grote-gemeenten', 'besluit-warroom', 'update-ritme', 'nabeschouwing']));
    const callAccountManagers = critical.find(({ step }) => step.id === 'accountmanagers-grote-gemeenten')!;
    expect(callAccountManagers.dueAt).toEqual(new Date('2026-12-03T07:00:00Z'));
    expect(critical.find(({ step }) => step.id === 'nabeschouwing')!.dueAt).toBeNull();
  });

  it('names the field of a wrong impact, a missing English title and a step id used twice', () => {
    const wrongImpact = problemsOf(broken('impact.yaml', (text) => text.replace('impacts: [major, critical]', 'impacts: [major, groot]')));
    expect(wrongImpact.message).toContain(join(dir, 'impact.yaml'));
    expect(wrongImpact.problems).toEqual([expect.objectContaining({ field: 'steps[3].impacts[1]', code: 'not_one_of' })]);

    const noEnglish = problemsOf(broken('english.yaml', (text) => text.replace('      en: Call the account managers of large municipalities\n', '')));
    expect(noEnglish.problems.map((found) => found.field)).toEqual(['steps[3].title.en']);

    const twice = problemsOf(broken('twice.yaml', (text) => text.replace('id: kcc-teksten', 'id: update-ritme')));
    expect(twice.problems).toEqual([expect.objectContaining({ field: 'steps[7].id', code: 'duplicate_id' })]);
    expect(twice.message).toContain('steps[7].id duplicate_id');
  });

  it('reports a YAML syntax error with its line, and a missing file', () => {
    const syntax = problemsOf(broken('syntax.yaml', (text) => text.replace('version: 1', 'version: [1')));
    expect(syntax.problems[0]).toMatchObject({ code: 'invalid_yaml' });
    expect(problemsOf(join(dir, 'bestaat-niet.yaml')).problems[0]).toMatchObject({ field: '', code: 'required' });
  });

  it('marks a step overdue only while its due time has passed and it is not done', () => {
    const now = new Date('2026-12-03T07:00:00Z');
    expect(isOverdue({ dueAt: new Date('2026-12-03T06:59:00Z'), doneAt: null }, now)).toBe(true);
    expect(isOverdue({ dueAt: new Date('2026-12-03T06:59:00Z'), doneAt: new Date('2026-12-03T07:00:00Z') }, now)).toBe(false);
    expect(isOverdue({ dueAt: new Date('2026-12-03T07:01:00Z'), doneAt: null }, now)).toBe(false);
    expect(isOverdue({ dueAt: null, doneAt: null }, now)).toBe(false);
  });
});

describe('npm run procedure:check', () => {
  const run = (file: string) => spawnSync(process.execPath, ['scripts/procedure-check.ts', file], { encoding: 'utf8' });

  it('lists the checklist per impact for the shipped file', () => {
    const result = run(SHIPPED);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/ok {2}critical +\d+ steps: incidentmanager-aanwijzen \(5 min\)/);
    expect(result.stdout).toContain('version 1');
  });

  it('fails naming the file and the field', () => {
    const result = run(broken('check.yaml', (text) => text.replace('due_minutes: 30', 'due_minutes: dertig')));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(join(dir, 'check.yaml'));
    expect(result.stderr).toContain('steps[3].due_minutes:');
  });
});
