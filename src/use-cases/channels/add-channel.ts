import { ChannelDestinationInputSchema, invalidInput, maskChannelUrl } from '../../domain/index.ts';
import { insertChannelDestination } from '../../store/channels-repository.ts';
import { transaction } from '../../store/database.ts';
import { audit } from '../audit.ts';
import { authorise, type Caller } from '../authorise.ts';
import type { UseCaseContext } from '../context.ts';
import { parseInput } from '../parse-input.ts';
import { randomBytes } from 'node:crypto';

/**
 * The beheerder registers a Teams, Slack or webhook destination for one municipality or for
 * every message. A webhook gets a Standard Webhooks secret, returned ONCE to show its receiver.
 * The audit entry names the destination and the URL's host, never the URL or the secret.
 */
export function addChannel(ctx: UseCaseContext, caller: Caller, input: unknown): { id: number; secret: string | null } {
  authorise(caller, 'settings.manage');
  const parsed = parseInput(ChannelDestinationInputSchema, input);
  if (parsed.municipality !== null && !ctx.content.readCatalogue().municipalities.some((municipality) => municipality.id === parsed.municipality)) {
    throw invalidInput([{ field: 'municipality', code: 'unknown_municipality', params: { id: parsed.municipality } }]);
  }
  // Standard Webhooks secret: "whsec_" and base64 of 32 random bytes (src/channels/standard-webhooks.ts signs with it).
  const secret = parsed.kind === 'webhook' ? `whsec_${randomBytes(32).toString('base64')}` : null;
  const at = ctx.clock.now();
  return transaction(ctx.db, () => {
    const id = insertChannelDestination(ctx.db, { ...parsed, secret, at, byName: caller.name });
    audit(ctx, caller, {
      action: 'channel_added',
      subject: { type: 'channel', id },
      details: { kind: parsed.kind, name: parsed.name, municipality: parsed.municipality, url: maskChannelUrl(parsed.url) },
      at,
    });
    return { id, secret };
  });
}
