/**
 * The command hook's own process (src/deploy/command-target.ts starts it detached, so it leads a
 * process group of its own, with src/publish/die-with-parent.ts preloaded): it runs the operator's
 * command in /bin/sh inside that group and ends the way the shell ends. The shell alone could not
 * notice that the admin which started it was killed outright (SIGKILL, the OOM killer); the
 * preloaded watcher does, and then takes the whole group down — the shell and whatever it started
 * (rsync, ssh, rclone) — the same way it does for the site builds.
 *
 *   node --import <die-with-parent.ts> command-runner.ts '<command>'
 */
import { spawn } from 'node:child_process';

const shell = spawn('/bin/sh', ['-c', process.argv[2] ?? 'exit 2'], { stdio: 'inherit' });
shell.once('error', (error) => {
  console.error(`/bin/sh could not start: ${error.message}`);
  process.exit(127);
});
shell.once('exit', (code, signal) => {
  // Pass on how the shell ended: its exit code, or the signal that stopped it.
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
