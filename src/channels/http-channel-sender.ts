import type { ChannelDestination } from '../domain/channel.ts';
import type { SendResult } from '../mail/mail-transport.ts';
import { classifyHttpFailure, classifyHttpResponse } from './classify-http.ts';
import { webhookHeaders } from './standard-webhooks.ts';

export const CHANNEL_TRANSPORT = 'https';

/** A live delivery arrived at the HTTP sender with the drill mark: a bug upstream, refused as defence in depth. */
export class DrillChannelRefusedError extends Error {
  constructor(deliveryId: number) {
    super(`Refused to post drill delivery ${deliveryId} over HTTP: drill channel messages are only ever captured`);
    this.name = 'DrillChannelRefusedError';
  }
}

/**
 * Posts one channel message to the URL the beheerder registered, and nowhere else: redirects are
 * not followed. The URL never appears in the result (it is a secret); the receiver's reply does,
 * cut short.
 */
export async function postToChannel(
  destination: Pick<ChannelDestination, 'kind' | 'url' | 'secret'>,
  request: { body: string; webhookId: string; at: Date; drill: boolean; deliveryId: number; timeoutMs: number },
): Promise<SendResult> {
  if (request.drill) throw new DrillChannelRefusedError(request.deliveryId);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Helder-statuspagina' };
  if (destination.kind === 'webhook' && destination.secret) Object.assign(headers, webhookHeaders(destination.secret, request.webhookId, request.at, request.body));
  try {
    const response = await fetch(destination.url, { method: 'POST', headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(request.timeoutMs) });
    // Read (and bound) the reply, so the connection goes back to the pool.
    const text = (await response.text().catch(() => '')).slice(0, 200);
    return { ...classifyHttpResponse(response.status, response.headers.get('retry-after'), text, request.at), via: CHANNEL_TRANSPORT };
  } catch (error) {
    return { ...classifyHttpFailure(error, destination.url), via: CHANNEL_TRANSPORT };
  }
}
