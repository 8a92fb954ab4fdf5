import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIE_WITH_PARENT } from '../publish/run-public-build.ts';
import { CopyFailure, type CopyResult, type LiveBuild, type PublishTarget } from './publish-target.ts';

export interface CommandTargetSettings {
  /** Run by /bin/sh in the build's folder, with HELDER_SITE_DIR and HELDER_BUILD_ID set. */
  command: string;
  timeoutMs: number;
}

/** The last part of the output is what explains a failure (rsync, rclone and scp all end with the cause). */
const OUTPUT_KEPT = 2_000;

/** Runs the shell command inside the group and takes the group down when the admin is killed (see there). */
const COMMAND_RUNNER = fileURLToPath(new URL('./command-runner.ts', import.meta.url));

/**
 * The command hook: anything else than S3 (rclone to any cloud, rsync to a second static host,
 * a CDN purge). The command runs in its own process group, so a timeout, a newer build or the
 * server stopping ends it with everything it started (an rsync over ssh leaves no orphan); the
 * group's leader (command-runner.ts, with the builds' die-with-parent watcher preloaded) ends the
 * group too when the admin is killed outright.
 */
export function createCommandTarget(settings: CommandTargetSettings): PublishTarget {
  return {
    kind: 'command',
    copy(build: LiveBuild, signal: AbortSignal): Promise<CopyResult> {
      return new Promise((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const child = spawn(process.execPath, ['--import', pathToFileURL(DIE_WITH_PARENT).href, COMMAND_RUNNER, settings.command], {
          cwd: build.dir,
          env: { ...process.env, HELDER_SITE_DIR: build.dir, HELDER_BUILD_ID: build.buildId },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        });
        let output = '';
        const keep = (chunk: Buffer) => {
          output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
        };
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        let stoppedBecause: string | null = null;
        const stopGroup = (why: string) => {
          stoppedBecause ??= why;
          killGroup(child.pid, 'SIGTERM');
          setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000).unref();
        };
        const timer = setTimeout(() => stopGroup('timeout'), settings.timeoutMs);
        const onAbort = () => stopGroup('aborted');
        signal.addEventListener('abort', onAbort, { once: true });
        child.once('error', (error) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          reject(new CopyFailure('command_not_started', error.message, { cause: error }));
        });
        child.once('close', (code, killedBy) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          if (stoppedBecause === 'aborted') return reject(signal.reason);
          if (code === 0 && !stoppedBecause) return resolve({ uploaded: 0, unchanged: 0, deleted: 0 });
          const tail = output.trim();
          if (stoppedBecause === 'timeout') return reject(new CopyFailure('command_timeout', tail || `stopped after ${Math.round(settings.timeoutMs / 1000)} s`));
          reject(new CopyFailure('command_failed', tail || (code !== null ? `exit code ${code}` : `stopped by ${killedBy}`), { exitCode: code }));
        });
      });
    },
  };
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}
