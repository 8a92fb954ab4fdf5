import { copyFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface FixtureUpdate {
  at: string;
  status: 'investigating' | 'identified' | 'monitoring' | 'resolved';
  nl: string;
  en: string;
  components?: Record<string, string>;
}

export interface FixtureIncident {
  id: string;
  title: { nl: string; en: string };
  impact: 'none' | 'minor' | 'major' | 'critical';
  components: string[];
  updates: FixtureUpdate[];
}

/** A temporary working area: content/ with the project's real catalog (products, municipalities, site). */
export function createFixture(prefix = 'helder-publish-'): { root: string; contentDir: string; sitesDir: string; dbFile: string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const contentDir = join(root, 'content');
  mkdirSync(join(contentDir, 'incidents'), { recursive: true });
  mkdirSync(join(contentDir, 'maintenance'), { recursive: true });
  for (const name of ['site.yaml', 'components.yaml', 'municipalities.yaml']) {
    copyFileSync(join(projectDir, 'content', name), join(contentDir, name));
  }
  cpSync(join(projectDir, 'content', 'guidance'), join(contentDir, 'guidance'), { recursive: true });
  return { root, contentDir, sitesDir: join(root, 'site'), dbFile: join(root, 'data', 'helder.sqlite') };
}

const quote = (text: string) => JSON.stringify(text);

/** Writes content/incidents/<id>.md the way the admin does (YAML front matter, no body). */
export function writeIncident(contentDir: string, incident: FixtureIncident): string {
  const lines = [
    '---',
    'title:',
    `  nl: ${quote(incident.title.nl)}`,
    `  en: ${quote(incident.title.en)}`,
    `impact: ${incident.impact}`,
    `components: [${incident.components.join(', ')}]`,
    'scope: all',
    'updates:',
    ...incident.updates.flatMap((update) => [
      `  - at: ${update.at}`,
      `    status: ${update.status}`,
      ...(update.components ? [`    components: { ${Object.entries(update.components).map(([id, status]) => `${id}: ${status}`).join(', ')} }`] : []),
      '    body:',
      `      nl: ${quote(update.nl)}`,
      `      en: ${quote(update.en)}`,
    ]),
    '---',
    '',
  ];
  const file = join(contentDir, 'incidents', `${incident.id}.md`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

export const brpStoring: FixtureIncident = {
  id: '2026-11-27-registra-brp-inloggen-mislukt',
  title: { nl: 'Inloggen in Registra BRP mislukt', en: 'Signing in to Registra BRP fails' },
  impact: 'major',
  components: ['registra-brp'],
  updates: [
    {
      at: '2026-11-27T08:12:00Z',
      status: 'investigating',
      components: { 'registra-brp': 'major_outage' },
      nl: 'Medewerkers van gemeenten kunnen sinds 09:05 uur niet inloggen in Registra BRP. We onderzoeken de oorzaak.',
      en: 'Since 09:05 municipal staff cannot sign in to Registra BRP. We are investigating the cause.',
    },
  ],
};
