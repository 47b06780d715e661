import { ApiError, ClientError, ConnectionError } from '../client/errors.js';

/** A failure the CLI reports as one line on stderr. Exit codes: 1 failure, 2 usage error. */
export class CliError extends ClientError {
  override name = 'CliError';
}

/** Server error codes that mean "you asked wrongly" rather than "it failed": exit code 2. */
const USAGE_CODES = new Set(['invalid_request']);

/** The one line printed for any error, and the exit code. */
export function describeError(e: unknown): { line: string; exitCode: number } {
  if (e instanceof ClientError) return { line: `error: ${oneLine(e.message)}`, exitCode: e.exitCode };
  if (e instanceof ApiError) {
    return { line: `error: ${oneLine(e.message)} (${e.code})`, exitCode: USAGE_CODES.has(e.code) ? 2 : 1 };
  }
  if (e instanceof ConnectionError) return { line: `error: ${oneLine(e.message)}`, exitCode: 1 };
  const err = e as { code?: string; message?: string; name?: string };
  if (err?.name === 'AppError') return { line: `error: ${oneLine(err.message ?? '')} (${err.code})`, exitCode: 1 };
  if (err?.code === 'ECONNREFUSED' || (err?.message ?? '').includes('fetch failed')) {
    return { line: 'error: cannot reach the server (is it running? check --server)', exitCode: 1 };
  }
  return { line: `error: ${oneLine(err?.message ?? String(e))}`, exitCode: 1 };
}

/** Errors are one line: newlines folded, control characters (a server could send any) removed. */
function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
