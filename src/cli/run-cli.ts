import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { parseRole, ROLE_LABELS, type Role } from '../auth/roles.ts';
import { createHelderApp } from '../composition/create-app.ts';
import { ConfigError, loadConfig } from '../config/config.ts';
import { Refusal } from '../domain/index.ts';
import { problemText, refusalText } from '../i18n/refusals.ts';
import { addUser } from '../use-cases/accounts/add-user.ts';
import { disableUser } from '../use-cases/accounts/disable-user.ts';
import { enableUser } from '../use-cases/accounts/enable-user.ts';
import { listUsers } from '../use-cases/accounts/list-users.ts';
import { resetPassword } from '../use-cases/accounts/reset-password.ts';
import { setUserRoles } from '../use-cases/accounts/set-user-roles.ts';
import { AUDIT_ACTIONS, isAuditAction, listAuditEntries } from '../use-cases/audit/list-audit-entries.ts';
import { verifyAuditChain } from '../use-cases/audit/verify-audit-chain.ts';
import type { SystemCaller } from '../use-cases/authorise.ts';
import { addApiToken, listApiTokens, revokeApiToken } from '../use-cases/signals/api-tokens.ts';
import { promptHidden, readPasswordFromStdin } from './read-password.ts';

export interface CliIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The Helder checkout (templates/, drills/); default: `cwd`. */
  projectDir?: string;
}

/** Exit codes: 0 done; 1 refused or a check failed (e.g. a broken audit chain); 2 wrong usage or configuration. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: npm run helder -- <command> [options]

  user add --email <e-mail> --name "<name>" --role <role> [--role <role>] [--password-stdin]
      Create a user. Roles: composer (opsteller), approver (goedkeurder), admin (beheerder),
      incident_manager (incidentmanager).
      Asks for the password twice on a terminal; --password-stdin reads it from standard input.
  user list [--json] [--active]
  user disable --email <e-mail>        Disable and end all sessions at once.
  user enable --email <e-mail>
  user roles --email <e-mail> --role <role> [--role <role>]
  user reset-password --email <e-mail> [--password-stdin]
  audit verify                         Check the audit log's keyed hash chain and its seal; exit 1 at the first broken link.
  audit list [--limit <n>] [--action <action>]
  token add --name <name> --scope signals
      Create an API token for POST /api/v1/signals; it is printed once, only its hash is kept.
  token list [--json]
  token revoke --name <name>

Reads the same environment as the server (HELDER_DATA_DIR etc., see .env.example).`;

class UsageError extends Error {}

const OPTIONS = {
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string', multiple: true },
  'password-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
  active: { type: 'boolean' },
  limit: { type: 'string' },
  action: { type: 'string' },
  scope: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const print = (text: string) => io.stdout.write(`${text}\n`);
  const fail = (text: string) => io.stderr.write(`${text}\n`);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  const command = positionals.join(' ');
  if (values.help || command === '' || command === 'help') {
    print(USAGE);
    return command === '' && !values.help ? EXIT_USAGE : EXIT_OK;
  }

  let config;
  try {
    config = loadConfig(io.env, io.cwd);
  } catch (error) {
    if (error instanceof ConfigError) {
      fail(error.message);
      return EXIT_USAGE;
    }
    throw error;
  }
  const app = createHelderApp(config, { projectDir: io.projectDir ?? io.cwd, log: () => {} });
  const deps = app.context;
  const caller: SystemCaller = { kind: 'system', name: `cli:${safeUserName()}` };

  try {
    switch (command) {
      case 'user add': {
        const email = required(values.email, '--email');
        const name = required(values.name, '--name');
        const roles = parseRoles(values.role);
        const password = await obtainNewPassword(io, Boolean(values['password-stdin']));
        const user = await addUser(deps, caller, { email, name, roles, password });
        print(`Added user ${user.email} (${user.name}) with role ${describeRoles(user.roles)}.`);
        return EXIT_OK;
      }
      case 'user list': {
        const users = listUsers(deps, caller, values.active ? { active: true } : {});
        if (values.json) {
          print(JSON.stringify(users, null, 2));
        } else if (users.length === 0) {
          print('No users yet. Create one with: npm run helder -- user add --role admin --email … --name "…"');
        } else {
          for (const user of users) {
            const flags = [user.active ? 'active' : 'DISABLED', ...(user.demo ? ['demo'] : [])].join(', ');
            print(`${user.email}\t${user.name}\t${describeRoles(user.roles)}\t${flags}`);
          }
        }
        return EXIT_OK;
      }
      case 'user disable': {
        const result = disableUser(deps, caller, { email: required(values.email, '--email') });
        print(`Disabled ${result.email}; ended ${result.sessionsEnded} session(s).`);
        return EXIT_OK;
      }
      case 'user enable': {
        const user = enableUser(deps, caller, { email: required(values.email, '--email') });
        print(`Enabled ${user.email}.`);
        return EXIT_OK;
      }
      case 'user roles': {
        const user = setUserRoles(deps, caller, { email: required(values.email, '--email') }, parseRoles(values.role));
        print(`${user.email} now has role ${describeRoles(user.roles)}.`);
        return EXIT_OK;
      }
      case 'user reset-password': {
        const email = required(values.email, '--email');
        const password = await obtainNewPassword(io, Boolean(values['password-stdin']));
        const { sessionsEnded } = await resetPassword(deps, caller, { email }, password);
        print(`New password set for ${email}; ended ${sessionsEnded} session(s).`);
        return EXIT_OK;
      }
      case 'audit verify': {
        const verdict = verifyAuditChain(deps, caller);
        if (verdict.ok) {
          print(
            verdict.head
              ? `Audit log intact: ${verdict.checked} entries, head seq ${verdict.head.seq} hash ${verdict.head.hash}.\n` +
                  'The chain is keyed with the audit key file beside the database: keep a copy of that file with your backups.'
              : 'Audit log is empty.',
          );
          return EXIT_OK;
        }
        fail(`Audit log BROKEN at seq ${verdict.seq}: ${verdict.reason}. (${verdict.checked} entries before it are intact.)`);
        return EXIT_FAILED;
      }
      case 'audit list': {
        const limit = values.limit === undefined ? 20 : Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a whole number of 1 or more.');
        const action = values.action;
        if (action !== undefined && !isAuditAction(action)) throw new UsageError(`Unknown audit action "${action}": use one of ${AUDIT_ACTIONS.join(', ')}.`);
        const page = listAuditEntries(deps, caller, action === undefined ? {} : { action }, { limit });
        for (const entry of page.entries) {
          const subject = entry.subject ? `${entry.subject.type}:${entry.subject.id}` : '-';
          print(`${entry.seq}\t${entry.at.toISOString()}\t${entry.actor.name}\t${entry.action}\t${subject}\t${JSON.stringify(entry.details)}${entry.drill ? '\tDRILL' : ''}`);
        }
        return EXIT_OK;
      }
      case 'token add': {
        const scope = required(values.scope, '--scope');
        if (scope !== 'signals') throw new UsageError(`Unknown scope "${scope}": the only scope is "signals".`);
        const created = addApiToken(deps, caller, { name: required(values.name, '--name'), scope });
        print(`Token "${created.name}" (scope signals). Copy it now; it is not shown again:\n\n  ${created.token}\n\nUse it as: Authorization: Bearer <token>`);
        return EXIT_OK;
      }
      case 'token list': {
        const tokens = listApiTokens(deps, caller);
        if (values.json) print(JSON.stringify(tokens, null, 2));
        else if (tokens.length === 0) print('No API tokens yet. Create one with: npm run helder -- token add --name "…" --scope signals');
        else
          for (const token of tokens) {
            const state = token.revokedAt ? `REVOKED ${token.revokedAt.toISOString()}` : `active, last used ${token.lastUsedAt?.toISOString() ?? 'never'}`;
            print(`${token.name}\t${token.scope}\tcreated ${token.createdAt.toISOString()} by ${token.createdByName}\t${state}`);
          }
        return EXIT_OK;
      }
      case 'token revoke': {
        const token = revokeApiToken(deps, caller, { name: required(values.name, '--name') });
        print(`Revoked token "${token.name}"; it no longer works.`);
        return EXIT_OK;
      }
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      fail(`${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (Refusal.is(error)) {
      fail(`Refused: ${[refusalText(error, 'en'), ...error.problems.map((problem) => `${problem.field}: ${problemText(problem, 'en')}`)].join('\n  ')}`);
      return EXIT_FAILED;
    }
    throw error;
  } finally {
    await app.close();
  }
}

function required(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${option} is required.`);
  return value;
}

function parseRoles(values: string[] | undefined): Role[] {
  const given = (values ?? []).flatMap((value) => value.split(',')).filter((value) => value.trim() !== '');
  if (given.length === 0) throw new UsageError('--role is required: composer (opsteller), approver (goedkeurder), admin (beheerder) or incident_manager (incidentmanager).');
  return given.map((value) => {
    const role = parseRole(value);
    if (!role) throw new UsageError(`Unknown role "${value}": use composer (opsteller), approver (goedkeurder), admin (beheerder) or incident_manager (incidentmanager).`);
    return role;
  });
}

function describeRoles(roles: readonly Role[]): string {
  return roles.map((role) => `${role} (${ROLE_LABELS[role].nl.toLowerCase()})`).join(', ');
}

async function obtainNewPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  if (fromStdin) return readPasswordFromStdin(io.stdin);
  if (!io.stdin.isTTY) throw new UsageError('No terminal to ask for the password: pipe it in and add --password-stdin.');
  const [first = '', second] = await promptHidden(['Wachtwoord / password (min. 12 tekens): ', 'Nogmaals / again: '], io.stdin, io.stderr);
  if (first !== second) throw new UsageError('The two passwords differ; nothing was changed.');
  return first;
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
