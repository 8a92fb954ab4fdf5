import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One request a receiver got. */
export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** What a path answers: a status (with headers and a body), or 'hang' (never answers: a timeout). */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/**
 * Loopback receivers that act as Teams, Slack and a webhook consumer: every request recorded,
 * each path answering as the test says (200 by default; 429 with Retry-After, 500, a hang).
 */
export interface ChannelReceivers {
  /** http://127.0.0.1:<port> */
  url: string;
  /** https://127.0.0.1:<port>, with a self-signed certificate nobody trusts. */
  untrustedUrl: string;
  received: ReceivedRequest[];
  answers: Map<string, Answer>;
  close(): Promise<void>;
}

export async function startChannelReceivers(): Promise<ChannelReceivers> {
  const received: ReceivedRequest[] = [];
  const answers = new Map<string, Answer>();
  const hanging = new Set<ServerResponse>();
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)])), body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.get(path) ?? { status: 200, body: '1' };
      if (answer === 'hang') {
        hanging.add(response);
        return;
      }
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      response.end(answer.body ?? '');
    });
  };
  const plain = createHttpServer(handle);
  const dir = mkdtempSync(join(tmpdir(), 'helder-cert-'));
  // A fresh self-signed certificate for 127.0.0.1: real TLS that no client trusts.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const secure = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, handle);
  rmSync(dir, { recursive: true, force: true });
  const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const [plainPort, securePort] = await Promise.all([listen(plain), listen(secure)]);
  return {
    url: `http://127.0.0.1:${plainPort}`,
    untrustedUrl: `https://127.0.0.1:${securePort}`,
    received,
    answers,
    async close() {
      for (const response of hanging) response.destroy();
      for (const server of [plain, secure]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}
