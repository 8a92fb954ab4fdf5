/**
 * The warm renderer: a long-lived child process that renders the public site's routes into a
 * directory in about a second, where a child `astro build` needs several seconds of Astro and
 * Vite start-up and bundling before its first page (docs/benchmarks.md).
 *
 * How: it starts one ordinary public `astro build` and, through Astro's prerenderer hook, keeps
 * that build parked at the end of its page generation. The build has then loaded its prerender
 * bundle (every page, component, feed and API route, compiled exactly as the full build compiles
 * them), so a render here is the full build's own render function on the same code: the bytes are
 * the same (the equivalence test checks that). Per request it points the bundle at the content and
 * clock (HELDER_CONTENT_DIR, HELDER_NOW), drops the cached read model and Astro's cache of
 * getStaticPaths results, renders every route, writes only the files whose bytes changed, removes
 * the files of routes that no longer exist and writes the sitemap with the sitemap integration's
 * own code.
 *
 * The target directory is a hard-linked copy of the live build (see link-copy.ts): a file is
 * never written in place, always unlinked first, or the live site would change with it.
 *
 * The server makes that copy while this process loads the content and computes the digests, and
 * says when it is done: the two take about as long at 5,000 incidents, so one waits for the other
 * instead of both adding up.
 *
 * Messages (IPC): in `{ type: 'render', id, contentDir, now, outDir, ... }`, then
 * `{ type: 'copied', id, error? }` once `outDir` is complete; out `{ type: 'ready' }`,
 * `{ type: 'rendered', id, ... }`, `{ type: 'failed', id?, error }`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import { build } from 'astro';
import { ContentError } from '../content/content-error.ts';
import type { ReadModel } from '../domain/index.ts';
import { createRouteDigests, routeFamily } from './route-dependencies.ts';

export interface RenderRequest {
  type: 'render';
  id: number;
  contentDir: string;
  /** ISO instant: HELDER_NOW of the render. */
  now: string;
  outDir: string;
  /** The live build `outDir` is a copy of. */
  baseBuildId: string;
  /** The build `outDir` becomes. */
  buildId: string;
}

export interface RenderReply {
  type: 'rendered';
  id: number;
  /** Files written because their bytes changed (or they are new): route outputs and the sitemap. */
  written: string[];
  /** Files removed because their route no longer exists (or the sitemap has fewer parts). */
  removed: string[];
  /** Every route output of this render. */
  routes: number;
  /** Route outputs not rendered because the data they show did not change (route-dependencies.ts). */
  skipped: number;
  /**
   * Where the time went, in ms: loading content and listing routes, digests, waiting for the
   * server's copy of the live build, rendering, removing and the sitemap.
   */
  phases: { paths: number; digests: number; copyWait: number; render: number; finish: number };
  durationMs: number;
}

/** The server's copy of the live build into a render's outDir is complete (or failed: `error`). */
export interface CopiedMessage {
  type: 'copied';
  id: number;
  error?: string;
}

export type WarmMessage = { type: 'ready'; startMs: number } | RenderReply | { type: 'failed'; id?: number; error: string; contentProblem?: boolean };

type RouteData = Parameters<AstroPrerenderer['render']>[1]['routeData'];
type PathWithRoute = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>[number];
/** Astro's route cache: getStaticPaths results per route (internal, read defensively). */
type RouteCache = { clearAll(): void; get(route: RouteData): { staticPaths?: Array<{ params: Record<string, string | undefined>; props?: unknown }> } | undefined };
type DefaultPrerenderer = AstroPrerenderer & { app: { routeCache: RouteCache } };

/** The props getStaticPaths gave a path of a rest-parameter route such as /geschiedenis/[...page]. */
function propsOfPath(cache: RouteCache, route: RouteData, pathname: string): unknown {
  // A rest parameter is named "...page" in the route, "page" in getStaticPaths' params.
  const param = route.params[0]?.replace(/^\.\.\./, '');
  if (param === undefined) return undefined;
  const last = pathname.split('/').filter((segment) => segment !== '').at(-1) ?? '';
  const value = /^\d+$/.test(last) ? last : undefined;
  const matches = (cache.get(route)?.staticPaths ?? []).filter((path) => (path.params[param] ?? undefined) === value);
  return matches.length === 1 ? matches[0]!.props : undefined;
}

/** Astro writes these status pages as "404.html" beside the index, not as "404/index.html". */
const STATUS_CODE_PAGES = new Set(['/404', '/500']);
const READ_MODEL_SLOT = Symbol.for('helder.read-model');

const projectDir = process.env.HELDER_PROJECT_DIR;
if (!projectDir) throw new Error('HELDER_PROJECT_DIR is not set');

const send = (message: WarmMessage) => process.send?.(message);

let resolvePrerenderer!: (prerenderer: DefaultPrerenderer) => void;
const prerendererReady = new Promise<DefaultPrerenderer>((resolve) => (resolvePrerenderer = resolve));
// The parked build never finishes: the process ends when the server stops it or dies.
const never = new Promise<void>(() => {});

let siteOrigin = 'http://localhost';
let sitemap: AstroIntegration | undefined;
let integrationLogger: AstroIntegrationLogger | undefined;

const warm: AstroIntegration = {
  name: 'helder:warm-renderer',
  hooks: {
    'astro:config:done': ({ config, logger }) => {
      if (config.site) siteOrigin = new URL(config.site).origin;
      sitemap = config.integrations.find((integration) => integration.name === '@astrojs/sitemap');
      integrationLogger = logger;
    },
    'astro:build:start': ({ setPrerenderer }) => {
      setPrerenderer((defaultPrerenderer: AstroPrerenderer) => ({
        name: 'helder:warm-renderer',
        setup: () => defaultPrerenderer.setup?.() ?? Promise.resolve(),
        // Nothing to generate now: the renders come later, on request.
        getStaticPaths: async () => [],
        render: (request, options) => defaultPrerenderer.render(request, options),
        teardown: async () => {
          resolvePrerenderer(defaultPrerenderer as DefaultPrerenderer);
          await never;
        },
      }));
    },
  },
};

/** Files every build has that no route renders: Vite's assets, copies of public/, the sitemap. */
function isRouteOutput(file: string, publicFiles: ReadonlySet<string>): boolean {
  if (file.startsWith('_astro/')) return false;
  if (publicFiles.has(file)) return false;
  if (!file.includes('/') && /^sitemap-.*\.xml$/.test(file)) return false;
  return true;
}

function listFiles(dir: string): string[] {
  const files: string[] = [];
  if (!existsSync(dir)) return files;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return files;
}

/** Where Astro's full build writes a route's output (build.format 'directory'), relative to outDir. */
function outputFile(pathname: string, route: RouteData): string {
  const encoded = encodeURI(pathname);
  if (route.type === 'endpoint') return encoded.replace(/^\//, '');
  if (STATUS_CODE_PAGES.has(encoded)) return `${encoded.slice(1)}.html`;
  const folder = encoded.replace(/^\//, '').replace(/\/?$/, '/');
  return folder === '/' ? 'index.html' : `${folder}index.html`;
}

/** The URL the full build renders a path at: pages with a trailing slash (directory format). */
function requestUrl(pathname: string, route: RouteData): URL {
  if (route.type === 'endpoint') return new URL(pathname, siteOrigin);
  return new URL(pathname === '/' || pathname === '' ? '/' : `${pathname.replace(/\/$/, '')}/`, siteOrigin);
}

/** Replaces a file without touching its old inode, which the live build may share (hard link). */
function replaceFile(path: string, body: Buffer): void {
  if (existsSync(path)) unlinkSync(path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, body);
}

function removeEmptyFolders(root: string, folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyFolders(root, join(folder, entry.name));
  }
  if (folder !== root && readdirSync(folder).length === 0) rmdirSync(folder);
}

/** Copies reported done by the server, by render id: `null` when complete, else why it failed. */
const copies = new Map<number, string | null>();
const copyWaiters = new Map<number, () => void>();
/** Renders that failed before their copy was reported: the report is dropped when it comes. */
const abandoned = new Set<number>();

function copyReported(message: CopiedMessage): void {
  if (abandoned.delete(message.id)) return;
  copies.set(message.id, message.error ?? null);
  copyWaiters.get(message.id)?.();
}

/** Resolves when the server's copy for render `id` is complete; rejects when it failed. */
async function copyFinished(id: number): Promise<void> {
  if (!copies.has(id)) await new Promise<void>((resolve) => copyWaiters.set(id, resolve));
  const error = copies.get(id);
  if (error) throw new Error(`the copy of the live build failed: ${error}`);
}

/** Same de-duplication as Astro's generate step: the first route that claims a path wins. */
function uniquePaths(paths: readonly PathWithRoute[]): PathWithRoute[] {
  const seen = new Set<string>();
  const unique: PathWithRoute[] = [];
  for (const path of paths) {
    const key = path.pathname.replace(/\/$/, '');
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(path);
  }
  return unique;
}

/**
 * The digests of every route output of the last render, and the build it went into: a render on
 * top of exactly that build renders only the routes whose digest changed. On top of any other
 * build (a full build, a failed switch) it renders every route, which also makes the next
 * digests.
 */
let lastRender: { buildId: string; digests: Map<string, string>; outputs: Set<string>; pages: string } | null = null;

async function render(prerenderer: DefaultPrerenderer, request: RenderRequest, publicFiles: ReadonlySet<string>): Promise<RenderReply> {
  const base = lastRender?.buildId === request.baseBuildId ? lastRender : null;
  const previous = base?.digests ?? null;
  lastRender = null;
  const started = performance.now();
  process.env.HELDER_CONTENT_DIR = request.contentDir;
  process.env.HELDER_NOW = request.now;
  delete (globalThis as Record<symbol, unknown>)[READ_MODEL_SLOT];
  prerenderer.app.routeCache.clearAll();

  const written: string[] = [];
  const outputs = new Set<string>();
  const pageNames: string[] = [];
  const digests = new Map<string, string>();
  let skipped = 0;
  const paths = uniquePaths(await prerenderer.getStaticPaths());
  const pathsDone = performance.now();
  // getStaticPaths loaded the new read model into the slot; the digests read the same object.
  const model = (globalThis as Record<symbol, unknown>)[READ_MODEL_SLOT] as ReadModel | undefined;
  if (!model) throw new Error('the read model was not loaded by the routes');
  const routeDigests = createRouteDigests(model, request.contentDir);
  const planned = paths.map(({ pathname, route }) => {
    const file = outputFile(pathname, route);
    const digest = routeDigests.digest(route.component, pathname, routeFamily(route.component) === 'history' ? propsOfPath(prerenderer.app.routeCache, route, pathname) : undefined);
    if (digest !== null) digests.set(file, digest);
    return { pathname, route, file, unchanged: digest !== null && previous?.get(file) === digest };
  });
  const digestsDone = performance.now();

  // Everything so far overlapped with the server's hard-link copy of the live build; from here on
  // the copy is read and written.
  await copyFinished(request.id);
  const copyWaited = performance.now() - digestsDone;
  for (const { pathname, route, file, unchanged } of planned) {
    // Unchanged since the base build, which outDir is a copy of: its file is there already.
    if (unchanged && base?.outputs.has(file)) {
      outputs.add(file);
      if (route.type === 'page') pageNames.push(pathname.replace(/\/?$/, '/').replace(/^\//, ''));
      skipped += 1;
      continue;
    }
    const result = await prerenderer.render(new Request(requestUrl(pathname, route)), { routeData: route });
    const response = result instanceof Response ? result : result.response;
    // As in Astro's generate step: any status writes the body (the 404 page answers 404), but
    // redirects become redirect pages, which only the full build writes.
    if (response.status >= 300 && response.status < 400) throw new Error(`${pathname} redirects; only the full build writes redirect pages`);
    if (route.type === 'page') pageNames.push(pathname.replace(/\/?$/, '/').replace(/^\//, ''));
    if (!response.body) continue;
    const body = Buffer.from(await response.arrayBuffer());
    outputs.add(file);
    const path = join(request.outDir, file);
    if (existsSync(path) && readFileSync(path).equals(body)) continue;
    replaceFile(path, body);
    written.push(file);
  }

  const renderDone = performance.now();
  // On top of our own last render its outputs are known; on top of a full build, look at every file.
  const removed = base
    ? [...base.outputs].filter((file) => !outputs.has(file))
    : listFiles(request.outDir).filter((file) => isRouteOutput(file, publicFiles) && !outputs.has(file));
  for (const file of removed) unlinkSync(join(request.outDir, file));
  if (removed.length > 0 || !base) removeEmptyFolders(request.outDir, request.outDir);

  // The sitemap lists the pages, so when they changed it is written again with the integration's
  // own code; its files are unlinked first, because the integration writes in place.
  const pages = [...pageNames].sort().join('\n');
  if (pages !== base?.pages) {
    const sitemapFiles = () => readdirSync(request.outDir).filter((file) => /^sitemap-.*\.xml$/.test(file));
    const before = sitemapFiles();
    for (const file of before) unlinkSync(join(request.outDir, file));
    const buildDone = sitemap?.hooks['astro:build:done'];
    if (buildDone && integrationLogger) {
      await buildDone({ dir: pathToFileURL(`${request.outDir}/`), pages: pageNames.map((pathname) => ({ pathname })), logger: integrationLogger } as Parameters<typeof buildDone>[0]);
    }
    // Reported like route outputs: the server mirrors exactly these changes when it recycles a build.
    const after = sitemapFiles();
    written.push(...after);
    removed.push(...before.filter((file) => !after.includes(file)));
  }
  lastRender = { buildId: request.buildId, digests, outputs, pages };
  const finished = performance.now();
  return {
    type: 'rendered',
    id: request.id,
    written,
    removed,
    routes: outputs.size,
    skipped,
    durationMs: finished - started,
    phases: { paths: pathsDone - started, digests: digestsDone - pathsDone, copyWait: copyWaited, render: renderDone - digestsDone - copyWaited, finish: finished - renderDone },
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const publicFiles = new Set(listFiles(join(projectDir!, 'public')).map((file) => posix.normalize(file)));
  // The parked build needs an outDir of its own; it writes nothing there but Astro's bookkeeping.
  void build({ root: projectDir!, logLevel: 'error', integrations: [warm] }).catch((error: unknown) => {
    send({ type: 'failed', error: `the warm build failed: ${error instanceof Error ? error.message : String(error)}` });
    process.exit(1);
  });
  const prerenderer = await prerendererReady;
  // One render at a time: the bundle's read model and Astro's route cache are shared state.
  let queue = Promise.resolve();
  process.on('message', (message: RenderRequest | CopiedMessage) => {
    // Not queued: the render waiting for its copy is the one holding the queue.
    if (message?.type === 'copied') return copyReported(message);
    if (message?.type !== 'render') return;
    queue = queue.then(async () => {
      try {
        send(await render(prerenderer, message, publicFiles));
      } catch (error) {
        // Broken content is the editor's to fix, not a fault of this renderer: the full build reports it.
        const contentProblem = ContentError.is(error) || ContentError.is((error as { cause?: unknown } | null)?.cause);
        send({ type: 'failed', id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error), contentProblem });
      } finally {
        // A render that failed before its copy was reported drops the report when it comes.
        if (!copies.delete(message.id)) abandoned.add(message.id);
        copyWaiters.delete(message.id);
      }
    });
  });
  // Without the server there is nobody to render for.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', startMs: performance.now() - started });
}

await main();
