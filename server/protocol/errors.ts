/** The closed list of error codes of the wire contract, with their HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  not_your_turn: 409,
  no_agent_available: 409,
  /** Contract v2: outside business hours (POST /api/queue). */
  closed: 409,
  gone: 410,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** A failure the caller can act on. Thrown by domain and app code; mapped once at each edge. */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Seconds until a retry may succeed (rate limits). */
  readonly retryAfter?: number;
  constructor(code: ErrorCode, message: string, retryAfter?: number) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Turn any thrown value into the contract's error body; unknown errors become `internal`. */
export function toErrorBody(e: unknown): ErrorBody {
  if (isAppError(e)) {
    const body = errorBody(e.code, e.message);
    // Added to the contract: seconds until a retry may succeed (sockets have no Retry-After header).
    if (e.retryAfter !== undefined)
      (body.error as ErrorBody['error'] & { retryAfter?: number }).retryAfter = e.retryAfter;
    return body;
  }
  return errorBody('internal', 'Something went wrong on the server.');
}
