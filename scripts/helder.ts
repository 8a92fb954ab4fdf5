/** `npm run helder -- <command>`: user and audit administration on the server itself. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/run-cli.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  projectDir: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
});
