import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

export interface LocatedFile {
  file: string;
  info: Stats;
}

/**
 * The real path of `segments` under `root`, or null if missing or outside the root. The root is
 * resolved on every call (the `current` symlink may have been switched a moment ago), and the
 * file's real path must stay inside it, so a symlink planted in a build cannot expose the rest of the disk.
 */
export async function locateFile(root: string, segments: readonly string[]): Promise<LocatedFile | null> {
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return null;
  }
  try {
    const file = await realpath(join(realRoot, ...segments));
    if (file !== realRoot && !file.startsWith(realRoot + sep)) return null;
    return { file, info: await stat(file) };
  } catch {
    return null;
  }
}
