import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it, with the body decoded. */
export interface ReceivedMail {
  /** RCPT TO addresses of the envelope. */
  to: string[];
  /** MAIL FROM of the envelope. */
  from: string;
  /** Header lines, names lower-cased, values unfolded and with encoded-words decoded. */
  headers: Map<string, string>;
  subject: string;
  /** The text/plain part, transfer-decoded (quoted-printable or base64) to a string. */
  text: string;
  /** The message exactly as it came over the wire. */
  raw: string;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:<port> */
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Resolves once `count` messages in total have arrived, or rejects after `ms`. */
  waitFor(count: number, ms?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 and a random port, no auth needed, no TLS,
 * collecting every message.
 */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // No STARTTLS: the self-signed certificate smtp-server would offer is one a client rightly refuses.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          ...parseMail(raw),
          to: session.envelope.rcptTo.map((a) => a.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        });
        for (const w of waiters.splice(0)) {
          if (received.length >= w.count) w.resolve();
          else waiters.push(w);
        }
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    waitFor(count, ms = 5000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`SMTP server got ${received.length} of ${count} messages within ${ms} ms`)),
          ms,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Splits a raw RFC 5322 message into headers, subject and decoded text/plain body (single part or multipart). */
export function parseMail(raw: string): Omit<ReceivedMail, 'to' | 'from'> {
  const { headers, body } = splitEntity(raw);
  const text = textPart(headers, body) ?? '';
  return { headers, subject: headers.get('subject') ?? '', text, raw };
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? '' : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

function textPart(headers: Map<string, string>, body: string): string | undefined {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const inner = splitEntity(part.replace(/^\n/, ''));
      const found = textPart(inner.headers, inner.body);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!/^text\/plain/i.test(type)) return undefined;
  const charset = /charset="?([^";]+)"?/i.exec(type)?.[1] ?? 'utf-8';
  return decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit', charset);
}

function decodeBody(body: string, encoding: string, charset: string): string {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return new TextDecoder(charset).decode(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
  if (enc === 'quoted-printable') return new TextDecoder(charset).decode(decodeQuotedPrintable(body));
  return body;
}

/** RFC 2045 quoted-printable: `=\n` is a soft line break, `=XX` a byte. */
export function decodeQuotedPrintable(text: string): Buffer {
  const src = Buffer.from(text.replace(/[ \t]+$/gm, '').replace(/=\r?\n/g, ''), 'utf8');
  const bytes: number[] = [];
  const isHex = (b: number | undefined) => b !== undefined && /[0-9A-Fa-f]/.test(String.fromCharCode(b));
  for (let i = 0; i < src.length; i++) {
    if (src[i] === 0x3d && isHex(src[i + 1]) && isHex(src[i + 2])) {
      bytes.push(parseInt(src.toString('latin1', i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(src[i]!);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded-words in headers (=?utf-8?Q?…?= and =?utf-8?B?…?=). */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, charset: string, kind: string, data: string) => {
      const bytes =
        kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '));
      return new TextDecoder(charset).decode(bytes);
    });
}
