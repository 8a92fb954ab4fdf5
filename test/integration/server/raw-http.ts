import { connect } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** Decoded (gzip/br undone) body. */
  body: Buffer;
  text: string;
  /** Size on the wire, before decoding. */
  wireLength: number;
}

/**
 * Sends the request target byte for byte. fetch() and http.request normalise "..", "%2e%2e" and
 * friends before sending, which would hide exactly the attacks the server must refuse.
 */
export function rawRequest(port: number, target: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const head = [`${options.method ?? 'GET'} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
    for (const [name, value] of Object.entries(options.headers ?? {})) head.push(`${name}: ${value}`);
    if (options.body !== undefined) head.push(`Content-Length: ${Buffer.byteLength(options.body)}`);
    socket.on('connect', () => socket.write(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(options.body ?? '')])));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const [statusLine, ...headerLines] = raw.subarray(0, split).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      let body: Buffer = raw.subarray(split + 4);
      if (headers['transfer-encoding'] === 'chunked') body = dechunk(body);
      const wireLength = body.length;
      try {
        // HEAD and 304 carry the encoding header but no body.
        if (body.length > 0 && headers['content-encoding'] === 'br') body = brotliDecompressSync(body);
        if (body.length > 0 && headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      } catch (error) {
        reject(error);
        return;
      }
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body, text: body.toString('utf8'), wireLength });
    });
  });
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
