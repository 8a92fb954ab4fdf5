/**
 * Worker thread for nextTimeBasedChange: reading and validating a thousand content files takes a
 * second or more of CPU, which must not stall the HTTP server sharing the publisher's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadContent } from '../content/load-content.ts';
import type { ContentSet } from '../domain/index.ts';
import { nextTimeBasedChange } from './next-time-based-change.ts';

const input = workerData as { contentDir: string; now: string };
let content: ContentSet | null = null;
try {
  content = loadContent(input.contentDir);
} catch {
  // A broken content file fails the build as well, where the admin sees it; midnight still applies.
}
const change = nextTimeBasedChange(content, new Date(input.now));
parentPort?.postMessage({ at: change.at.toISOString(), reason: change.reason });
