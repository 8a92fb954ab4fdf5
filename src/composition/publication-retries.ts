import { retryPublications } from '../use-cases/messages/retry-publications.ts';
import type { HelderApp } from './helder-app.ts';

/**
 * Finishes the publication of approved messages whose publication failed or was cut off: once at
 * start-up, then every `intervalMs` (live and drill alike). A message whose content write keeps
 * failing (a broken content file) is tried again on each round until it goes through. Returns a
 * function that stops the timer.
 */
export function startPublicationRetries(app: HelderApp, options: { intervalMs?: number; log?: (line: string) => void } = {}): () => void {
  const log = options.log ?? ((line: string) => console.log(line));
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      for (const context of app.contexts) {
        for (const { messageId, result } of await retryPublications(context)) {
          log(`publish: message ${messageId}: ${result.state === 'published' ? 'published' : `not yet published (${result.state})`}`);
        }
      }
    } catch (error) {
      log(`publish: retrying publications failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  void round();
  const timer = setInterval(() => void round(), options.intervalMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
