/**
 * Checks a built site's Statuspage API files against their schemas: every endpoint present, every
 * file valid. The endpoint routes already validate while building; this re-checks what actually
 * landed on disk (e.g. after a copy or deploy step).
 *
 *   npx node scripts/validate-api-output.ts [built-site-dir]   (default: $HELDER_OUT_DIR or dist)
 *
 * For the full build (with the adapter) the static files are under <dir>/client.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { API_ENDPOINTS } from '../src/api/endpoints.ts';

const argument = process.argv[2] ?? process.env.HELDER_OUT_DIR ?? 'dist';
const base = resolve(argument);
const root = existsSync(join(base, 'client', 'api')) ? join(base, 'client') : base;

const problems: string[] = [];
for (const endpoint of Object.values(API_ENDPOINTS)) {
  const file = join(root, 'api', 'v2', endpoint.path);
  if (!existsSync(file)) {
    problems.push(`${file}: missing; the build did not emit /api/v2/${endpoint.path}`);
    continue;
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    continue;
  }
  const result = endpoint.schema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues.slice(0, 10)) problems.push(`${file} → ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
}

if (problems.length > 0) {
  console.error(`Statuspage API output in ${root} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Statuspage API output in ${root}: all ${Object.keys(API_ENDPOINTS).length} endpoints match their schemas.`);
