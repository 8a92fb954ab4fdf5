import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/config.ts';

const CWD = '/srv/helder';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('publish target configuration', () => {
  it('has no targets unless a bucket or a command is given', () => {
    expect(loadConfig({}, CWD).publishTargets).toEqual({ s3: null, command: null });
  });

  it('reads an S3-compatible bucket with its own keys, and a command with its timeout', () => {
    const config = loadConfig(
      {
        HELDER_S3_BUCKET: 'status-leverancier-nl',
        HELDER_S3_PREFIX: 'status',
        HELDER_S3_REGION: 'nl-ams',
        HELDER_S3_ENDPOINT: 'https://s3.nl-ams.example-cloud.nl/',
        HELDER_S3_ACCESS_KEY_ID: 'HELDER-PUBLISH',
        HELDER_S3_SECRET_ACCESS_KEY: 'geheim-sleutel-2026',
        HELDER_PUBLISH_COMMAND: 'rclone sync "$HELDER_SITE_DIR" tweede:status',
        HELDER_PUBLISH_COMMAND_TIMEOUT_SECONDS: '120',
      },
      CWD,
    );
    expect(config.publishTargets).toEqual({
      s3: { bucket: 'status-leverancier-nl', prefix: 'status/', region: 'nl-ams', endpoint: 'https://s3.nl-ams.example-cloud.nl', credentials: { accessKeyId: 'HELDER-PUBLISH', secretAccessKey: 'geheim-sleutel-2026' } },
      command: { command: 'rclone sync "$HELDER_SITE_DIR" tweede:status', timeoutMs: 120_000 },
    });
    // Without keys of its own Helder uses the AWS default chain (AWS_ACCESS_KEY_ID, ~/.aws, an instance role).
    expect(loadConfig({ HELDER_S3_BUCKET: 'status-leverancier-nl' }, CWD).publishTargets.s3).toEqual({ bucket: 'status-leverancier-nl', prefix: '', region: 'us-east-1', endpoint: null, credentials: null });
  });

  it('names the variable that is wrong or missing, and never repeats a secret', () => {
    expect(problemsOf({ HELDER_S3_BUCKET: 'Status_Leverancier' })).toMatch(/HELDER_S3_BUCKET: must be an S3 bucket name/);
    expect(problemsOf({ HELDER_S3_ENDPOINT: 'https://s3.example-cloud.nl' })).toMatch(/HELDER_S3_BUCKET: is required when HELDER_S3_ENDPOINT is set/);
    const halfKeys = problemsOf({ HELDER_S3_BUCKET: 'status-leverancier-nl', HELDER_S3_SECRET_ACCESS_KEY: 'geheim-sleutel-2026' });
    expect(halfKeys).toMatch(/HELDER_S3_ACCESS_KEY_ID: is required when the other HELDER_S3_\*_KEY variable is set/);
    expect(halfKeys).not.toContain('geheim-sleutel-2026');
    expect(problemsOf({ HELDER_PUBLISH_COMMAND: 'rsync -a x y', HELDER_PUBLISH_COMMAND_TIMEOUT_SECONDS: '1' })).toMatch(/HELDER_PUBLISH_COMMAND_TIMEOUT_SECONDS: must be at least 5/);
  });
});
