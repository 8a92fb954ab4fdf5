import type { Socket } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** What a test wants the server to do at each step; return an SMTP error to reply with it. */
export interface SinkBehaviour {
  onConnect?: (session: SMTPServerSession) => Error | 'drop' | void;
  onRcptTo?: (address: string, session: SMTPServerSession) => Error | 'drop' | void;
  /** Called once the message (final dot included) arrived. */
  afterData?: (message: ReceivedMessage, session: SMTPServerSession) => Error | 'drop' | void;
}

export interface ReceivedMessage {
  envelopeTo: string[];
  raw: Buffer;
  messageId: string | null;
}

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMessage[];
  /** TCP connections accepted (also the refused/dropped ones). */
  connections: number;
  behaviour: SinkBehaviour;
  close(): Promise<void>;
}

/** An SMTP error with the reply code smtp-server should answer with. */
export function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** A real smtp-server on 127.0.0.1, port 0, that records what arrives and injects faults on request. */
export async function startSmtpSink(behaviour: SinkBehaviour = {}): Promise<SmtpSink> {
  const sockets = new Map<number, Socket>();
  const sink = { received: [] as ReceivedMessage[], connections: 0, behaviour } as SmtpSink;
  const drop = (session: SMTPServerSession) => sockets.get(session.remotePort)?.destroy();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onConnect(session, callback) {
      const verdict = sink.behaviour.onConnect?.(session);
      if (verdict === 'drop') return drop(session);
      callback(verdict ?? undefined);
    },
    onRcptTo(address: SMTPServerAddress, session, callback) {
      const verdict = sink.behaviour.onRcptTo?.(address.address, session);
      if (verdict === 'drop') return drop(session);
      callback(verdict ?? undefined);
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const head = raw.subarray(0, Math.min(raw.length, 8192)).toString('latin1');
        const message: ReceivedMessage = {
          envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? null,
        };
        // "Received" means the server saw the final dot, whatever it answers next.
        sink.received.push(message);
        const verdict = sink.behaviour.afterData?.(message, session);
        if (verdict === 'drop') return drop(session);
        callback(verdict ?? null);
      });
    },
  });
  // Clients that vanish (a killed dispatcher, a dropped test connection) reset sockets: expected here.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  server.server.on('connection', (socket: Socket) => {
    sink.connections += 1;
    const port = socket.remotePort!;
    sockets.set(port, socket);
    socket.once('close', () => sockets.delete(port));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.port = (server.server.address() as { port: number }).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  sink.close = async () => {
    for (const socket of sockets.values()) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return sink;
}
