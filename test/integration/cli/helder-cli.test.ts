import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArgon2idHasher } from '../../../src/auth/password-hasher.ts';
import type { HelderApp } from '../../../src/composition/helder-app.ts';
import { systemClock } from '../../../src/domain/clock.ts';
import { appendAudit } from '../../../src/store/audit-log.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { resolveSession } from '../../../src/use-cases/accounts/resolve-session.ts';
import { signIn } from '../../../src/use-cases/accounts/sign-in.ts';
import { openHelderApp } from '../../support/test-app.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const HELDER = join(ROOT, 'scripts', 'helder.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
let env: Record<string, string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'helder-cli-'));
  // Only what the CLI needs: no HELDER_* from the developer's shell leaks into the test. The CLI
  // builds the whole app (src/composition), which reads the public content's site and catalogue.
  env = { PATH: process.env.PATH ?? '', HOME: dir, HELDER_DATA_DIR: join(dir, 'data'), HELDER_CONTENT_DIR: join(ROOT, 'content') };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The installation the CLI works on, opened the same way (the CLI hashes with the shipped argon2id parameters). */
function openInstallation(): HelderApp {
  return openHelderApp(dir, { HELDER_DATA_DIR: env.HELDER_DATA_DIR!, HELDER_CONTENT_DIR: env.HELDER_CONTENT_DIR! }, { clock: systemClock, hasher: createArgon2idHasher() });
}

/** Runs `node scripts/helder.ts …` on the same Node 24 that runs the tests, as `npm run helder` would. */
function helder(args: string[], stdin = '', extraEnv: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [HELDER, ...args], { cwd: dir, env: { ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const addMarieke = () =>
  helder(['user', 'add', '--email', 'm.jansen@leverancier.nl', '--name', 'Marieke Jansen', '--role', 'beheerder', '--role', 'approver', '--password-stdin'], 'zonnebloem op de dam\n');

describe('helder CLI', { timeout: 90_000 }, () => {
  it('adds a user from --password-stdin and lists it', async () => {
    const added = await addMarieke();
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe('Added user m.jansen@leverancier.nl (Marieke Jansen) with role approver (goedkeurder), admin (beheerder).\n');

    const listed = await helder(['user', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toBe('m.jansen@leverancier.nl\tMarieke Jansen\tapprover (goedkeurder), admin (beheerder)\tactive\n');

    const json = JSON.parse((await helder(['user', 'list', '--json'])).stdout) as Array<Record<string, unknown>>;
    expect(json).toEqual([expect.objectContaining({ email: 'm.jansen@leverancier.nl', roles: ['approver', 'admin'], active: true, demo: false })]);
    expect(JSON.stringify(json)).not.toContain('argon2id');

    // The password from stdin (minus its newline) is the one that signs in.
    const app = openInstallation();
    const result = await signIn(app.context, { email: 'm.jansen@leverancier.nl', password: 'zonnebloem op de dam', clientAddress: '127.0.0.1' });
    await app.close();
    expect(result.outcome).toBe('signed_in');
  });

  it('refuses a weak password, a duplicate and a missing role with exit code 1 or 2, changing nothing', async () => {
    const weak = await helder(['user', 'add', '--email', 'k.smit@leverancier.nl', '--name', 'Kees Smit', '--role', 'composer', '--password-stdin'], 'welkom123456\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/^Refused: Choose a stronger password\.\n  password: This password is too common/);

    await addMarieke();
    const duplicate = await addMarieke();
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/^Refused: There already is a user with this e-mail address\./);

    const noRole = await helder(['user', 'add', '--email', 'k.smit@leverancier.nl', '--name', 'Kees Smit', '--password-stdin'], 'zonnebloemkoffiemolen');
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toMatch(/^--role is required/);

    const badRole = await helder(['user', 'add', '--email', 'k.smit@leverancier.nl', '--name', 'Kees Smit', '--role', 'superuser', '--password-stdin'], 'zonnebloemkoffiemolen');
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/^Unknown role "superuser"/);

    expect((await helder(['user', 'list'])).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('does not wait for a password when there is no terminal and no --password-stdin', async () => {
    const run = await helder(['user', 'add', '--email', 'k.smit@leverancier.nl', '--name', 'Kees Smit', '--role', 'composer']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^No terminal to ask for the password: pipe it in and add --password-stdin\./);
  });

  it.skipIf(!existsSync('/usr/bin/script'))('asks for the password twice on a terminal without echoing it', async () => {
    const command = [process.execPath, HELDER, 'user', 'add', '--email', 't.visser@leverancier.nl', '--name', "'Tess Visser'", '--role', 'opsteller'].join(' ');
    const output = await new Promise<string>((resolvePromise, reject) => {
      const child = spawn('/usr/bin/script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: dir, env: { ...env, TERM: 'dumb' } });
      let seen = '';
      let answered = false;
      child.stdout.on('data', (chunk) => {
        seen += String(chunk);
        // Both answers at once, as a fast typist or a paste would: the second must wait for its prompt.
        if (!answered && seen.includes('Wachtwoord / password')) {
          child.stdin.write('tulpenvelden in de lente\rtulpenvelden in de lente\r');
          answered = true;
        }
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolvePromise(seen) : reject(new Error(`exit ${code}: ${seen}`))));
    });
    expect(output).toMatch(/Added user t\.visser@leverancier\.nl \(Tess Visser\) with role composer \(opsteller\)/);
    expect(output).not.toContain('tulpenvelden');
  });

  it('disables a user and ends their sessions at once', async () => {
    await addMarieke();
    const app = openInstallation();
    const session = await signIn(app.context, { email: 'm.jansen@leverancier.nl', password: 'zonnebloem op de dam', clientAddress: '127.0.0.1' });
    if (session.outcome !== 'signed_in') throw new Error(session.outcome);
    expect(resolveSession(app.context, session.token).status).toBe('active');

    const disabled = await helder(['user', 'disable', '--email', 'M.Jansen@leverancier.nl']);
    expect(disabled).toMatchObject({ code: 0, stdout: 'Disabled m.jansen@leverancier.nl; ended 1 session(s).\n' });
    expect(resolveSession(app.context, session.token).status).toBe('none');
    await app.close();
    expect((await helder(['user', 'list'])).stdout).toMatch(/\tDISABLED\n$/);

    const unknown = await helder(['user', 'disable', '--email', 'niemand@leverancier.nl']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Refused: This user does not exist \(any more\)\./);
  });

  it('works while a content file is broken: administering accounts needs no content', async () => {
    const content = join(dir, 'content');
    cpSync(join(ROOT, 'content'), content, { recursive: true });
    writeFileSync(join(content, 'incidents', '2026-12-02-zaakstroom-traag.md'), '---\ntitle:\n  nl: Zaakstroom traag\nimpact: [unclosed\n---\n');
    expect(await helder(['audit', 'verify'], '', { HELDER_CONTENT_DIR: content })).toMatchObject({ code: 0, stdout: 'Audit log is empty.\n' });
  });

  it('audit verify exits 0 on an intact chain and 1 naming the first broken link', async () => {
    expect(await helder(['audit', 'verify'])).toMatchObject({ code: 0, stdout: 'Audit log is empty.\n' });
    await addMarieke();
    await helder(['user', 'disable', '--email', 'm.jansen@leverancier.nl']);
    await helder(['user', 'enable', '--email', 'm.jansen@leverancier.nl']);
    const intact = await helder(['audit', 'verify']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^Audit log intact: 3 entries, head seq 3 hash [0-9a-f]{64}\./);

    const listed = await helder(['audit', 'list', '--action', 'user_disabled']);
    expect(listed.stdout).toMatch(/^2\t\S+Z\tcli:\S+\tuser_disabled\tuser:1\t\{"email":"m\.jansen@leverancier\.nl","sessionsEnded":0,"wasActive":true\}\n$/);

    const db = openDatabase(join(dir, 'data', 'helder.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET details = '{"email":"iemand.anders@leverancier.nl","sessionsEnded":0,"wasActive":true}' WHERE seq = 2`).run();
    db.close();
    const broken = await helder(['audit', 'verify']);
    expect(broken).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'Audit log BROKEN at seq 2: the row content does not match its hash (the row was changed after it was written). (1 entries before it are intact.)\n',
    });
  });

  it('audit verify notices the newest entries removed, which the chain alone cannot show', async () => {
    // Written in-process (one CLI start is enough for this test): the same store, the same key file.
    const db = openDatabase(join(dir, 'data', 'helder.sqlite'));
    expect(statSync(join(dir, 'data', 'helder.sqlite.audit-key')).mode & 0o777).toBe(0o600);
    for (const action of ['user_added', 'user_disabled', 'user_enabled'] as const) appendAudit(db, { actor: { kind: 'system', name: 'cli:beheer' }, action, subject: { type: 'user', id: 1 } });
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq >= 2').run();
    db.close();
    expect(await helder(['audit', 'verify'])).toMatchObject({
      code: 1,
      stderr: 'Audit log BROKEN at seq 2: rows 2–3 are missing at the end (the seal names row 3 as the newest). (1 entries before it are intact.)\n',
    });
  });

  it('reports bad configuration by variable name with exit code 2', async () => {
    const run = await helder(['user', 'list'], '', { HELDER_PORT: 'vierduizend', HELDER_ENV: 'productie' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/HELDER_ENV: must be "production" or "demo"; got "productie"\n\s+HELDER_PORT: must be a whole number/);
  });

  it('explains usage for an unknown command or option', async () => {
    const unknown = await helder(['gebruiker', 'toevoegen']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command "gebruiker toevoegen"\.\n\nUsage: npm run helder -- <command>/);
    const badOption = await helder(['user', 'list', '--verbose']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/Unknown option '--verbose'/);
    expect(await helder(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('audit verify') });
  });
});
