/**
 * Line output for the long-running commands (watch, visit): one JSON object per event, or one
 * text line; a reader that goes away (`| head`) ends the command quietly with exit code 0.
 */

// JSON.stringify escapes C0 controls but leaves DEL, C1 (e.g. U+009B, a one-byte CSI), bidi
// overrides and zero-width marks raw; escaping them keeps the line the same JSON value and
// safe to show on a terminal.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** JSON on one line, with every character a terminal could act on written as a `\uXXXX` escape. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One event line: `{"event": …, "data": …, "at": ISO}`. */
export function eventLine(event: string, data: unknown, at = new Date()): string {
  return safeJson({ event, data, at: at.toISOString() });
}

let guarded = false;

/** Writes one line to stdout. */
export function writeLine(line: string): void {
  if (!guarded) {
    guarded = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') process.stderr.write(`error: cannot write the output: ${e.message}\n`);
      process.exit(e.code === 'EPIPE' ? 0 : 1);
    });
  }
  process.stdout.write(line + '\n');
}

/**
 * Calls `onSignal` on the first SIGINT or SIGTERM (the way to stop a long-running command); the
 * returned function removes the handlers.
 */
export function onStopSignal(onSignal: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => onSignal(signal);
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** After a long-running command has finished: if a stray handle keeps Node alive, exit anyway once output is flushed. */
export function exitSoon(ms = 1500): void {
  setTimeout(() => process.exit(), ms).unref();
}
