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
 * - an incident or maintenance page: that record as the read model derives it;
 * - a municipality's page and feeds: its municipality view (statuses, uptime, incidents and
 *   maintenance touching it); a product's page and feeds: its product view;
 * - the history pages: every incident and maintenance (a new incident shifts every page);
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

/**
 * Digests of one content state, memoised per object: the same incident appears in many views, and
 * at 5,000 incidents hashing it once per view would cost more than rendering.
 */
export function createRouteDigests(model: ReadModel, contentDir: string) {
  const catalogue = catalogueDigest(contentDir, model.generatedAt);
  const memo = new WeakMap<object, string>();
  const digestOf = (value: unknown): string => {
    const hash = createHash('sha256');
    feed(hash, value, memo, new Set());
    return hash.digest('base64url');
  };
  const byFamily = new Map<string, string>();
  const once = (key: string, compute: () => unknown) => {
    let digest = byFamily.get(key);
    if (digest === undefined) {
      digest = digestOf([catalogue, compute()]);
      byFamily.set(key, digest);
    }
    return digest;
  };
  return {
    /** The route output's digest, or null for a route that is always rendered. */
    digest(component: string, pathname: string): string | null {
      const family = routeFamily(component);
      if (family === null) return null;
      const id = idFromPath(pathname);
      switch (family) {
        case 'incident': {
          const entry = model.incidents.find((candidate) => candidate.incident.id === id);
          return entry ? once(`incident:${id}`, () => entry) : null;
        }
        case 'maintenance': {
          const entry = model.maintenances.find((candidate) => candidate.maintenance.id === id);
          return entry ? once(`maintenance:${id}`, () => entry) : null;
        }
        case 'municipality': {
          const municipality = model.municipalities.find((candidate) => candidate.id === id);
          return municipality ? once(`municipality:${id}`, () => municipalityView(model, municipality)) : null;
        }
        case 'product': {
          const view = productView(model, id);
          return view ? once(`product:${id}`, () => view) : null;
        }
        case 'history':
          return once('history', () => [model.incidents, model.maintenances]);
        case 'stylesheet':
          return once('stylesheet', () => null);
      }
    },
  };
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

/** Feeds a value into a hash, unambiguously: type tags, object keys in order, Dates, Maps and Sets. */
function feed(hash: ReturnType<typeof createHash>, value: unknown, memo: WeakMap<object, string>, path: Set<object>): void {
  if (value === null || value === undefined) {
    hash.update(value === null ? 'n;' : 'u;');
    return;
  }
  switch (typeof value) {
    case 'string':
      hash.update(`s${value.length}:`);
      hash.update(value);
      return;
    case 'number':
    case 'boolean':
    case 'bigint':
      hash.update(`${(typeof value)[0]}${String(value)};`);
      return;
    case 'object':
      break;
    default:
      throw new Error(`cannot digest a ${typeof value}`);
  }
  const object = value as object;
  const known = memo.get(object);
  if (known !== undefined) {
    hash.update(`m${known};`);
    return;
  }
  if (path.has(object)) throw new Error('cannot digest a cyclic value');
  path.add(object);
  const inner = createHash('sha256');
  if (object instanceof Date) inner.update(`D${object.getTime()};`);
  else if (Array.isArray(object)) {
    inner.update(`A${object.length}[`);
    for (const item of object) feed(inner, item, memo, path);
  } else if (object instanceof Map) {
    inner.update(`M${object.size}[`);
    for (const [key, item] of object) {
      feed(inner, key, memo, path);
      feed(inner, item, memo, path);
    }
  } else if (object instanceof Set) {
    inner.update(`S${object.size}[`);
    for (const item of object) feed(inner, item, memo, path);
  } else {
    const keys = Object.keys(object).sort();
    inner.update(`O${keys.length}{`);
    for (const key of keys) {
      inner.update(`k${key.length}:${key}`);
      feed(inner, (object as Record<string, unknown>)[key], memo, path);
    }
  }
  path.delete(object);
  const digest = inner.digest('base64url');
  memo.set(object, digest);
  hash.update(`m${digest};`);
}
