import { CliError } from './errors.js';

/** Reads all of standard input (for --password-stdin); trailing newline removed. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks for a secret on the terminal without echoing it. */
export async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('no terminal to ask for the password: use --password-stdin', 2);
  const stdin = process.stdin;
  // No echo from the first key on: raw mode before the question invites the answer.
  stdin.setRawMode(true);
  stdin.resume();
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done();
          return resolve(value);
        }
        if (ch === '\u0003') {
          done();
          return reject(new CliError('cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

/**
 * A new password: from stdin (--password-stdin), or asked twice on the terminal. `check` refuses a
 * weak one before it is asked again; two different answers are refused.
 */
export async function readNewPassword(
  fromStdin: boolean | undefined,
  check: (password: string) => void,
  question = 'Password: ',
): Promise<string> {
  if (fromStdin) {
    const password = await readStdin();
    if (!password) throw new CliError('empty password', 2);
    check(password);
    return password;
  }
  const first = await readPassword(false, question);
  check(first);
  const second = await readPassword(false, 'Repeat the password: ');
  if (first !== second) throw new CliError('the two passwords differ: nothing was changed', 2);
  return first;
}

/** A username as typed, the way the server and the TUI read it: trimmed, lower case. */
export const normalizeUsername = (typed: string): string => typed.trim().toLowerCase();

/** The password from stdin (--password-stdin) or a hidden prompt. */
export async function readPassword(fromStdin: boolean | undefined, question = 'Password: '): Promise<string> {
  const password = fromStdin ? await readStdin() : await promptHidden(question);
  if (!password) throw new CliError('empty password', 2);
  return password;
}

/** Prints data as JSON (--json) or through the human formatter. */
export function print<T>(data: T, json: boolean | undefined, human: (data: T) => string): void {
  // A reader that stopped early (`| head`) is not a failure.
  if (process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') process.stderr.write(`error: cannot write the output: ${e.message}\n`);
      process.exit(e.code === 'EPIPE' ? 0 : 1);
    });
  }
  process.stdout.write(json ? `${safeJson(data, 2)}\n` : `${human(data)}\n`);
}

/** True when a person can answer questions: standard input and error are terminals. */
export const isInteractive = (): boolean => Boolean(process.stdin.isTTY && process.stderr.isTTY);

/** Asks one line on the terminal (question on stderr, so stdout stays data). */
export async function promptLine(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('no terminal to ask on', 2);
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const cancel = new Promise<never>((_, reject) => rl.once('SIGINT', () => reject(new CliError('cancelled'))));
  try {
    return (await Promise.race([rl.question(question), cancel])).trim();
  } finally {
    rl.close();
  }
}

/** Asks a yes/no question on the terminal; only "y" or "yes" is a yes. */
export async function confirm(question: string): Promise<boolean> {
  return /^y(es)?$/i.test(await promptLine(`${question} [y/N] `));
}

export { clean } from '../state/sanitize.js';
import { clean, safeJson } from '../state/sanitize.js';

/** A plain text table: a header row, then the rows, columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => clean(c)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  return cells
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length))).join('  '))
    .join('\n');
}

/** An ISO time as local `YYYY-MM-DD HH:MM`, for people (the --json output keeps the ISO string). */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return clean(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
