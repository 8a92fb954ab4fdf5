import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchContentFolder } from '../../../src/publish/content-watch.ts';
import { createFailureRetries } from '../../../src/publish/failure-retries.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('retrying a failed publish', () => {
  it('asks again after growing pauses, once per failure, and starts over after a success', () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T01:00:00Z') });
    const asked: string[] = [];
    const retries = createFailureRetries({ delaysMs: [30_000, 60_000, 120_000], requestPublish: (reason) => asked.push(reason) });

    retries.afterFailure();
    retries.afterFailure(); // a second failure while a retry waits does not add one
    expect(retries.next()).toEqual(new Date('2026-12-03T01:00:30Z'));
    vi.advanceTimersByTime(29_999);
    expect(asked).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(asked).toEqual(['Nieuwe poging na een mislukte publicatie (poging 2)']);
    expect(retries.next()).toBeNull();

    retries.afterFailure();
    expect(retries.next()!.getTime() - Date.now()).toBe(60_000);
    vi.advanceTimersByTime(60_000);
    retries.afterFailure();
    expect(retries.next()!.getTime() - Date.now()).toBe(120_000);
    vi.advanceTimersByTime(120_000);
    // The longest pause repeats.
    retries.afterFailure();
    expect(retries.next()!.getTime() - Date.now()).toBe(120_000);

    retries.afterSuccess();
    expect(retries.next()).toBeNull();
    vi.advanceTimersByTime(600_000);
    expect(asked).toHaveLength(3);
    retries.afterFailure();
    expect(retries.next()!.getTime() - Date.now()).toBe(30_000);
    retries.stop();
  });
});

describe('watching the content folder', () => {
  it('reports a change once the folder has been quiet, also in a subfolder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'helder-watch-'));
    mkdirSync(join(dir, 'incidents'));
    let changes = 0;
    const stop = watchContentFolder({ contentDir: dir, debounceMs: 150, onChange: () => changes++, log: () => {} });
    try {
      for (let index = 0; index < 5; index++) writeFileSync(join(dir, 'incidents', '2026-12-03-registra-brp-storing.md'), `---\nimpact: major\n# ${index}\n---\n`);
      await vi.waitFor(() => expect(changes).toBe(1), { timeout: 5_000 });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(changes).toBe(1);
    } finally {
      stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
