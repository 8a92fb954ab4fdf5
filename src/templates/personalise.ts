import { escapeHtml } from './text-safety.ts';
import { UNSUBSCRIBE_PLACEHOLDER } from './unsubscribe-placeholder.ts';

/**
 * Puts one recipient's unsubscribe link into an approved rendering, at send time. The approved
 * (hashed) text holds UNSUBSCRIBE_PLACEHOLDER; only that address changes, escaped for each part.
 */
export function personalise<T extends { html: string; text: string }>(rendered: T, unsubscribeUrl: string): T {
  if (typeof unsubscribeUrl !== 'string' || !/^https:\/\/[^\s"'<>]+$/.test(unsubscribeUrl) || !URL.canParse(unsubscribeUrl)) {
    throw new Error(`personalise: the unsubscribe URL must be an https: address without spaces or quotes; got ${JSON.stringify(String(unsubscribeUrl)).slice(0, 80)}`);
  }
  if (!rendered.html.includes(UNSUBSCRIBE_PLACEHOLDER) || !rendered.text.includes(UNSUBSCRIBE_PLACEHOLDER)) {
    throw new Error('personalise: the rendering has no unsubscribe placeholder; render without unsubscribeUrl, and personalise each copy only once');
  }
  return {
    ...rendered,
    html: rendered.html.replaceAll(UNSUBSCRIBE_PLACEHOLDER, escapeHtml(unsubscribeUrl)),
    text: rendered.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, unsubscribeUrl),
  };
}
