import { spawn, type ChildProcess } from 'node:child_process';

/** Exit code with which the admin says a restart cannot help (e.g. a production start without an admin account). */
export const ADMIN_REFUSED_EXIT_CODE = 78;

/** What the admin process and its supervisor say to each other over the IPC channel. */
export type AdminProcessMessage = { type: 'ready'; port: number } | { type: 'pong' };
export type SupervisorMessage = { type: 'ping' };

/** How often the supervisor pings the admin over IPC. */
export const HEARTBEAT_MS = 5_000;
/** No answer to the heartbeat for this long: the admin hangs; it is killed and restarted (docs/deploy.md). */
export const HANG_AFTER_MS = 30_000;

export interface AdminSupervisorOptions {
  /** The admin process's entry (scripts/admin-process.ts). */
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Called when the admin refused to start for a reason a restart cannot fix. */
  onRefused: () => void;
  /** Tests only: production uses HEARTBEAT_MS. */
  heartbeatMs?: number;
  /** Tests only: production uses HANG_AFTER_MS. */
  hangAfterMs?: number;
}

export interface AdminSupervisor {
  /**
   * The admin's loopback port while it answers; null while it (re)starts and while it misses its
   * heartbeat (a hung event loop), so visitors get "not available" at once instead of waiting for
   * a process that will be killed.
   */
  port(): number | null;
  /** The admin process's id (tests kill it to show the public page does not care). */
  pid(): number | null;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Runs the admin in a child process and keeps it running: restarted after a crash (with a growing
 * pause, so a crash at start-up does not spin), and killed and restarted when it stops answering
 * the heartbeat (a hung event loop). The child leaves on its own when this process disappears,
 * even after SIGKILL: it watches the IPC channel (scripts/admin-process.ts).
 */
export function createAdminSupervisor(options: AdminSupervisorOptions): AdminSupervisor {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const hangAfterMs = options.hangAfterMs ?? HANG_AFTER_MS;
  let child: ChildProcess | null = null;
  let port: number | null = null;
  let stopping = false;
  let failures = 0;
  let lastPong = Date.now();
  let readyAt = 0;
  let restartTimer: NodeJS.Timeout | null = null;
  let launches = 0;

  const heartbeat = setInterval(() => {
    if (!child || child.exitCode !== null) return;
    if (Date.now() - lastPong > hangAfterMs) {
      options.log(`Helder: de beheeromgeving reageert niet meer; herstarten / the admin stopped answering; restarting (pid ${child.pid})`);
      child.kill('SIGKILL');
      return;
    }
    if (child.connected) child.send({ type: 'ping' } satisfies SupervisorMessage);
  }, heartbeatMs);
  heartbeat.unref();

  const launch = () => {
    restartTimer = null;
    if (stopping) return;
    lastPong = Date.now();
    // A restart says so: the accounts were prepared by the first start, and signed-in people keep their sessions.
    const started = spawn(process.execPath, [options.script, ...(launches++ > 0 ? ['--restart'] : [])], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child = started;
    started.on('message', (message: AdminProcessMessage) => {
      lastPong = Date.now();
      if (message.type === 'ready') {
        port = message.port;
        readyAt = Date.now();
        options.log(`Helder: beheeromgeving gestart / admin started (pid ${started.pid})`);
      }
    });
    started.once('exit', (code, signal) => {
      if (child === started) {
        child = null;
        port = null;
      }
      if (stopping) return;
      if (code === ADMIN_REFUSED_EXIT_CODE) {
        options.onRefused();
        return;
      }
      // A run that stayed up a minute was healthy: start counting again.
      failures = readyAt > 0 && Date.now() - readyAt > 60_000 ? 1 : failures + 1;
      readyAt = 0;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6));
      options.log(`Helder: de beheeromgeving is gestopt (${signal ?? `code ${code}`}); herstart over ${Math.round(delay / 1000)} s / the admin stopped; restarting`);
      restartTimer = setTimeout(launch, delay);
    });
  };

  return {
    // A pong normally comes within one heartbeat of the last; two missed ones mean it hangs.
    port: () => (port !== null && Date.now() - lastPong <= 2 * heartbeatMs ? port : null),
    pid: () => child?.pid ?? null,
    start() {
      stopping = false;
      if (!child && !restartTimer) launch();
    },
    async stop() {
      stopping = true;
      clearInterval(heartbeat);
      if (restartTimer) clearTimeout(restartTimer);
      const running = child;
      if (!running || running.exitCode !== null) return;
      // SIGTERM: the admin stops its publisher and dispatcher and closes the database cleanly.
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => running.kill('SIGKILL'), 10_000);
        running.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        running.kill('SIGTERM');
      });
    },
  };
}
