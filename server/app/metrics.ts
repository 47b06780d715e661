import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Process health for operators and the benchmark: event-loop delay, memory, load. */
export function createMetrics() {
  const RESOLUTION_MS = 10;
  const loop: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  // The histogram measures timer lateness including the sampling interval itself: report the delay.
  const ms = (ns: number) => Math.max(0, Math.round(ns / 1e4) / 100 - RESOLUTION_MS);
  return {
    snapshot(extra: Record<string, number>) {
      const mem = process.memoryUsage();
      return {
        eventLoopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
        memoryMiB: { rss: Math.round(mem.rss / 1048576), heapUsed: Math.round(mem.heapUsed / 1048576) },
        uptimeS: Math.round(process.uptime()),
        ...extra,
      };
    },
    /** Starts a new measuring window (e.g. at the start of a benchmark phase). */
    reset: () => loop.reset(),
    stop: () => loop.disable(),
  };
}
