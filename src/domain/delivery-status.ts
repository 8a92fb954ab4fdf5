/**
 * Where one recipient's copy of a message is. "sent" means the SMTP server accepted it (250 after
 * the data), not that it reached the inbox. Ordered as customer care reads them.
 */
export const DELIVERY_STATUSES = [
  'queued', // waiting for the dispatcher
  'sending', // claimed; the SMTP transaction is running
  'sent', // accepted by the SMTP server; its reply is kept
  'retrying', // temporary failure (4xx, timeout, connection lost before the data was complete)
  'failed', // permanent failure (5xx) or refused; no automatic retry
  'unknown', // the connection was lost after the data was sent (or the dispatcher died mid-send)
  'expired', // not handed over before the message's expiry
  'cancelled', // the operator cancelled the send before it went out
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Statuses the dispatcher will pick up. */
export const DUE_STATUSES = ['queued', 'retrying'] as const satisfies readonly DeliveryStatus[];

/** Statuses an operator may send again. */
export const RESENDABLE_STATUSES = ['failed', 'unknown'] as const satisfies readonly DeliveryStatus[];


/** What the operator chose for deliveries whose fate is unknown. */
export const UNKNOWN_POLICIES = ['hold', 'retry_once'] as const;
export type UnknownPolicy = (typeof UNKNOWN_POLICIES)[number];
