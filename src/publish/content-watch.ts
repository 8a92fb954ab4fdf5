import { watch, type FSWatcher } from 'node:fs';

/**
 * Calls `onChange` (with the real time of the last change seen) once the content folder has been quiet for `debounceMs` after a change: an
 * editor's save, a `git pull`, a fix of the file that made the last build fail. Returns a
 * function that stops watching. A folder that cannot be watched (e.g. the system's limit on
 * watches is reached) is logged; its changes are then published at the next request or start.
 */
export function watchContentFolder(options: { contentDir: string; debounceMs?: number; onChange: (lastChangeMs: number) => void; log: (line: string) => void }): () => void {
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher | null = null;
  let lastChangeMs = 0;
  const changed = () => {
    // A deleted file leaves no newer file time behind, so the moment of the event is what counts.
    lastChangeMs = Date.now();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      options.onChange(lastChangeMs);
    }, options.debounceMs ?? 1_500);
    timer.unref();
  };
  const cannotWatch = (error: unknown) => {
    options.log(`publish: cannot watch ${options.contentDir} (${error instanceof Error ? error.message : String(error)}); changes made outside the admin are published at the next publish or start`);
    watcher?.close();
    watcher = null;
  };
  try {
    watcher = watch(options.contentDir, { recursive: true, persistent: false }, changed);
    watcher.on('error', cannotWatch);
  } catch (error) {
    cannotWatch(error);
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher?.close();
    watcher = null;
  };
}
