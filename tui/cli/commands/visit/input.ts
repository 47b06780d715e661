import { createInterface, type Interface } from 'node:readline';

/**
 * Standard input as a queue of lines, read from the start (lines typed while waiting in the queue
 * are kept and sent once the chat starts).
 */
export class LineInput {
  private readonly lines: string[] = [];
  private eof = false;
  private waiters: (() => void)[] = [];
  private readonly rl: Interface;

  /** On a terminal, during the chat: remove the echoed line (the sent message is printed with its time instead). */
  eraseEcho = false;

  constructor(private readonly stream: NodeJS.ReadStream = process.stdin) {
    this.rl = createInterface({ input: stream, crlfDelay: Infinity, terminal: false });
    this.rl.on('line', (line) => {
      if (this.eraseEcho) process.stdout.write('\x1b[1A\x1b[2K');
      this.lines.push(line);
      this.wake();
    });
    this.rl.on('close', () => {
      this.eof = true;
      this.wake();
    });
  }

  /** Lines read but not taken yet. */
  get pending(): readonly string[] {
    return this.lines;
  }

  /** Standard input is closed and every line has been taken. */
  get done(): boolean {
    return this.eof && this.lines.length === 0;
  }

  /** Resolves at the next line or at end of input. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The next line, or null at end of input. */
  async next(): Promise<string | null> {
    while (this.lines.length === 0) {
      if (this.eof) return null;
      await this.changed();
    }
    return this.lines.shift()!;
  }

  close(): void {
    this.rl.close();
    this.stream.pause();
    if (!this.stream.isTTY) this.stream.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/** The line that ends the chat (or leaves the queue). */
export const isEndCommand = (line: string) => line.trim() === '/end';
