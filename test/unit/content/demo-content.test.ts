import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/content/load-content.ts';
import {
  amsterdamDay,
  buildReadModel,
  chronologicalUpdates,
  deriveIncidentTimes,
  incidentStatusWindows,
  type LocalizedText,
} from '../../../src/domain/index.ts';

/** The demo content is the page people see first; these checks keep it loading and worth looking at. */
const TODAY = new Date('2026-11-27T12:00:00Z');
const content = loadContent('content');
const model = buildReadModel(content, TODAY);
const resolved = content.incidents.filter((incident) => deriveIncidentTimes(incident).status === 'resolved');
const translated = (text: LocalizedText | undefined) => typeof text === 'object' && Boolean(text.en);

describe('demo content', () => {
  it('loads and has no drills', () => {
    expect(content.components).toHaveLength(8);
    expect(content.groups).toHaveLength(3);
    expect(content.municipalities).toHaveLength(25);
    expect(content.incidents.filter((incident) => incident.drill)).toEqual([]);
  });

  it('has about fifteen resolved incidents in the 90 days before today, and one ongoing', () => {
    expect(resolved.length).toBeGreaterThanOrEqual(14);
    expect(resolved.length).toBeLessThanOrEqual(18);
    const ninetyDaysAgo = TODAY.getTime() - 90 * 86_400_000;
    for (const incident of resolved) {
      expect(deriveIncidentTimes(incident).startedAt.getTime(), incident.id).toBeGreaterThan(ninetyDaysAgo);
    }
    expect(model.unresolvedIncidents.map((entry) => entry.incident.id)).toEqual(['2026-11-27-registra-brp-landelijke-storing']);
  });

  it('mixes national and local incidents, and local ones only name municipalities using an affected product', () => {
    const local = resolved.filter((incident) => incident.scope !== 'all');
    expect(local.length).toBeGreaterThanOrEqual(5);
    expect(resolved.length - local.length).toBeGreaterThanOrEqual(5);
    for (const incident of local) {
      for (const entry of model.incidents.find((candidate) => candidate.incident.id === incident.id)!.municipalities) {
        expect(entry.products.some((product) => incident.components.includes(product)), `${incident.id} → ${entry.name}`).toBe(true);
      }
    }
  });

  it('walks every resolved incident through investigating, identified, monitoring and resolved', () => {
    for (const incident of resolved) {
      const statuses = chronologicalUpdates(incident.updates).map((update) => update.status);
      const firstOf = (status: string) => statuses.indexOf(status as never);
      expect(statuses[0], incident.id).toBe('investigating');
      expect(firstOf('identified'), incident.id).toBeGreaterThan(0);
      expect(firstOf('monitoring'), incident.id).toBeGreaterThan(firstOf('identified'));
      expect(statuses.at(-1), incident.id).toBe('resolved');
      // Every incident changed some product's status, so the uptime bars and API transitions show it.
      expect(incidentStatusWindows(incident).length, incident.id).toBeGreaterThan(0);
    }
  });

  it('promises next updates only for later times', () => {
    const promises = content.incidents.flatMap((incident) => incident.updates.filter((update) => update.next_update_at));
    expect(promises.length).toBeGreaterThan(30);
    for (const update of promises) expect(update.next_update_at!.getTime()).toBeGreaterThan(update.at.getTime());
  });

  it('gives municipalities workaround advice and translates every text except postmortems', () => {
    for (const incident of content.incidents) {
      expect(translated(incident.workaround), incident.id).toBe(true);
      expect(translated(incident.title), incident.id).toBe(true);
      for (const update of incident.updates) expect(translated(update.body), `${incident.id} ${update.at.toISOString()}`).toBe(true);
    }
    for (const maintenance of content.maintenances) {
      expect([maintenance.title, maintenance.description, ...maintenance.updates.map((update) => update.body)].every(translated), maintenance.id).toBe(true);
    }
  });

  it('has continuity guidance for every product, translated, with ready-made texts for both phases', () => {
    expect(content.guidance.map((entry) => entry.product).sort()).toEqual(content.components.map((component) => component.id).sort());
    for (const entry of content.guidance) {
      const texts = [
        entry.summary,
        ...Object.values(entry.during),
        entry.residents,
        ...Object.values(entry.after),
        entry.burgerbericht.during,
        entry.burgerbericht.after,
        entry.kcc_script.during,
        entry.kcc_script.after,
      ];
      expect(texts.every(translated), entry.product).toBe(true);
    }
  });

  it('writes every burgerbericht in short sentences (a B1 yardstick): at most 15 words each, 10 on average', () => {
    for (const entry of content.guidance) {
      for (const phase of ['during', 'after'] as const) {
        const text = entry.burgerbericht[phase];
        const dutch = typeof text === 'string' ? text : text.nl;
        const sentences = dutch.split(/(?<=[.?!])\s+/).filter(Boolean);
        const words = sentences.map((sentence) => sentence.split(/\s+/).length);
        expect(Math.max(...words), `${entry.product} ${phase}`).toBeLessThanOrEqual(15);
        expect(words.reduce((sum, count) => sum + count, 0) / words.length, `${entry.product} ${phase}`).toBeLessThanOrEqual(10);
      }
    }
  });

  it('gives the municipalities known by another name that name, so the index finds them', () => {
    const aliases = Object.fromEntries(content.municipalities.filter((municipality) => municipality.aliases).map((municipality) => [municipality.name, municipality.aliases]));
    expect(aliases["'s-Gravenhage"]).toContain('Den Haag');
    expect(aliases["'s-Hertogenbosch"]).toContain('Den Bosch');
  });

  it('has two or three postmortems, on resolved incidents', () => {
    const withPostmortem = content.incidents.filter((incident) => incident.postmortem);
    expect(withPostmortem.length).toBeGreaterThanOrEqual(2);
    expect(withPostmortem.length).toBeLessThanOrEqual(3);
    for (const incident of withPostmortem) expect(deriveIncidentTimes(incident).status).toBe('resolved');
  });

  it('covers the edge cases: across midnight, across the October DST switch, and overlapping incidents', () => {
    const spans = resolved.map((incident) => ({ incident, ...deriveIncidentTimes(incident) }));
    expect(spans.some((span) => amsterdamDay(span.startedAt) !== amsterdamDay(span.resolvedAt!))).toBe(true);
    const dstSwitch = new Date('2026-10-25T01:00:00Z').getTime();
    expect(spans.some((span) => span.startedAt.getTime() < dstSwitch && span.resolvedAt!.getTime() > dstSwitch)).toBe(true);
    const windows = resolved.flatMap((incident) => incidentStatusWindows(incident).map((window) => ({ ...window, id: incident.id })));
    const overlapping = windows.some((a) =>
      windows.some((b) => a.id < b.id && a.componentId === b.componentId && a.start < b.end! && b.start < a.end!),
    );
    expect(overlapping).toBe(true);
  });

  it('has one upcoming maintenance in December 2026 and two completed ones', () => {
    expect(model.upcomingMaintenances.map((entry) => amsterdamDay(entry.maintenance.scheduled_for).slice(0, 7))).toEqual(['2026-12']);
    expect(model.maintenances.filter((entry) => entry.status === 'completed')).toHaveLength(2);
    expect(model.activeMaintenances).toEqual([]);
  });
});
