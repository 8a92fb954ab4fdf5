import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { readdir, rmdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';

/**
 * The layout of a sites directory:
 *   <sitesDir>/builds/<buildId>/   one complete static site per successful build
 *   <sitesDir>/current             symlink to builds/<buildId>, what the server (and rsync) serves
 */
export const BUILDS_FOLDER = 'builds';
export const CURRENT_LINK = 'current';

/** "20261127T081200Z-3f9a": sorts by time, unique even for two builds in the same second. */
export function newBuildId(at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

export function buildDir(sitesDir: string, buildId: string): string {
  return join(sitesDir, BUILDS_FOLDER, buildId);
}

/** The build the `current` link points at, or null before the first publish. */
export function currentBuildId(sitesDir: string): string | null {
  try {
    return basename(readlinkSync(join(sitesDir, CURRENT_LINK)));
  } catch {
    return null;
  }
}

/**
 * Points `current` at a build in one step: a new symlink under a temporary name, renamed over the
 * old one. rename(2) replaces the link atomically, so a reader always finds either the old or the
 * new site, never no site. The link is relative, so the sites directory can be moved or rsynced.
 */
export function switchCurrent(sitesDir: string, buildId: string): void {
  if (!existsSync(buildDir(sitesDir, buildId))) throw new Error(`cannot publish build ${buildId}: ${buildDir(sitesDir, buildId)} does not exist`);
  const temporary = join(sitesDir, `.${CURRENT_LINK}-${randomBytes(6).toString('hex')}`);
  symlinkSync(join(BUILDS_FOLDER, buildId), temporary, 'dir');
  try {
    renameSync(temporary, join(sitesDir, CURRENT_LINK));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Deletes all but the newest `keep` builds, never the current one. Older builds stay a while so a
 * page that is still streaming from one finishes, and an operator can roll back by hand.
 */
export async function pruneBuilds(sitesDir: string, keep: number): Promise<string[]> {
  const doomed = buildsToPrune(sitesDir, keep, 0);
  for (const name of doomed) await removeTreeGently(buildDir(sitesDir, name));
  return doomed;
}

/**
 * The builds pruning removes (never the current one) once `coming` more builds exist: the
 * oldest by when the folder was last written (the build's end), then by name, because ids from
 * a clock that stood still (tests) or jumped back would otherwise sort wrongly.
 */
export function buildsToPrune(sitesDir: string, keep: number, coming: number): string[] {
  const current = currentBuildId(sitesDir);
  const dir = join(sitesDir, BUILDS_FOLDER);
  mkdirSync(dir, { recursive: true });
  const builds = readdirSync(dir)
    .filter((name) => /^\d{8}T\d{6}Z-[0-9a-f]+$/.test(name))
    .map((name) => ({ name, written: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => a.written - b.written || a.name.localeCompare(b.name))
    .map((entry) => entry.name);
  return builds.slice(0, Math.max(0, builds.length + coming - keep)).filter((name) => name !== current);
}

/** Leftovers of a crash: temporary links and build folders no finished run owns. */
export function removeStrayEntries(sitesDir: string, isKnownBuild: (buildId: string) => boolean): void {
  mkdirSync(join(sitesDir, BUILDS_FOLDER), { recursive: true });
  for (const name of readdirSync(sitesDir)) {
    if (name.startsWith(`.${CURRENT_LINK}-`)) rmSync(join(sitesDir, name), { force: true });
  }
  const current = currentBuildId(sitesDir);
  for (const name of readdirSync(join(sitesDir, BUILDS_FOLDER))) {
    if (name !== current && !isKnownBuild(name)) rmSync(join(sitesDir, BUILDS_FOLDER, name), { recursive: true, force: true });
  }
}

/**
 * Deletes a folder one entry at a time. fs.rm({ recursive }) fills libuv's small thread pool
 * with thousands of unlinks, and the server's file reads for the freshly published pages would
 * queue behind them; this way deleting an old build costs visitors nothing.
 */
export async function removeTreeGently(dir: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await removeTreeGently(path);
    else await unlink(path).catch(() => {});
  }
  await rmdir(dir).catch(() => {});
}
