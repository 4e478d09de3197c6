/**
 * A real SMTP server inside the test process (smtp-server) that keeps what it receives, parsed
 * (mailparser). Used by the email tests, the multi-process tests and the browser tests.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface Received {
  rcpt: string[];
  raw: string;
  mail: ParsedMail;
  messageId: string;
  subject: string;
  headers: ParsedMail['headers'];
}

/** A message the server holds after reading it, before answering 250 (see TestSmtp.holdNext). */
export interface HeldMessage {
  /** Resolves once the message's data has arrived and is being held. */
  arrived: Promise<void>;
  /** Accepts it (250); the sender then marks it sent. */
  release(): void;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: Received[];
  /** Addresses answered with 550 at RCPT TO. */
  refuse: Set<string>;
  /** The next message is held open after its data arrives, until released: an email "being sent". */
  holdNext(): HeldMessage;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const refuse = new Set<string>();
  const holds: { arrived: () => void; released: Promise<void> }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (refuse.has(address.address.toLowerCase())) {
        const err = new Error('5.1.1 Mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      const hold = holds.shift();
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        hold?.arrived();
        Promise.all([simpleParser(raw), hold?.released]).then(([mail]) => {
          received.push({
            rcpt: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            raw,
            mail,
            messageId: mail.messageId ?? '',
            subject: mail.subject ?? '',
            headers: mail.headers,
          });
          cb();
        }, cb);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    refuse,
    holdNext() {
      let arrived!: () => void;
      let release!: () => void;
      const arrivedP = new Promise<void>((r) => (arrived = r));
      const released = new Promise<void>((r) => (release = r));
      holds.push({ arrived, released });
      return { arrived: arrivedP, release };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
