import type { ComponentStatus, LocalizedText } from '../domain/index.ts';
import { COMPONENT_STATUSES } from '../domain/index.ts';

/** Both halves of a LocalizedText, for refilling a form. */
export function textPair(value: LocalizedText | undefined): { nl: string; en: string } {
  if (value === undefined) return { nl: '', en: '' };
  if (typeof value === 'string') return { nl: value, en: '' };
  return { nl: value.nl, en: value.en ?? '' };
}

/** The posted `product_<id>` selects as product id → status; unknown values are dropped. */
export function productStatuses(form: FormData, componentIds: readonly string[]): Record<string, ComponentStatus> {
  const chosen: Record<string, ComponentStatus> = {};
  for (const id of componentIds) {
    const value = form.get(`product_${id}`);
    if (typeof value === 'string' && (COMPONENT_STATUSES as readonly string[]).includes(value)) chosen[id] = value as ComponentStatus;
  }
  return chosen;
}

/** The posted values as plain strings, to refill a form after a refusal. */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string' && !(key in values)) values[key] = value;
  return values;
}
