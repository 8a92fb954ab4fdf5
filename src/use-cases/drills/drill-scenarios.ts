import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { FrontMatterError, parseYamlText } from '../../content/front-matter.ts';
import { DrillScenarioSchema, type DrillScenario } from '../../domain/drill.ts';
import { problemsFromZod, Refusal } from '../../domain/index.ts';
import { listDrillScenarios } from '../../store/drills-repository.ts';
import type { UseCaseContext } from '../context.ts';

export interface AvailableScenario {
  scenario: DrillScenario;
  /** Shipped with Helder (drills/*.yaml) or written by an admin (stored in the database). */
  source: 'shipped' | 'custom';
}

/**
 * Parses a scenario written in YAML. Every problem names the field (and the file or form it came
 * from), e.g. `drills/x.yaml → events[2].after_minutes: must be whole minutes`.
 */
export function parseScenarioYaml(text: string, source: string): DrillScenario {
  let raw: unknown;
  try {
    raw = parseYamlText(text);
  } catch (error) {
    if (!(error instanceof FrontMatterError)) throw error;
    throw new Refusal('scenario_invalid', { problems: [{ field: '', code: 'invalid_yaml', params: { line: error.line ?? 0 } }], detail: `${source}: ${error.message}` });
  }
  const parsed = DrillScenarioSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    // Each problem names its place in the YAML as a line number, the way an editor shows it.
    const problems = problemsFromZod(parsed.error).map((problem) => ({ ...problem, params: { ...problem.params, line: lineOf(text, problem.field) ?? 0 } }));
    throw new Refusal('scenario_invalid', { problems, detail: source });
  }
  return parsed.data;
}

/** Runs catalogue checks on a scenario; a refusal of its input becomes a refusal of the scenario. */
export function asScenarioProblems(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (Refusal.is(error) && error.code === 'invalid_input') throw new Refusal('scenario_invalid', { problems: error.problems });
    throw error;
  }
}

/** The line (1-based) a dotted field path such as "events[2].after_minutes" starts on in YAML text. */
function lineOf(text: string, field: string): number | null {
  const path = [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) => (match[2] !== undefined ? Number(match[2]) : match[1]!));
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return null;
}

/** A shipped scenario under a new id: the quickest start for writing one's own. */
export function starterScenarioYaml(ctx: Pick<UseCaseContext, 'scenariosDir'>): string {
  return readFileSync(join(ctx.scenariosDir, 'lokale-storing-een-gemeente.yaml'), 'utf8').replace(/^id: lokale-storing-een-gemeente$/m, 'id: mijn-scenario');
}

/** The scenarios in drills/: one YAML file each, named after its id. */
export function readShippedScenarios(dir: string): DrillScenario[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.yaml') && !name.startsWith('.')).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const source = `drills/${name}`;
    const scenario = parseScenarioYaml(readFileSync(join(dir, name), 'utf8'), source);
    if (`${scenario.id}.yaml` !== name) {
      throw new Refusal('scenario_invalid', { problems: [{ field: 'id', code: 'id_matches_file', params: { expected: name.slice(0, -5) } }], detail: source });
    }
    return scenario;
  });
}

/** Shipped scenarios first, then the admins' own; an own scenario cannot hide a shipped one. */
export function listAvailableScenarios(ctx: UseCaseContext): AvailableScenario[] {
  const shipped = readShippedScenarios(ctx.scenariosDir);
  const shippedIds = new Set(shipped.map((scenario) => scenario.id));
  return [
    ...shipped.map((scenario) => ({ scenario, source: 'shipped' as const })),
    ...listDrillScenarios(ctx.db)
      .filter((scenario) => !shippedIds.has(scenario.id))
      .map((scenario) => ({ scenario, source: 'custom' as const })),
  ];
}

export function findScenario(ctx: UseCaseContext, id: string): AvailableScenario {
  const found = listAvailableScenarios(ctx).find((entry) => entry.scenario.id === id);
  if (!found) throw new Refusal('scenario_not_found', { detail: id });
  return found;
}
