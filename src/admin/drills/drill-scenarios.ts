import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemsFromZod } from '../../content/content-error.ts';
import { FrontMatterError, parseYamlText } from '../../content/front-matter.ts';
import { DrillScenarioSchema, type DrillScenario } from '../../domain/drill.ts';
import type { Database } from '../../store/database.ts';
import { listDrillScenarios } from '../../store/drills-repository.ts';
import { DrillError } from './drill-deps.ts';

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
    const message = error instanceof FrontMatterError ? error.message : String(error);
    throw new DrillError('scenario_invalid', [{ field: 'scenario', message: `${source}: ${message}` }]);
  }
  const parsed = DrillScenarioSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    throw new DrillError(
      'scenario_invalid',
      problemsFromZod(source, parsed.error).map((problem) => ({ field: 'scenario', message: `${problem.file}${problem.field ? ` → ${problem.field}` : ''}: ${problem.message}` })),
    );
  }
  return parsed.data;
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
      throw new DrillError('scenario_invalid', [{ field: 'scenario', message: `${source} → id: must be "${name.slice(0, -5)}", the file name without .yaml; got "${scenario.id}"` }]);
    }
    return scenario;
  });
}

/** Shipped scenarios first, then the admins' own; an own scenario cannot hide a shipped one. */
export function listAvailableScenarios(deps: { db: Database; scenariosDir: string }): AvailableScenario[] {
  const shipped = readShippedScenarios(deps.scenariosDir);
  const shippedIds = new Set(shipped.map((scenario) => scenario.id));
  return [
    ...shipped.map((scenario) => ({ scenario, source: 'shipped' as const })),
    ...listDrillScenarios(deps.db)
      .filter((scenario) => !shippedIds.has(scenario.id))
      .map((scenario) => ({ scenario, source: 'custom' as const })),
  ];
}

export function findScenario(deps: { db: Database; scenariosDir: string }, id: string): AvailableScenario {
  const found = listAvailableScenarios(deps).find((entry) => entry.scenario.id === id);
  if (!found) throw new DrillError('not_found', [{ field: 'scenario_id', message: `scenario "${id}" bestaat niet (no such scenario)` }]);
  return found;
}
