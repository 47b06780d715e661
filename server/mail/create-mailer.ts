import nodemailer from 'nodemailer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mailer } from './mailer.js';
import { smtpFailure, smtpServerName } from './smtp-errors.js';

export const OUTBOX_DIR = 'outbox';

/** How long an invite request may wait on the SMTP server before the admin gets a clear error. */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/** SMTP through nodemailer when a URL is configured; otherwise each mail becomes an .eml file in <dataDir>/outbox. */
export function createMailer(o: { smtpUrl?: string; from: string; dataDir: string }): Mailer {
  return o.smtpUrl ? smtpMailer(o.smtpUrl, o.from) : outboxMailer(o.dataDir, o.from);
}

function smtpMailer(smtpUrl: string, from: string): Mailer {
  // Options from the URL's query string (e.g. ?connectionTimeout=) still win over these defaults.
  const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  const server = smtpServerName(smtpUrl);
  return {
    async send(mail) {
      try {
        await transport.sendMail({ from, ...mail });
      } catch (e) {
        throw smtpFailure(server, e);
      }
      return { via: 'smtp' };
    },
    close: () => transport.close(),
  };
}

function outboxMailer(dataDir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = join(dataDir, OUTBOX_DIR);
  let counter = 0;
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const safeTo = mail.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++counter}-${safeTo}.eml`);
      // The mail holds a live invite token: readable by the server's user only; never overwrite.
      writeFileSync(file, info.message as Buffer, { mode: 0o600, flag: 'wx' });
      return { via: 'outbox', file };
    },
    close: () => transport.close(),
  };
}
