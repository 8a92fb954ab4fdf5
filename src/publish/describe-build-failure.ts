import { isAbsolute, relative, resolve } from 'node:path';

export interface BuildFailure {
  exitCode: number | null;
  killedBecause: 'timeout' | 'aborted' | null;
  output: string;
  /** Directory the build ran in; relative paths in the output start here. */
  cwd: string;
}

const MAX_LINES = 40;
const MAX_CHARS = 4_000;

/**
 * Turns a failed build's console output into the few lines the admin shows: the error and the
 * problems it lists, without colour codes, timestamps, progress lines, stack traces or the
 * repeats Astro prints, and with file paths relative to `displayRoot` (the content folder's parent,
 * so they read "content/incidents/….md").
 */
export function describeBuildFailure(failure: BuildFailure, options: { displayRoot: string; timeoutMs?: number }): string {
  const headline =
    failure.killedBecause === 'timeout'
      ? `The build took longer than ${Math.round((options.timeoutMs ?? 0) / 1000)} s and was stopped.`
      : failure.killedBecause === 'aborted'
        ? 'The build was stopped because the server shut down.'
        : `The build failed (exit code ${failure.exitCode ?? 'none'}).`;

  const lines = failure.output
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\r?\n/)
    // Astro glues an error to the progress line it interrupted: "├─ /index.html21:16:10 [ERROR] …".
    .flatMap((line) => line.split(/(?=\d\d:\d\d:\d\d \[ERROR\])/))
    .map((line) => line.replace(/^\d\d:\d\d:\d\d /, '').replace(/\[ERROR\]\s*(\[[a-z-]+\]\s*)?/g, '').trimEnd());

  const firstError = lines.findIndex((line) => /error|failed|cannot|could not|problem/i.test(line) && !/^\s+at /.test(line));
  const relevant = firstError === -1 ? lines.slice(-MAX_LINES) : lines.slice(firstError);

  const seen = new Set<string>();
  const kept: string[] = [];
  for (const line of relevant) {
    // Stack frames and "Location:" point into generated chunks of a deleted scratch folder: noise for an editor.
    if (/^\s+at /.test(line) || /^\s*(Stack trace|Location):\s*$/.test(line) || /^\s*\S*[\\/](\.astro|node_modules)[\\/]\S*\s*$/.test(line) || line.trim() === '') continue;
    // Astro prints the same error up to three times, once prefixed with the page it was rendering.
    const plain = line.replace(/^Caught error rendering \S+: /, '').replace(/^\w*Error: /, '').trim();
    if (seen.has(plain)) continue;
    seen.add(plain);
    kept.push(rewritePaths(line, failure.cwd, options.displayRoot));
    if (kept.length >= MAX_LINES) break;
  }

  let text = [headline, ...kept].join('\n');
  if (text.length > MAX_CHARS) text = `${text.slice(0, MAX_CHARS - 1)}…`;
  return text;
}

/** "../../../content/incidents/x.md" (relative to the scratch cwd) → "content/incidents/x.md". */
function rewritePaths(line: string, cwd: string, displayRoot: string): string {
  return line.replace(/(?:\.\.\/)+[^\s:'"`)]+|\/[^\s:'"`)]+\/[^\s:'"`)]+/g, (match) => {
    if (match.startsWith('file://')) return match;
    const absolute = isAbsolute(match) ? match : resolve(cwd, match);
    const shown = relative(displayRoot, absolute);
    return shown.startsWith('..') ? match : shown;
  });
}
