import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS } from '../../auth/session-policy.ts';
import { deleteSessionsBefore } from '../../store/session-repository.ts';
import type { UseCaseContext } from '../context.ts';
import { assertProductionReady } from './assert-production-ready.ts';
import { formatDemoCredentials, seedDemoUsers } from './seed-demo-users.ts';

/**
 * The account step of a server start: drop sessions that can no longer be valid, then either
 * refuse an unready production start or seed the demo users. Returns the console text to print
 * (the DEMO box), or null in production.
 */
export async function prepareAccounts(ctx: UseCaseContext, config: { env: 'production' | 'demo'; adminUrl: string }): Promise<string | null> {
  const now = ctx.clock.now().getTime();
  deleteSessionsBefore(ctx.db, {
    lastSeenBefore: new Date(now - SESSION_IDLE_TIMEOUT_MS),
    createdBefore: new Date(now - SESSION_ABSOLUTE_TIMEOUT_MS),
  });
  if (config.env === 'production') {
    assertProductionReady(ctx.db, config);
    return null;
  }
  return formatDemoCredentials(await seedDemoUsers(ctx, config), config.adminUrl);
}
