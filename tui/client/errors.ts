/** An error answer from the server, in the contract's shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached, or did not answer in time, or answered something that is not the API. */
export class ConnectionError extends Error {
  constructor(
    readonly server: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

/**
 * What the client was given does not work (a server URL, the stored session): one line for a person.
 * `exitCode` 2 when the caller asked wrongly (a usage error), 1 otherwise.
 */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}
