import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { amsterdamDay, municipalityView, productView, type ReadModel } from '../domain/index.ts';

/**
 * Which public routes a change affects, by the data each route shows: a digest per route output
 * from the read model, so the warm renderer renders again only the routes whose digest changed
 * since the build it renders on top of.
 *
 * Every digest includes the catalogue digest: the bytes of every content file that is not an
 * incident or a maintenance (site.yaml, components.yaml, municipalities.yaml, guidance) and the
 * Amsterdam day, so a change there renders everything again. Per route family the rest is:
 * - an incident or maintenance page: that record as the read model derives it (a merged
 *   duplicate's page also the title of the incident it points to);
 * - a municipality's page and feeds: its municipality view (statuses, uptime, incidents and
 *   maintenance touching it); a product's page and feeds: its product view;
 * - a history page: its props from getStaticPaths (its months and incidents, the page count) and
 *   every maintenance (the page lists them); without props, every incident and maintenance;
 * - the stylesheet: the catalogue only.
 * Routes of no family (home pages, lists, the API, the site-wide feeds, the search index) have
 * no digest and are always rendered. The equivalence test checks the families against a full build.
 */
export type RouteFamily = 'incident' | 'maintenance' | 'municipality' | 'product' | 'history' | 'stylesheet';

const FAMILIES: Array<{ family: RouteFamily; component: RegExp }> = [
  { family: 'incident', component: /^src\/pages\/(incidenten|en\/incidents)\/\[id\]\.astro$/ },
  { family: 'maintenance', component: /^src\/pages\/(onderhoud|en\/maintenance)\/\[id\]\.astro$/ },
  { family: 'municipality', component: /^src\/pages\/(gemeenten|en\/municipalities)\/\[id\]\// },
  { family: 'product', component: /^src\/pages\/(producten|en\/products)\/\[id\]\// },
  { family: 'history', component: /^src\/pages\/(geschiedenis|en\/history)\/\[\.\.\.page\]\.astro$/ },
  { family: 'stylesheet', component: /^src\/pages\/assets\/\[stylesheet\]\.css\.ts$/ },
];

export function routeFamily(component: string): RouteFamily | null {
  return FAMILIES.find((entry) => entry.component.test(component))?.family ?? null;
}

/** "/en/municipalities/GM0344/incidents.xml" → "GM0344": the segment after the family's prefix. */
function idFromPath(pathname: string): string {
  const segments = pathname.split('/').filter((segment) => segment !== '');
  return decodeURIComponent((segments[0] === 'en' ? segments[2] : segments[1]) ?? '');
}

export function createRouteDigests(model: ReadModel, contentDir: string) {
  const catalogue = catalogueDigest(contentDir, model.generatedAt);
  // Every record's digest first: views refer to the same objects, which then count as their digest.
  const memo = new Map<object, string>();
  for (const entry of [...model.incidents, ...model.maintenances]) memo.set(entry, digestOf(entry, memo));
  const incidents = new Map(model.incidents.map((entry) => [entry.incident.id, entry]));
  const maintenances = new Map(model.maintenances.map((entry) => [entry.maintenance.id, entry]));
  const municipalities = new Map(model.municipalities.map((municipality) => [municipality.id, municipality]));
  const byFamily = new Map<string, string>();
  const once = (key: string, compute: () => unknown) => {
    let digest = byFamily.get(key);
    if (digest === undefined) {
      digest = digestOf([catalogue, compute()], memo);
      byFamily.set(key, digest);
    }
    return digest;
  };
  return {
    /**
     * The route output's digest, or null for a route that is always rendered. `props` are the
     * path's props from getStaticPaths, where the route has them.
     */
    digest(component: string, pathname: string, props?: unknown): string | null {
      const family = routeFamily(component);
      if (family === null) return null;
      const id = idFromPath(pathname);
      switch (family) {
        case 'incident': {
          const entry = incidents.get(id);
          // A merged duplicate's page names the incident that goes on: its title is part of the page.
          const survivor = entry?.incident.merged_into ? incidents.get(entry.incident.merged_into) : undefined;
          return entry ? once(`incident:${id}`, () => (survivor ? [entry, survivor.incident.title] : entry)) : null;
        }
        case 'maintenance': {
          const entry = maintenances.get(id);
          return entry ? once(`maintenance:${id}`, () => entry) : null;
        }
        case 'municipality': {
          const municipality = municipalities.get(id);
          return municipality ? once(`municipality:${id}`, () => municipalityView(model, municipality)) : null;
        }
        case 'product':
          return productView(model, id) ? once(`product:${id}`, () => productView(model, id)) : null;
        case 'history': {
          if (props === undefined) return once('history', () => [model.incidents, model.maintenances]);
          const page = (props as { page?: { page?: unknown } }).page?.page;
          return once(`history:${String(page)}`, () => [props, model.maintenances]);
        }
        case 'stylesheet':
          return once('stylesheet', () => null);
      }
    },
  };
}

/**
 * A value's digest: its JSON (Dates as ISO text, Maps and Sets as tagged lists, objects in their
 * property order, which the same code gives the same content), with objects already digested
 * standing in as their digest. JSON.stringify is native and fast; a cycle throws.
 */
function digestOf(value: unknown, memo: ReadonlyMap<object, string>): string {
  let top = true;
  const json = JSON.stringify(value, function (this: unknown, _key: string, item: unknown) {
    if (typeof item === 'object' && item !== null) {
      if (!top) {
        const known = memo.get(item);
        if (known !== undefined) return `#${known}`;
      }
      top = false;
      if (item instanceof Map) return { '#map': [...item] };
      if (item instanceof Set) return { '#set': [...item] };
    } else if (typeof item === 'bigint' || typeof item === 'function' || typeof item === 'symbol') {
      throw new Error(`cannot digest a ${typeof item}`);
    }
    return item;
  });
  return createHash('sha256')
    .update(json ?? 'undefined')
    .digest('base64url');
}

/** The content files that are not incidents or maintenance, byte for byte, and the Amsterdam day. */
function catalogueDigest(contentDir: string, now: Date): string {
  const hash = createHash('sha256');
  hash.update(`day:${amsterdamDay(now)}\n`);
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const name = relative(contentDir, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (name !== 'incidents' && name !== 'maintenance') walk(path);
      } else files.push(name);
    }
  };
  walk(contentDir);
  for (const name of files.sort()) {
    hash.update(`file:${name}\n`);
    hash.update(readFileSync(join(contentDir, name)));
  }
  return hash.digest('base64url');
}
