import { transaction } from '../../store/database.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

/**
 * "Opnieuw publiceren": an admin asks for a new build of the public site, e.g. after fixing the
 * content file that made the last build fail, without waiting for the next automatic retry. The
 * request joins the publish queue like any other; requests already waiting share its build.
 */
export function republishSite(ctx: UseCaseContext, caller: Caller): void {
  authorise(caller, 'site.republish');
  transaction(ctx.db, () => audit(ctx, caller, { action: 'site_republish_requested' }));
  ctx.publisher.requestPublish(`Opnieuw publiceren gevraagd door ${caller.name}`);
}
