import { describe, expect, it } from 'vitest';
import { describeBuildFailure } from '../../../src/publish/describe-build-failure.ts';

const CWD = '/srv/helder/node_modules/.helder-publish/20261127T093000Z-40c3';
const FILE = '../../../data/content/incidents/2026-11-27-taxo-belastingen-traag.md';
const PROBLEM = `  ${FILE} → impact: expected one of "none", "minor", "major", "critical", got "catastrofaal"`;
const CHUNK = `${CWD}/.astro/.prerender/chunks/read-model_By3rDuPC.mjs`;

/** What `astro build` printed for a broken incident file (Astro 7.3), colour codes and all. */
const OUTPUT = [
  '\u001b[2m09:30:01\u001b[22m \u001b[34m[build]\u001b[39m output: "static"',
  '09:30:02 [build] Building static entrypoints...',
  ' generating static routes ',
  `09:30:04   ├─ /index.html09:30:04 [ERROR] ContentError: Content has 1 problem:`,
  PROBLEM,
  `    at loadContent (file://${CHUNK}:891:75)`,
  `    at getReadModel (file://${CHUNK}:922:27)`,
  '09:30:04 [ERROR] [build] Caught error rendering /: ContentError: Content has 1 problem:',
  PROBLEM,
  'Content has 1 problem:',
  PROBLEM,
  '  Location:',
  `    ${CHUNK}:998:75`,
  '  Stack trace:',
  `    at loadContent (file://${CHUNK}:891:75)`,
].join('\n');

describe('describeBuildFailure', () => {
  it('keeps the error and each problem once, with paths from the content folder and no noise', () => {
    const text = describeBuildFailure({ exitCode: 1, killedBecause: null, output: OUTPUT, cwd: CWD }, { displayRoot: '/srv/helder/data' });
    expect(text).toMatchInlineSnapshot(`
      "The build failed (exit code 1).
      ContentError: Content has 1 problem:
        content/incidents/2026-11-27-taxo-belastingen-traag.md → impact: expected one of "none", "minor", "major", "critical", got "catastrofaal""
    `);
  });

  it('says when the build was stopped for taking too long', () => {
    const text = describeBuildFailure({ exitCode: null, killedBecause: 'timeout', output: '09:30:01 [build] Building static entrypoints...', cwd: CWD }, { displayRoot: '/srv/helder/data', timeoutMs: 300_000 });
    expect(text.split('\n')[0]).toBe('The build took longer than 300 s and was stopped.');
  });

  it('caps very long output', () => {
    const output = Array.from({ length: 500 }, (_, index) => `error ${index}: ${'x'.repeat(200)}`).join('\n');
    const text = describeBuildFailure({ exitCode: 1, killedBecause: null, output, cwd: CWD }, { displayRoot: '/srv/helder/data' });
    expect(text.length).toBeLessThanOrEqual(4_000);
    expect(text.split('\n').length).toBeLessThanOrEqual(41);
  });
});
