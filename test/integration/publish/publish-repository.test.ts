import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/store/database.ts';
import { createPublishRepository } from '../../../src/store/publish-repository.ts';

const AT = new Date('2026-11-27T09:30:00Z');
const holder = { host: 'helder-1', pid: 4242 };

describe('publish repository on a real SQLite file shared by two connections', () => {
  let dir = '';
  const open: Database[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const connect = () => {
    const db = openDatabase(join(dir, 'helder.sqlite'));
    open.push(db);
    return createPublishRepository(db);
  };

  it('lets only one connection start a run, and the other sees it as busy', () => {
    dir = mkdtempSync(join(tmpdir(), 'helder-publish-repo-'));
    const first = connect();
    const second = connect();
    first.addRequest('Storing Registra BRP geopend', AT);
    second.addRequest('Update bij storing Registra BRP', AT);

    const started = first.startRun({ buildId: '20261127T093000Z-aaaa', startedAt: AT, contentTime: AT, holder, isDead: () => false });
    const blocked = second.startRun({ buildId: '20261127T093000Z-bbbb', startedAt: AT, contentTime: AT, holder: { host: 'helder-2', pid: 77 }, isDead: () => false });

    expect(started).toMatchObject({ started: true, run: { reasons: ['Storing Registra BRP geopend', 'Update bij storing Registra BRP'] } });
    expect(blocked).toMatchObject({ started: false, why: 'busy', run: { buildId: '20261127T093000Z-aaaa' } });
    expect(second.pendingCount()).toBe(0);
  });

  it('refuses a second running row even when written by hand', () => {
    dir = mkdtempSync(join(tmpdir(), 'helder-publish-repo-'));
    const repo = connect();
    repo.addRequest('Storing Registra BRP geopend', AT);
    repo.startRun({ buildId: '20261127T093000Z-aaaa', startedAt: AT, contentTime: AT, holder, isDead: () => false });
    const insert = () =>
      open[0]!
        .prepare(`INSERT INTO publish_runs (build_id, status, started_at, content_time, host, pid) VALUES ('20261127T093100Z-cccc', 'running', ?, ?, 'x', 1)`)
        .run(AT.toISOString(), AT.toISOString());
    expect(insert).toThrow(/UNIQUE constraint failed: publish_runs.status/);
  });

  it('gives the requests of an interrupted run back to the queue, and records a failure with its error', () => {
    dir = mkdtempSync(join(tmpdir(), 'helder-publish-repo-'));
    const repo = connect();
    repo.addRequest('Storing Registra BRP geopend', AT);
    const run = repo.startRun({ buildId: '20261127T093000Z-aaaa', startedAt: AT, contentTime: AT, holder, isDead: () => false });
    if (!run.started) throw new Error('expected a run');
    repo.interruptRun(run.run.id, AT);
    expect(repo.pendingCount()).toBe(1);

    const retry = repo.startRun({ buildId: '20261127T093500Z-bbbb', startedAt: AT, contentTime: AT, holder, isDead: () => false });
    if (!retry.started) throw new Error('expected a run');
    repo.finishRun(retry.run.id, { status: 'failed', finishedAt: AT, durationMs: 8_123.4, error: 'content/incidents/x.md → impact: …' });
    expect(repo.latestRuns(5).map((entry) => [entry.status, entry.durationMs, entry.error])).toEqual([
      ['failed', 8_123, 'content/incidents/x.md → impact: …'],
      ['interrupted', null, null],
    ]);
    expect(() => repo.finishRun(retry.run.id, { status: 'succeeded', finishedAt: AT, durationMs: 1 })).toThrow(/is not running any more/);
  });
});
