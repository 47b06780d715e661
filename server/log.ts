import pino, { type Logger } from 'pino';

/** JSON logs on stderr (stdout carries the few plain lines a person reads: "listening on …"). */
export function createLogger(level: string): Logger {
  return pino(
    { level, base: undefined, redact: ['req.headers.authorization', 'token', 'password'] },
    pino.destination(2),
  );
}
