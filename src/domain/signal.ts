import { z } from 'zod';
import { MunicipalityIdSchema, SlugSchema, TimestampSchema } from './ids.ts';
import { problem } from './problems.ts';

/** Where a customer signal came from. */
export const SIGNAL_SOURCES = ['topdesk', 'phone', 'mail', 'webhook', 'monitoring'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];
export const SignalSourceSchema = z.enum(SIGNAL_SOURCES);

const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !/[\r\n]/.test(value), problem('single_line'));

/**
 * One customer signal as it arrives (the JSON body of POST /api/v1/signals, the "Melding
 * registreren" form, a mapped TOPdesk incident): a municipality's call or ticket about a product.
 */
export const SignalInputSchema = z.strictObject({
  /** The product's id from content/components.yaml, e.g. "registra-brp". */
  product: SlugSchema,
  /** The municipality's CBS code, e.g. "GM0344". */
  municipality: MunicipalityIdSchema,
  source: SignalSourceSchema,
  /** The source's own id (TOPdesk call number, phone log id): the same source and reference twice is one signal. */
  reference: singleLine(200),
  /** What the caller reported, in a sentence. */
  summary: singleLine(500),
  /** When the customer reported it, with an offset ("2026-12-03T08:15:00+01:00"). */
  received_at: TimestampSchema,
});
export type SignalInput = z.input<typeof SignalInputSchema>;
export type ParsedSignal = z.output<typeof SignalInputSchema>;

/** A stored signal. `product`/`municipality` are null for an imported record that could not be mapped. */
export interface Signal {
  id: number;
  drill: boolean;
  /** The drill run it came in during; null for live signals (and for drill signals while no drill ran). */
  drillId: number | null;
  product: string | null;
  municipality: string | null;
  source: SignalSource;
  reference: string;
  summary: string;
  receivedAt: Date;
  recordedAt: Date;
  recordedByName: string;
  /** Why the record could not be mapped, in the source's own words (e.g. TOPdesk category and branch). */
  unmapped: Record<string, string> | null;
  incidentId: string | null;
}

/** A signal may carry a time a little ahead of ours (clock skew), never more. */
export const SIGNAL_CLOCK_SKEW_MS = 5 * 60_000;
