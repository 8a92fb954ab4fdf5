import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** s3rver's fixed credentials: it checks the signature, so a wrong key fails as it would on AWS. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalS3 {
  endpoint: string;
  client: S3Client;
  /** Every request the server received, in order: "PUT /bucket/key", "GET /bucket?list-type=2…". */
  requests: string[];
  /** Every key in the bucket, sorted. */
  keys(bucket: string): Promise<string[]>;
  head(bucket: string, key: string): Promise<{ contentType: string | undefined; cacheControl: string | undefined; lastModified: Date | undefined }>;
  text(bucket: string, key: string): Promise<string>;
  put(bucket: string, key: string, body: string): Promise<void>;
  /** Stops the server (its data stays until `close`); `start` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A real S3-compatible server (s3rver, files in a temp folder) on 127.0.0.1, with the given buckets. */
export async function startLocalS3(buckets: string[], port = 0): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'helder-s3-'));
  const serverOn = (atPort: number) => new S3rver({ address: '127.0.0.1', port: atPort, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const requests: string[] = [];
  let server = serverOn(port);
  const record = (instance: S3rver) =>
    instance.httpServer.prependListener('request', (request: IncomingMessage) => requests.push(`${request.method} ${decodeURIComponent(request.url ?? '')}`));
  const address = await server.run();
  record(server);
  const endpoint = `http://127.0.0.1:${address.port}`;
  let running = true;
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  return {
    endpoint,
    client,
    requests,
    async keys(bucket) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((object) => object.Key!));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async head(bucket, key) {
      const answer = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { contentType: answer.ContentType, cacheControl: answer.CacheControl, lastModified: answer.LastModified };
    },
    async text(bucket, key) {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return answer.Body!.transformToString('utf8');
    },
    async put(bucket, key, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/html; charset=utf-8' }));
    },
    async stop() {
      if (!running) return;
      await server.close();
      running = false;
    },
    async start() {
      if (running) return;
      server = serverOn(address.port);
      await server.run();
      record(server);
      running = true;
    },
    async close() {
      if (running) await server.close();
      running = false;
      client.destroy();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
