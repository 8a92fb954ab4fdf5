import { z } from 'zod';

/**
 * The subsets of Microsoft's Adaptive Card schema (1.4, in the Teams Workflows webhook envelope)
 * and Slack's Block Kit that Helder emits, with the limits the receivers enforce. Strict: an
 * element or property we do not know fails the test.
 */
const TextBlock = z.strictObject({
  type: z.literal('TextBlock'),
  text: z.string().min(1),
  wrap: z.boolean().optional(),
  size: z.enum(['Small', 'Default', 'Medium', 'Large', 'ExtraLarge']).optional(),
  weight: z.enum(['Lighter', 'Default', 'Bolder']).optional(),
  spacing: z.enum(['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding']).optional(),
});
const FactSet = z.strictObject({ type: z.literal('FactSet'), facts: z.array(z.strictObject({ title: z.string().min(1), value: z.string().min(1) })).min(1) });
const OpenUrl = z.strictObject({ type: z.literal('Action.OpenUrl'), title: z.string().min(1), url: z.url({ protocol: /^https?$/ }) });

export const TeamsWorkflowMessage = z.strictObject({
  type: z.literal('message'),
  attachments: z
    .array(
      z.strictObject({
        contentType: z.literal('application/vnd.microsoft.card.adaptive'),
        contentUrl: z.null(),
        content: z.strictObject({
          $schema: z.literal('http://adaptivecards.io/schemas/adaptive-card.json'),
          type: z.literal('AdaptiveCard'),
          version: z.enum(['1.0', '1.1', '1.2', '1.3', '1.4', '1.5']),
          body: z.array(z.discriminatedUnion('type', [TextBlock, FactSet])).min(1),
          actions: z.array(OpenUrl).optional(),
        }),
      }),
    )
    .length(1),
});

const PlainText = (max: number) => z.strictObject({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() });
const Mrkdwn = (max: number) => z.strictObject({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max) });

export const SlackWebhookMessage = z.strictObject({
  text: z.string().min(1),
  blocks: z
    .array(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('header'), text: PlainText(150) }),
        z.strictObject({ type: z.literal('section'), text: Mrkdwn(3000).optional(), fields: z.array(Mrkdwn(2000)).max(10).optional() }),
        z.strictObject({ type: z.literal('actions'), elements: z.array(z.strictObject({ type: z.literal('button'), text: PlainText(75), url: z.url().max(3000) })).min(1).max(25) }),
      ]),
    )
    .min(1)
    .max(50),
});

/** The generic webhook payload as docs/webhooks.md documents it. */
const Update = z.strictObject({ id: z.string(), status: z.string(), body: z.string(), created_at: z.iso.datetime(), next_update_at: z.iso.datetime().nullable(), workaround: z.string().nullable() });
export const HelderWebhookPayload = z.strictObject({
  type: z.enum(['incident.updated', 'maintenance.updated', 'test']),
  timestamp: z.iso.datetime(),
  data: z.strictObject({
    meta: z.strictObject({ drill: z.boolean(), test: z.boolean() }),
    incident: z
      .strictObject({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        shortlink: z.url(),
        components: z.array(z.strictObject({ id: z.string(), name: z.string(), status: z.string().nullable() })),
        affected_municipalities: z.array(z.strictObject({ code: z.string().regex(/^GM\d{4}$/), name: z.string() })),
        incident_updates: z.array(Update).length(1),
      })
      .optional(),
    maintenance: z.unknown().optional(),
  }),
});
