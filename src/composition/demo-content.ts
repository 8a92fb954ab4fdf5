import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import { writeRebasedDemoContent } from '../content/rebase-demo-content.ts';

/**
 * A demo start without its own HELDER_CONTENT_DIR works on a copy of the shipped demo content in
 * <dataDir>/demo-content, made at the first start with every date moved to that day (the national
 * incident began this morning, maintenance is ahead, history covers the last 90 days). Later
 * starts keep that copy and whatever the admin wrote into it; the versioned content/ and every test
 * fixture stay as they are. Production, and a demo with an explicit content directory, are
 * returned unchanged.
 */
export function withDemoContent(config: Config, env: Readonly<Record<string, string | undefined>>, options: { projectDir: string; now: Date; log: (line: string) => void }): Config {
  if (config.env !== 'demo' || (env.HELDER_CONTENT_DIR ?? '').trim() !== '') return config;
  const contentDir = join(config.dataDir, 'demo-content');
  if (!existsSync(contentDir)) {
    const shift = writeRebasedDemoContent(join(options.projectDir, 'content'), contentDir, options.now);
    options.log(`Helder: demo content copied to ${contentDir}, dates moved ${shift.days} days to today`);
  }
  return { ...config, contentDir };
}
