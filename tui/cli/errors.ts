/** A failure the CLI reports as one line on stderr. Exit codes: 1 failure, 2 usage error. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** An error answer from the server, in the contract's shape. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The one line printed for any error, and the exit code. */
export function describeError(e: unknown): { line: string; exitCode: number } {
  if (e instanceof CliError) return { line: `error: ${e.message}`, exitCode: e.exitCode };
  if (e instanceof ApiError) return { line: `error: ${e.message} (${e.code})`, exitCode: e.code === 'invalid_request' ? 2 : 1 };
  const err = e as { code?: string; message?: string; name?: string };
  if (err?.name === 'AppError') return { line: `error: ${err.message} (${err.code})`, exitCode: 1 };
  if (err?.code === 'ECONNREFUSED' || (err?.message ?? '').includes('fetch failed')) {
    return { line: 'error: cannot reach the server (is it running? check --server)', exitCode: 1 };
  }
  return { line: `error: ${err?.message ?? String(e)}`, exitCode: 1 };
}
