/**
 * Where messages go: nodemailer over SMTP when SMTP_URL is set, otherwise one .eml file per
 * message in OUTBOX_DIR (named by its Message-ID, so a re-send after a crash overwrites the same
 * file instead of adding a second one). One connection per message: a slow or refusing
 * recipient never holds up the others, and there is no in-memory queue that could lose mail.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';

export interface OutgoingMail {
  from: string;
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  /** With angle brackets, e.g. "<tk.2026-10.summary.1.ab12@so.gov.vn>". */
  messageId: string;
  headers?: Record<string, string>;
}

export interface MailTransport {
  kind: 'smtp' | 'eml';
  /** Where mail goes, for logs (the SMTP host without credentials, or the folder). */
  where: string;
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
}

function toNodemailer(m: OutgoingMail) {
  return {
    from: m.from,
    to: { name: m.to.name, address: m.to.address },
    subject: m.subject,
    html: m.html,
    text: m.text,
    messageId: m.messageId,
    headers: m.headers,
  };
}

/** "smtp://user:secret@host:587" → "smtp://host:587" (credentials never reach the log). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'smtp';
  }
}

export function smtpTransport(
  url: string,
  timeouts = { connectionTimeout: 20_000, greetingTimeout: 15_000, socketTimeout: 60_000 },
): MailTransport {
  const t = nodemailer.createTransport({ url, pool: false, ...timeouts } as never);
  return {
    kind: 'smtp',
    where: redactUrl(url),
    async send(m) {
      const info = (await t.sendMail(toNodemailer(m))) as { response?: string };
      return { response: info.response ?? '' };
    },
    close: () => t.close(),
  };
}

/** File name for a Message-ID: only characters safe on every file system. */
export const emlFileName = (messageId: string) =>
  `${messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;

export function emlTransport(dir: string): MailTransport {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const where = path.resolve(dir);
  return {
    kind: 'eml',
    where,
    async send(m) {
      const info = (await t.sendMail(toNodemailer(m))) as { message: Buffer };
      fs.mkdirSync(where, { recursive: true });
      const file = path.join(where, emlFileName(m.messageId));
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, info.message);
      fs.renameSync(tmp, file);
      return { response: `written ${file}` };
    },
    close: () => t.close(),
  };
}

/** The transport named by the environment; logs where mail will go. */
export function createMailTransport(env: Pick<Env, 'SMTP_URL' | 'OUTBOX_DIR'>, logger: Logger): MailTransport {
  const t = env.SMTP_URL ? smtpTransport(env.SMTP_URL) : emlTransport(env.OUTBOX_DIR);
  logger.info(
    { transport: t.kind, where: t.where },
    t.kind === 'smtp'
      ? `email via SMTP ${t.where}`
      : `SMTP_URL not set: emails are written as .eml files to ${t.where}`,
  );
  return t;
}
