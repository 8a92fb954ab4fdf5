import { link, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Copies a build folder as hard links (like `cp -al`): thousands of files in a fraction of a
 * second and no extra disk space, without blocking the event loop of the process that asks (the
 * admin keeps answering meanwhile). Whoever changes the copy must replace files (unlink, then
 * write), never write into one, or the original build changes with it.
 */
export async function linkCopy(from: string, to: string): Promise<void> {
  await mkdir(to);
  const entries = await readdir(from, { withFileTypes: true });
  // A bounded batch at a time: every file at once would open thousands of requests on the thread pool.
  for (let index = 0; index < entries.length; index += 64) {
    await Promise.all(
      entries.slice(index, index + 64).map((entry) => {
        const source = join(from, entry.name);
        const target = join(to, entry.name);
        if (entry.isDirectory()) return linkCopy(source, target);
        return entry.isFile() ? link(source, target) : Promise.resolve();
      }),
    );
  }
}
