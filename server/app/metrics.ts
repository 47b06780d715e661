import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Process health for operators and the benchmark: event-loop delay, memory, load. */
export function createMetrics() {
  const loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
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
