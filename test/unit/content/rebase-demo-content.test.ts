import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withDemoContent } from '../../../src/composition/demo-content.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { loadContent } from '../../../src/content/load-content.ts';
import { shiftByAmsterdamDays, shiftWrittenDates, writeRebasedDemoContent } from '../../../src/content/rebase-demo-content.ts';
import { amsterdamDay, buildReadModel, chronologicalUpdates, deriveIncidentTimes } from '../../../src/domain/index.ts';

const root = mkdtempSync(join(tmpdir(), 'helder-demo-rebase-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const amsterdamClock = (instant: Date) => new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }).format(instant);

describe('the demo content moved to the day of the first start', () => {
  // A summer afternoon: the shipped content is in winter time, so wall-clock times must survive DST.
  const now = new Date('2027-06-10T13:00:00Z');
  const target = join(root, 'summer');
  const before = readFileSync('content/incidents/2026-11-27-registra-brp-landelijke-storing.md', 'utf8');
  const shift = writeRebasedDemoContent('content', target, now);
  const content = loadContent(target);
  const model = buildReadModel(content, now);

  it('has the national incident ongoing since this morning, at the same wall-clock times, with its next update ahead', () => {
    const [ongoing] = model.unresolvedIncidents;
    expect(model.unresolvedIncidents).toHaveLength(1);
    expect(ongoing!.incident.id).toBe('2027-06-10-registra-brp-landelijke-storing');
    const updates = chronologicalUpdates(ongoing!.incident.updates);
    expect(updates.map((update) => amsterdamDay(update.at))).toEqual(['2027-06-10', '2027-06-10']);
    expect(updates.map((update) => amsterdamClock(update.at))).toEqual(['09:12', '09:41']);
    expect(updates.every((update) => update.at.getTime() < now.getTime())).toBe(true);
    expect(updates.at(-1)!.next_update_at!.getTime()).toBeGreaterThan(now.getTime());
    expect(shift.nextUpdateAt).toEqual(updates.at(-1)!.next_update_at);
  });

  it('keeps the history within the last 90 days and puts the planned maintenance on a Saturday within two weeks', () => {
    const resolved = content.incidents.filter((incident) => deriveIncidentTimes(incident).status === 'resolved');
    expect(resolved.length).toBeGreaterThanOrEqual(14);
    for (const incident of resolved) {
      const started = deriveIncidentTimes(incident).startedAt.getTime();
      expect(started, incident.id).toBeGreaterThan(now.getTime() - 90 * 86_400_000);
      expect(started, incident.id).toBeLessThan(now.getTime());
      expect(incident.id.slice(0, 10), incident.id).toBe(amsterdamDay(chronologicalUpdates(incident.updates)[0]!.at));
    }
    const upcoming = content.maintenances.filter((maintenance) => maintenance.scheduled_for.getTime() > now.getTime());
    expect(upcoming).toHaveLength(1);
    const ahead = upcoming[0]!.scheduled_for.getTime() - now.getTime();
    expect(ahead).toBeGreaterThan(0);
    expect(ahead).toBeLessThan(16 * 86_400_000);
    expect(new Date(`${amsterdamDay(upcoming[0]!.scheduled_for)}T12:00:00Z`).getUTCDay()).toBe(6);
    expect(amsterdamClock(upcoming[0]!.scheduled_for)).toBe('08:00');
    // The announcement's words name the same day as the dates.
    const text = readFileSync(join(target, 'maintenance', `${upcoming[0]!.id}.md`), 'utf8');
    const day = Number(amsterdamDay(upcoming[0]!.scheduled_for).slice(8));
    expect(text).toContain(`zaterdag ${day} juni`);
    expect(text).toContain(`Saturday ${day} June`);
  });

  it('leaves the shipped content as it was', () => {
    expect(readFileSync('content/incidents/2026-11-27-registra-brp-landelijke-storing.md', 'utf8')).toBe(before);
    expect(readdirSync('content/incidents')).toContain('2026-11-27-registra-brp-landelijke-storing.md');
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  // Winter and summer starts at any time of day, also before the incident's 09:41 update and just after midnight.
  it.each(['2027-06-10T22:05:00Z', '2027-06-10T05:00:00Z', '2027-06-10T07:30:00Z', '2027-01-14T23:10:00Z', '2027-06-10T21:50:00Z'])(
    'shows the ongoing incident updated today, never in the future, for a first start at %s',
    (at) => {
      const start = new Date(at);
      const dir = join(root, `at-${at.replace(/[:.]/g, '')}`);
      writeRebasedDemoContent('content', dir, start);
      const ongoing = buildReadModel(loadContent(dir), start).unresolvedIncidents[0]!.incident;
      const updates = chronologicalUpdates(ongoing.updates);
      expect(amsterdamDay(updates.at(-1)!.at)).toBe(amsterdamDay(start));
      expect(updates.every((update) => update.at.getTime() <= start.getTime())).toBe(true);
      expect(updates.at(-1)!.next_update_at!.getTime()).toBeGreaterThan(start.getTime());
      // The updates keep their distance, and the time written in the first one ("Sinds 09:05 uur",
      // seven minutes before it) moves with them.
      expect(updates[1]!.at.getTime() - updates[0]!.at.getTime()).toBe(29 * 60_000);
      const since = amsterdamClock(new Date(updates[0]!.at.getTime() - 7 * 60_000));
      expect(readFileSync(join(dir, 'incidents', `${ongoing.id}.md`), 'utf8')).toContain(`Sinds ${since} uur`);
    },
  );
});

describe('shifting dates', () => {
  it('keeps the wall clock across a DST switch', () => {
    expect(shiftByAmsterdamDays(new Date('2026-10-24T22:30:00Z'), 1).toISOString()).toBe('2026-10-25T23:30:00.000Z');
    expect(shiftByAmsterdamDays(new Date('2026-11-27T08:12:00Z'), 195).toISOString()).toBe('2027-06-10T07:12:00.000Z');
  });

  it('rewrites written dates with their weekday, in Dutch and English', () => {
    expect(shiftWrittenDates('Op zaterdag 12 december van 08:00 tot 12:00 uur', 7, 2026)).toBe('Op zaterdag 19 december van 08:00 tot 12:00 uur');
    expect(shiftWrittenDates('on Thursday 8 October 2026, two days later', 60, 2026)).toBe('on Monday 7 December 2026, two days later');
    expect(shiftWrittenDates('sinds 30 september', 2, 2026)).toBe('sinds 2 oktober');
    expect(shiftWrittenDates('versie 2026.4', 30, 2026)).toBe('versie 2026.4');
  });
});

describe('the content directory of a demo start', () => {
  const projectDir = process.cwd();
  const configFor = (env: Record<string, string>) => loadConfig({ HELDER_DATA_DIR: join(root, 'data-' + Object.keys(env).join('-')), ...env }, projectDir);
  const quiet = { projectDir, now: new Date('2027-06-10T13:00:00Z'), log: () => {} };

  it('is a rebased copy in the data directory, made once and then kept', () => {
    const config = configFor({ HELDER_ENV: 'demo' });
    const demo = withDemoContent(config, {}, quiet);
    expect(demo.contentDir).toBe(join(config.dataDir, 'demo-content'));
    expect(readdirSync(join(demo.contentDir, 'incidents'))).toContain('2027-06-10-registra-brp-landelijke-storing.md');
    // A later start (another day) keeps the copy and what the admin wrote into it.
    expect(withDemoContent(config, {}, { ...quiet, now: new Date('2027-06-20T13:00:00Z') }).contentDir).toBe(demo.contentDir);
    expect(readdirSync(join(demo.contentDir, 'incidents'))).toContain('2027-06-10-registra-brp-landelijke-storing.md');
  });

  it('is left alone in production and when HELDER_CONTENT_DIR is given', () => {
    const production = configFor({ HELDER_ENV: 'production', HELDER_SITE_URL: 'https://status.voorbeeldsoftware.nl', HELDER_ADMIN_URL: 'https://beheer.voorbeeldsoftware.nl' });
    expect(withDemoContent(production, {}, quiet)).toBe(production);
    const own = configFor({ HELDER_ENV: 'demo', HELDER_CONTENT_DIR: 'content' });
    expect(withDemoContent(own, { HELDER_CONTENT_DIR: 'content' }, quiet)).toBe(own);
    expect(readdirSync(root)).not.toContain('data-HELDER_ENV-HELDER_CONTENT_DIR');
  });
});
