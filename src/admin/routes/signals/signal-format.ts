import type { Signal } from '../../../domain/index.ts';
import type { SignalTexts } from '../../../i18n/signal-messages.ts';

/** The confirmation for `?gedaan=` on the signal screens, only for keys we know (never echoes the query). */
export function signalDoneMessage(url: URL, s: SignalTexts): string | null {
  const key = url.searchParams.get('gedaan');
  return key && Object.hasOwn(s.done, key) ? s.done[key as keyof SignalTexts['done']] : null;
}

/** Why an imported record could not be matched, in the reader's words: "categorie Facilitair, vestiging Gemeente Texel". */
export function unmappedReason(signal: Signal, s: SignalTexts): string {
  const parts = Object.entries(signal.unmapped ?? {}).map(([key, value]) => `${s.unmappedParts[key] ?? key} ${value}`);
  return s.unmappedBecause(parts.join(', '));
}
