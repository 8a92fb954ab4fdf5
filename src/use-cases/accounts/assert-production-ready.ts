import { countActiveUsersWithRole, listUsers } from '../../store/user-repository.ts';
import type { Database } from '../../store/database.ts';

export class NotProductionReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotProductionReadyError';
  }
}

/**
 * A production start refuses when nobody could manage users, or when demo accounts (whose
 * passwords were printed in a console) are still active, and says how to fix it.
 */
export function assertProductionReady(db: Database, config: { env: 'production' | 'demo' }): void {
  if (config.env !== 'production') return;
  if (countActiveUsersWithRole(db, 'admin') === 0) {
    throw new NotProductionReadyError(
      'Helder cannot start in production: there is no active admin (beheerder).\n' +
        'Create one on this server with:\n' +
        '  npm run helder -- user add --role admin --email you@leverancier.nl --name "Your Name"\n' +
        '(it asks for the password; or pipe it in with --password-stdin).',
    );
  }
  const demoUsers = listUsers(db, { active: true }).filter((user) => user.demo);
  if (demoUsers.length > 0) {
    throw new NotProductionReadyError(
      `Helder cannot start in production: demo accounts are still active (${demoUsers.map((user) => user.email).join(', ')}).\n` +
        'Disable them with:\n' +
        demoUsers.map((user) => `  npm run helder -- user disable --email ${user.email}`).join('\n'),
    );
  }
}
