import { Refusal } from '../../domain/index.ts';
import { findChannelDestination, markChannelDestinationRemoved } from '../../store/channels-repository.ts';
import { transaction } from '../../store/database.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';

/** Stops a destination from receiving messages; queued deliveries to it fail with that reason. */
export function removeChannel(ctx: UseCaseContext, caller: Caller, input: { id: number }): void {
  authorise(caller, 'settings.manage');
  const at = ctx.clock.now();
  transaction(ctx.db, () => {
    const destination = Number.isInteger(input.id) ? findChannelDestination(ctx.db, input.id) : null;
    if (!destination || !markChannelDestinationRemoved(ctx.db, destination.id, at)) throw new Refusal('channel_not_found');
    audit(ctx, caller, { action: 'channel_removed', subject: { type: 'channel', id: destination.id }, details: { kind: destination.kind, name: destination.name }, at });
  });
}
