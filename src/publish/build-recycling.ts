import { existsSync } from 'node:fs';
import { link, mkdir, readdir, rename, rmdir, unlink, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { linkCopy } from './link-copy.ts';
import { buildDir, buildsToPrune } from './site-directory.ts';

/**
 * Where an incremental publish renders: a folder that starts as an exact copy of the live build.
 *
 * Hard-linking every file of the live build into a new folder costs 0.7–1.6 s of file-system
 * work at 5,000 incidents (10,700 files in as many folders), and pruning the oldest build after
 * the switch another 2.5–3.5 s, for a publish that changes about 120 files (docs/benchmarks.md).
 * But a build this process made incrementally differs from the build it started from in exactly
 * the files its render wrote or removed. So when pruning would remove an old build anyway, that
 * build is recycled instead: renamed to the new build, and made equal to the live build by
 * mirroring only the files in which the two differ. Otherwise (the first publishes after a full
 * build, fewer builds than are kept, a build of unknown history) it is the hard-linked copy.
 *
 * Safe for readers: files are replaced (unlinked, then linked), never written, so a page still
 * streaming from the old build finishes; the server and the publish targets read the live build,
 * never the one pruning would remove (an older target copy is stopped when a newer build goes live).
 */
export interface BuildRecycling {
  /** A full build went live: no older build differs from it by known files. */
  fullBuildLive(buildId: string): void;
  /** An incremental publish on top of `fromId` went live as `toId`, writing or removing `changed` (paths relative to the build). */
  incrementalLive(fromId: string, toId: string, changed: readonly string[]): void;
  /**
   * Makes `outDir` an exact copy of the live build `liveId`, by recycling an old build when
   * pruning would remove one after this publish anyway, else as a hard-linked copy.
   */
  prepare(input: { sitesDir: string; liveId: string; outDir: string; keepBuilds: number }): Promise<'recycled' | 'copied'>;
}

export function createBuildRecycling(): BuildRecycling {
  let live: string | null = null;
  /** For each older build: the files in which it differs from the live build. */
  const differences = new Map<string, Set<string>>();

  return {
    fullBuildLive(buildId) {
      differences.clear();
      live = buildId;
    },
    incrementalLive(fromId, toId, changed) {
      if (live !== fromId) differences.clear();
      for (const files of differences.values()) for (const file of changed) files.add(file);
      differences.set(fromId, new Set(changed));
      live = toId;
    },
    async prepare({ sitesDir, liveId, outDir, keepBuilds }) {
      if (live !== liveId) differences.clear();
      const recyclable = buildsToPrune(sitesDir, keepBuilds, 1).find((buildId) => differences.has(buildId));
      if (recyclable === undefined) {
        await linkCopy(buildDir(sitesDir, liveId), outDir);
        return 'copied';
      }
      const changed = differences.get(recyclable)!;
      // Taken whatever happens next: once renamed, it is no longer the build it was.
      differences.delete(recyclable);
      await rename(buildDir(sitesDir, recyclable), outDir);
      await mirror(buildDir(sitesDir, liveId), outDir, changed);
      // Pruning orders builds by the folder's time: this one is now the newest.
      const now = new Date();
      await utimes(outDir, now, now);
      return 'recycled';
    },
  };
}

/** Makes each of `files` in `to` what it is in `from`: the same inode, or absent. */
async function mirror(from: string, to: string, files: ReadonlySet<string>): Promise<void> {
  for (const file of files) {
    const target = join(to, file);
    await unlink(target).catch(ignoreMissing);
    if (existsSync(join(from, file))) {
      await mkdir(dirname(target), { recursive: true });
      await link(join(from, file), target);
    } else await removeEmptyParents(to, dirname(target));
  }
}

/** Removes `folder` and its parents up to `root` while they are empty, as a build leaves no empty folders. */
async function removeEmptyParents(root: string, folder: string): Promise<void> {
  for (let current = folder; current.startsWith(`${root}/`); current = dirname(current)) {
    const entries = await readdir(current).catch(() => null);
    if (entries === null || entries.length > 0) return;
    await rmdir(current);
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
