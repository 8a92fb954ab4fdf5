/**
 * `npm start`: the whole product, in two processes on the embedded defaults (SQLite and the built
 * sites in ./data): the public front (scripts/public-front.ts), which serves the status page, and
 * the admin it supervises (scripts/admin-process.ts).
 *
 * This entry only turns on Node's compile cache before anything else is loaded. Node strips the
 * types of every .ts file and compiles it at each start; loading the type stripper (a large
 * WebAssembly module) and compiling cost the front a second or more before it could listen on a
 * busy machine. With the cache, a start after the first reuses the stripped and compiled code,
 * and this entry is plain JavaScript so that the stripper is not loaded at all (figures in
 * docs/benchmarks.md, "npm start: time to the first page"). The cache lives in
 * node_modules/.cache/helder-compile (per checkout, thrown away with node_modules); Node keys it
 * by file contents and its own version, so an edited file is compiled again. NODE_COMPILE_CACHE
 * chooses another directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';

if (!process.env.NODE_DISABLE_COMPILE_CACHE) {
  enableCompileCache(process.env.NODE_COMPILE_CACHE || join(import.meta.dirname, '..', 'node_modules', '.cache', 'helder-compile'));
}
await import('./public-front.ts');
