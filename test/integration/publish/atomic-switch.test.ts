import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDir, currentBuildId, pruneBuilds, switchCurrent } from '../../../src/publish/site-directory.ts';

/**
 * A reader in another process (as the server or rsync would be) opens current/index.html in a
 * tight loop while this process switches `current` back and forth, and counts failed reads.
 */
const READER = `
const { readFileSync } = require('node:fs');
const file = process.argv[1];
let reads = 0, failures = 0;
const until = Date.now() + Number(process.argv[2]);
while (Date.now() < until) {
  try { if (!readFileSync(file, 'utf8').includes('Status van Voorbeeld Software')) failures++; } catch { failures++; }
  reads++;
}
process.stdout.write(JSON.stringify({ reads, failures }));
`;

function startReader(file: string, durationMs: number): Promise<{ reads: number; failures: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', READER, file, String(durationMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', () => resolve(JSON.parse(output) as { reads: number; failures: number }));
  });
}

async function switchFor(durationMs: number, switchOnce: (buildId: string) => void, ids: readonly string[]): Promise<number> {
  const until = Date.now() + durationMs;
  let switches = 0;
  while (Date.now() < until) {
    for (let index = 0; index < 200; index += 1) switchOnce(ids[switches++ % ids.length]!);
    // Let the event loop breathe so the test runner stays responsive.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return switches;
}

describe('switching the published site', () => {
  let sitesDir = '';
  afterEach(() => rmSync(sitesDir, { recursive: true, force: true }));

  const makeBuilds = (ids: readonly string[]) => {
    sitesDir = mkdtempSync(join(tmpdir(), 'helder-switch-'));
    for (const id of ids) {
      mkdirSync(buildDir(sitesDir, id), { recursive: true });
      writeFileSync(join(buildDir(sitesDir, id), 'index.html'), `<title>Status van Voorbeeld Software</title><p>${id}</p>`);
    }
  };

  it('never leaves a concurrent reader without a site', async () => {
    const ids = ['20261127T081200Z-aaaa', '20261127T084100Z-bbbb'];
    makeBuilds(ids);
    switchCurrent(sitesDir, ids[0]!);

    const reader = startReader(join(sitesDir, 'current', 'index.html'), 1_500);
    const switches = await switchFor(1_500, (id) => switchCurrent(sitesDir, id), ids);
    const { reads, failures } = await reader;

    expect(switches).toBeGreaterThan(1_000);
    expect(reads).toBeGreaterThan(1_000);
    expect(failures).toBe(0);
  });

  it('(control) the same reader does catch a switch that removes the old link first', async () => {
    const ids = ['20261127T081200Z-aaaa', '20261127T084100Z-bbbb'];
    makeBuilds(ids);
    switchCurrent(sitesDir, ids[0]!);
    const naive = (id: string) => {
      unlinkSync(join(sitesDir, 'current'));
      symlinkSync(join('builds', id), join(sitesDir, 'current'));
    };

    const reader = startReader(join(sitesDir, 'current', 'index.html'), 1_500);
    await switchFor(1_500, naive, ids);
    const { failures } = await reader;

    expect(failures).toBeGreaterThan(0);
  });

  it('keeps the newest builds and never deletes the current one', async () => {
    const ids = ['20261125T080000Z-0001', '20261126T080000Z-0002', '20261127T080000Z-0003', '20261127T090000Z-0004', '20261127T100000Z-0005'];
    makeBuilds(ids);
    switchCurrent(sitesDir, ids[0]!);

    const removed = await pruneBuilds(sitesDir, 3);

    expect(removed).toEqual(['20261126T080000Z-0002']);
    expect(currentBuildId(sitesDir)).toBe(ids[0]);
  });

  it('refuses to point current at a build that does not exist', () => {
    makeBuilds(['20261127T081200Z-aaaa']);
    expect(() => switchCurrent(sitesDir, '20261127T090000Z-ffff')).toThrow(/cannot publish build 20261127T090000Z-ffff: .* does not exist/);
  });
});
