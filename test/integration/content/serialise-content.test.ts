import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/content/load-content.ts';
import { sanitiseMarkdown, serialiseIncident, serialiseMaintenance } from '../../../src/content/serialise-content.ts';
import { IncidentSchema } from '../../../src/domain/index.ts';

const temp = mkdtempSync(join(tmpdir(), 'helder-roundtrip-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('serialising content', () => {
  it('round-trips every demo incident and maintenance: loading the written files gives the same objects', () => {
    const demo = loadContent('content');
    expect(demo.incidents.length).toBeGreaterThan(0);
    const copy = join(temp, 'demo');
    cpSync('content', copy, { recursive: true });
    for (const incident of demo.incidents) writeFileSync(join(copy, 'incidents', `${incident.id}.md`), serialiseIncident(incident));
    for (const maintenance of demo.maintenances) writeFileSync(join(copy, 'maintenance', `${maintenance.id}.md`), serialiseMaintenance(maintenance));
    const reloaded = loadContent(copy);
    expect(reloaded.incidents).toEqual(demo.incidents);
    expect(reloaded.maintenances).toEqual(demo.maintenances);
  });

  it('writes readable front matter with the postmortem as the Markdown body', () => {
    const incident = IncidentSchema.parse({
      id: '2026-11-12-registra-brp-storing-utrecht',
      title: { nl: 'Registra BRP: niet bereikbaar', en: 'Registra BRP: unavailable' },
      impact: 'major',
      components: ['registra-brp'],
      scope: { municipalities: ['GM0344'] },
      updates: [
        { at: '2026-11-12T09:05:00+01:00', status: 'investigating', components: { 'registra-brp': 'major_outage' }, next_update_at: '2026-11-12T08:45:00Z', body: 'We onderzoeken de storing.\n\n- inloggen lukt niet\n- uittreksels lukken wel' },
        { at: '2026-11-12T09:40:00Z', status: 'resolved', components: { 'registra-brp': 'operational' }, body: 'Opgelost.' },
      ],
      postmortem: '## Oorzaak\n\nEen verlopen certificaat.\n\n---\n\nVolgende keer eerder vervangen.',
    });
    expect(serialiseIncident(incident)).toMatchInlineSnapshot(`
      "---
      title:
        nl: "Registra BRP: niet bereikbaar"
        en: "Registra BRP: unavailable"
      impact: major
      components:
        - registra-brp
      scope:
        municipalities:
          - GM0344
      updates:
        - at: 2026-11-12T08:05:00Z
          status: investigating
          components:
            registra-brp: major_outage
          next_update_at: 2026-11-12T08:45:00Z
          body: |-
            We onderzoeken de storing.

            - inloggen lukt niet
            - uittreksels lukken wel
        - at: 2026-11-12T09:40:00Z
          status: resolved
          components:
            registra-brp: operational
          body: Opgelost.
      ---
      ## Oorzaak

      Een verlopen certificaat.

      ---

      Volgende keer eerder vervangen.
      "
    `);
  });

  it('strips NUL, control and bidi-override characters but keeps Markdown and HTML as typed', () => {
    expect(sanitiseMarkdown('Storing\u0000 in **Registra**\r\n\r\n<script>alert(1)</script>\u0007 [link](javascript:alert(1))\u202E\t.')).toBe(
      'Storing in **Registra**\n\n<script>alert(1)</script> [link](javascript:alert(1))\t.',
    );
  });

  it('survives a body that tries to end the front matter or inject YAML', () => {
    const tricky = IncidentSchema.parse({
      id: '2026-11-13-loket-storing',
      title: 'title: hacked\n---\nimpact: none',
      impact: 'minor',
      components: ['loket-formulieren'],
      scope: 'all',
      updates: [{ at: '2026-11-13T10:00:00Z', status: 'investigating', body: '---\ndrill: true\n---\n"yes": no' }],
    });
    const copy = join(temp, 'tricky');
    cpSync('content', copy, { recursive: true, filter: (source) => !source.includes('/incidents/') && !source.includes('/maintenance/') });
    writeFileSync(join(copy, 'incidents', `${tricky.id}.md`), serialiseIncident(tricky));
    const [reloaded] = loadContent(copy).incidents;
    expect(reloaded).toEqual(tricky);
  });
});
