import type { Logger } from 'pino';
import type { OutEvent } from '../events.js';

/**
 * The engine's work under way: every use case and background job is tracked, so that a graceful
 * stop can wait for all of it (and for what it started) before the sockets and the store close.
 */
export function createWork(log: Logger, publish: (events: OutEvent[]) => void) {
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    const forget = () => inflight.delete(p);
    p.then(forget, forget);
    return p;
  };
  return {
    track,
    /** Runs a background job and publishes its events; a failure is logged, never thrown. */
    background: (what: string, run: () => Promise<OutEvent[]>): Promise<void> =>
      track(run().then(publish, (err) => log.error({ err }, `${what} failed`))),
    async drain() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
  };
}
export type Work = ReturnType<typeof createWork>;
