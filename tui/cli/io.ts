import { CliError } from './errors.js';

/** Reads all of standard input (for --password-stdin); trailing newline removed. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks for a secret on the terminal without echoing it. */
export async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('no terminal to ask for the password: use --password-stdin', 2);
  process.stderr.write(question);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
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

/** The password from stdin (--password-stdin) or a hidden prompt. */
export async function readPassword(fromStdin: boolean | undefined, question = 'Password: '): Promise<string> {
  const password = fromStdin ? await readStdin() : await promptHidden(question);
  if (!password) throw new CliError('empty password', 2);
  return password;
}

/** Prints data as JSON (--json) or through the human formatter. */
export function print<T>(data: T, json: boolean | undefined, human: (data: T) => string): void {
  process.stdout.write(json ? JSON.stringify(data, null, 2) + '\n' : human(data) + '\n');
}
