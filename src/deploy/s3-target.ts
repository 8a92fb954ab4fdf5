import { readFile } from 'node:fs/promises';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CopyFailure, type CopyResult, type LiveBuild, type PublishTarget } from './publish-target.ts';
import { listSiteFiles, type SiteFile } from './site-files.ts';

export interface S3TargetSettings {
  bucket: string;
  /** "" for the bucket's root, else a folder ending in "/". */
  prefix: string;
  region: string;
  /** An S3-compatible store; null: AWS. */
  endpoint: string | null;
  /** null: the AWS default credential chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
}

/** Uploads at once: enough to hide request latency, few enough not to crowd the server's own work. */
const PARALLEL_UPLOADS = 8;

/**
 * An S3 bucket (AWS or S3-compatible) that holds exactly the live build. A copy lists what the
 * bucket holds, uploads the files whose bytes differ (assets first, then pages, feeds and JSON),
 * and only then deletes what the build no longer has: at every moment a reader finds a complete
 * site, old or new.
 */
export function createS3Target(settings: S3TargetSettings): PublishTarget {
  const client = new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // S3-compatible stores do not all understand the newer flexible checksums; MD5 is sent instead.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
  const where = `s3://${settings.bucket}/${settings.prefix}`;

  const existingObjects = async (signal: AbortSignal): Promise<Map<string, string>> => {
    const etags = new Map<string, string>();
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: settings.prefix || undefined, ContinuationToken: token }), { abortSignal: signal });
      for (const object of page.Contents ?? []) {
        if (object.Key) etags.set(object.Key.slice(settings.prefix.length), (object.ETag ?? '').replaceAll('"', ''));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return etags;
  };

  const upload = async (file: SiteFile, signal: AbortSignal) => {
    const body = await readFile(file.path);
    await client.send(
      new PutObjectCommand({
        Bucket: settings.bucket,
        Key: settings.prefix + file.key,
        Body: body,
        ContentType: file.contentType,
        CacheControl: file.cacheControl,
        // The store checks the bytes it received against this before it stores them.
        ContentMD5: Buffer.from(file.md5, 'hex').toString('base64'),
      }),
      { abortSignal: signal },
    );
  };

  const uploadAll = async (files: SiteFile[], signal: AbortSignal) => {
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        signal.throwIfAborted();
        await upload(files[next++]!, signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, files.length) }, worker));
  };

  const deleteAll = async (keys: string[], signal: AbortSignal) => {
    for (let start = 0; start < keys.length; start += 1000) {
      signal.throwIfAborted();
      const batch = keys.slice(start, start + 1000);
      const answer = await client.send(
        new DeleteObjectsCommand({ Bucket: settings.bucket, Delete: { Objects: batch.map((key) => ({ Key: settings.prefix + key })), Quiet: true } }),
        { abortSignal: signal },
      );
      const failed = answer.Errors ?? [];
      if (failed.length > 0) throw new CopyFailure('store_refused', `${failed.length} old files could not be removed, e.g. ${failed[0]!.Key}: ${failed[0]!.Code ?? ''} ${failed[0]!.Message ?? ''}`.trim());
    }
  };

  return {
    kind: 's3',
    async copy(build: LiveBuild, signal: AbortSignal): Promise<CopyResult> {
      try {
        const [files, existing] = await Promise.all([listSiteFiles(build.dir), existingObjects(signal)]);
        const changed = files.filter((file) => existing.get(file.key) !== file.md5);
        await uploadAll(changed.filter((file) => file.phase === 'assets'), signal);
        await uploadAll(changed.filter((file) => file.phase === 'pages'), signal);
        const inBuild = new Set(files.map((file) => file.key));
        const removed = [...existing.keys()].filter((key) => !inBuild.has(key)).sort();
        await deleteAll(removed, signal);
        return { uploaded: changed.length, unchanged: files.length - changed.length, deleted: removed.length };
      } catch (error) {
        if (signal.aborted || error instanceof CopyFailure) throw error;
        // An answer with an HTTP status: the store is there but refused (access denied, no such bucket).
        const answered = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== undefined;
        throw new CopyFailure(answered ? 'store_refused' : 'store_unreachable', `${where}: ${describeS3Error(error)}`, { cause: error });
      }
    },
  };
}

/** The SDK's error as one line an operator can act on: its code and message, never a stack or credentials. */
function describeS3Error(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const code = (error as { code?: string }).code;
  const name = error.name !== 'Error' ? error.name : code;
  return [name, status ? `(HTTP ${status})` : null, error.message && error.message !== name ? error.message : null].filter(Boolean).join(' ');
}
