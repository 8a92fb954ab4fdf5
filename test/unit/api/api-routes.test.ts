import { beforeAll, describe, expect, it } from 'vitest';
import { API_ENDPOINTS } from '../../../src/api/endpoints.ts';

/**
 * The static endpoint routes, called the way Astro's prerender calls them, over the demo content.
 * Each route validates its body before returning, so a schema mismatch fails here and in the build.
 */
const ROUTES = {
  'summary.json': () => import('../../../src/pages/api/v2/summary.json.ts'),
  'status.json': () => import('../../../src/pages/api/v2/status.json.ts'),
  'components.json': () => import('../../../src/pages/api/v2/components.json.ts'),
  'incidents.json': () => import('../../../src/pages/api/v2/incidents.json.ts'),
  'incidents/unresolved.json': () => import('../../../src/pages/api/v2/incidents/unresolved.json.ts'),
  'scheduled-maintenances.json': () => import('../../../src/pages/api/v2/scheduled-maintenances.json.ts'),
  'scheduled-maintenances/upcoming.json': () => import('../../../src/pages/api/v2/scheduled-maintenances/upcoming.json.ts'),
  'scheduled-maintenances/active.json': () => import('../../../src/pages/api/v2/scheduled-maintenances/active.json.ts'),
} as const;

describe('API routes over the demo content', () => {
  beforeAll(() => {
    process.env.HELDER_CONTENT_DIR = 'content';
    process.env.HELDER_NOW = '2026-11-27T12:00:00Z';
  });

  it('has one prerendered route per endpoint in the registry', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(Object.values(API_ENDPOINTS).map((endpoint) => endpoint.path).sort());
  });

  for (const [path, load] of Object.entries(ROUTES)) {
    it(`serves /api/v2/${path} as schema-valid JSON`, async () => {
      const route = await load();
      expect(route.prerender).toBe(true);
      const response = await route.GET({} as never);
      expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
      const endpoint = Object.values(API_ENDPOINTS).find((candidate) => candidate.path === path)!;
      const body = endpoint.schema.parse(await response.json());
      expect(body.page.id).toBe('vbsw2026hldr');
    });
  }

  it('reports the ongoing demo incident and the December maintenance in summary.json', async () => {
    const response = await (await ROUTES['summary.json']()).GET({} as never);
    const summary = await response.json();
    expect(summary.incidents.map((incident: { name: string; status: string }) => `${incident.status}:${incident.name}`)).toEqual([
      'identified:Registra BRP niet bereikbaar',
    ]);
    expect(summary.scheduled_maintenances.map((entry: { scheduled_for: string }) => entry.scheduled_for)).toEqual(['2026-12-12T07:00:00.000Z']);
    expect(summary.status.indicator).not.toBe('none');
  });
});
