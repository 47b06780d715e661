import nodemailer from 'nodemailer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mailer } from './mailer.js';

export const OUTBOX_DIR = 'outbox';

/** SMTP through nodemailer when a URL is configured; otherwise each mail becomes an .eml file in <dataDir>/outbox. */
export function createMailer(o: { smtpUrl?: string; from: string; dataDir: string }): Mailer {
  if (o.smtpUrl) {
    const transport = nodemailer.createTransport(o.smtpUrl);
    return {
      async send(mail) {
        await transport.sendMail({ from: o.from, ...mail });
        return { via: 'smtp' };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = join(o.dataDir, OUTBOX_DIR);
  let counter = 0;
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: o.from, ...mail });
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const safeTo = mail.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++counter}-${safeTo}.eml`);
      writeFileSync(file, info.message as Buffer, { mode: 0o600 });
      return { via: 'outbox', file };
    },
    close: () => transport.close(),
  };
}
