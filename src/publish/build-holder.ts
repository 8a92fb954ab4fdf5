import { hostname } from 'node:os';
import type { PublishRun, RunHolder } from '../store/publish-repository.ts';

/**
 * Who holds a build. The database allows one running build across processes; when the process
 * that started it crashed, its row must be recognised as dead so the next build can start.
 */

/** Builds that run in this process, across publisher instances (a crashed holder is told apart by this). */
const activeBuilds = new Set<string>();

export function thisProcess(): RunHolder {
  return { host: hostname(), pid: process.pid };
}

export function isBuildingHere(buildId: string): boolean {
  return activeBuilds.has(buildId);
}

/** Marks a build as running in this process until unmarkBuilding; a run of ours not marked is dead. */
export function markBuilding(buildId: string): void {
  activeBuilds.add(buildId);
}

export function unmarkBuilding(buildId: string): void {
  activeBuilds.delete(buildId);
}

/** After this long no build can still be alive: twice the timeout and a minute to clean up. */
export function abandonedAfterMs(buildTimeoutMs: number): number {
  return 2 * buildTimeoutMs + 60_000;
}

/** A run is dead when its holder is gone: this process without the build, a vanished pid, or far past any timeout. */
export function createDeadRunCheck(holder: RunHolder, clock: () => Date, buildTimeoutMs: number): (run: PublishRun) => boolean {
  return (run) => {
    if (clock().getTime() - run.startedAt.getTime() > abandonedAfterMs(buildTimeoutMs)) return true;
    if (run.host !== holder.host) return false;
    if (run.pid === holder.pid) return !isBuildingHere(run.buildId);
    try {
      process.kill(run.pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  };
}
