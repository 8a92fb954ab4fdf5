import type { Config } from '../config/config.ts';
import { createCommandTarget } from '../deploy/command-target.ts';
import type { PublishTarget } from '../deploy/publish-target.ts';
import { createS3Target } from '../deploy/s3-target.ts';
import { createTargetPublisher, type TargetPublisher } from '../deploy/target-publisher.ts';
import type { Publisher } from '../publish/create-publisher.ts';
import { buildDir } from '../publish/site-directory.ts';
import type { Database } from '../store/database.ts';

/** The publish targets the configuration names (HELDER_S3_*, HELDER_PUBLISH_COMMAND); null when there are none. */
export function createConfiguredTargets(config: Config, options: { db: Database; clock: () => Date; log: (line: string) => void }): TargetPublisher | null {
  const targets: PublishTarget[] = [];
  if (config.publishTargets.s3) targets.push(createS3Target(config.publishTargets.s3));
  if (config.publishTargets.command) targets.push(createCommandTarget(config.publishTargets.command));
  return targets.length === 0 ? null : createTargetPublisher({ ...options, targets });
}

/**
 * The publisher with its targets: starting it also copies the live build to any target that
 * missed it while the server was down, and stopping it stops the copies.
 */
export function withPublishTargets(publisher: Publisher, targets: TargetPublisher | null, sitesDir: string): Publisher {
  if (!targets) return publisher;
  return {
    ...publisher,
    requestPublish: (reason) => publisher.requestPublish(reason),
    start() {
      publisher.start();
      const buildId = publisher.status().currentBuildId;
      targets.resume(buildId ? { buildId, dir: buildDir(sitesDir, buildId) } : null);
    },
    async stop() {
      await Promise.all([publisher.stop(), targets.stop()]);
    },
  };
}
