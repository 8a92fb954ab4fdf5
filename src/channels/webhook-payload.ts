import type { ChannelContent } from '../domain/channel.ts';

/**
 * The JSON a generic webhook receives, in the Standard Webhooks envelope ({ type, timestamp,
 * data }) with a data part close to Atlassian Statuspage's webhook payload (page, incident with
 * its components and incident_updates), so an integration written for Statuspage needs little
 * change. Documented field by field in docs/webhooks.md.
 */
export function webhookPayload(content: ChannelContent): object {
  const update = {
    id: content.messageId,
    status: content.status,
    body: content.body,
    created_at: content.approvedAt,
    next_update_at: content.nextUpdateAt,
    workaround: content.meanwhile,
  };
  const subject = {
    id: content.subject.id,
    name: content.title,
    status: content.status,
    shortlink: content.link,
    components: content.products.map((product) => ({ id: product.id, name: product.name, status: product.status })),
    affected_municipalities: content.municipalities.map((municipality) => ({ code: municipality.id, name: municipality.name })),
    [content.subject.kind === 'incident' ? 'incident_updates' : 'maintenance_updates']: [update],
  };
  return {
    type: content.test ? 'test' : `${content.subject.kind}.updated`,
    timestamp: content.approvedAt,
    data: {
      meta: { drill: content.drill, test: content.test },
      [content.subject.kind]: subject,
    },
  };
}
