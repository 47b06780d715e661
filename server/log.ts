import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Secrets never reach the log, whatever a caller passes: fields with these names are censored.
 * (Message bodies, visitor names, invite links and tokens are not passed in the first place.)
 */
const REDACT = [
  'password',
  'token',
  'authorization',
  '*.password',
  '*.token',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * JSON logs on stderr (stdout carries the few plain lines a person reads: "listening on …"), with ISO
 * timestamps. `destination`: where the lines go instead (tests read them).
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino(
    { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: REDACT } },
    destination,
  );
}

/**
 * Sampling for lines that an attacker or a stuck client could repeat endlessly: `take(key)` is
 * true at most once per key per window, and tells how many were skipped since the last line.
 */
export function createSampler(windowMs = 60_000, now: () => number = Date.now, maxKeys = 10_000) {
  const last = new Map<string, { at: number; skipped: number }>();
  return {
    take(key: string): { skipped: number } | undefined {
      const t = now();
      const seen = last.get(key);
      if (seen && t - seen.at < windowMs) {
        seen.skipped += 1;
        return undefined;
      }
      if (!seen && last.size >= maxKeys) {
        // Forget the oldest keys rather than grow without bound.
        for (const [k, v] of last) if (t - v.at >= windowMs || last.size >= maxKeys) last.delete(k);
      }
      last.delete(key);
      last.set(key, { at: t, skipped: 0 });
      return { skipped: seen?.skipped ?? 0 };
    },
  };
}

export type Sampler = ReturnType<typeof createSampler>;
