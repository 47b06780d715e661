/**
 * Line output for the long-running commands (watch, visit): one JSON object per event, or one
 * text line; a reader that goes away (`| head`) ends the command quietly with exit code 0.
 */

import { safeJson } from '../../state/sanitize.js';

export { safeJson };

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
  process.stdout.write(`${line}\n`);
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

/**
 * After a long-running command has finished: if a stray handle keeps Node alive, exit anyway once
 * output is flushed.
 */
export function exitSoon(ms = 1500): void {
  setTimeout(() => process.exit(), ms).unref();
}
