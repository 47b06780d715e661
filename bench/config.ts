/** Sizes and durations of each run mode. `full` is the benchmark; `quick` fits in a minute; `smoke` is for `npm test`. */
export type Mode = 'full' | 'quick' | 'smoke';

export interface Profile {
  mode: Mode;
  messages: {
    agents: number;
    visitors: number;
    maxChats: number;
    /** Searches per target (Switchboard and baseline, interleaved); medians are reported. */
    runs: number;
    startRate: number;
    factor: number;
    maxRate: number;
    minRate: number;
    /** Bisection steps between the last passing and the first failing rate. */
    refine: number;
    stepMs: number;
    drainMs: number;
    pauseMs: number;
    /** A step passes when nothing is lost and p99 is below this (smoke: no latency criterion). */
    p99LimitMs: number;
  };
  logins: { perSec: number; windowMs: number; pingEveryMs: number };
  desk: {
    agents: number;
    maxChats: number;
    waiting: number;
    /** Idle visitor sockets (the chats' /visitor sockets, then /queue sockets of the first waiting). */
    visitorSockets: number;
    pollIntervalMs: number;
    queueWindowMs: number;
    joinConcurrency: number;
    handovers: number;
    handoverGapMs: number;
    /** Also open the same sockets on the bare relay and measure its RSS per connection. */
    connectionsBaseline: boolean;
  };
  startup: { messages: number; openChats: number; runs: number };
  cli: { helpRuns: number };
  connectConcurrency: number;
  /** Quiet time before reading the server's RSS. */
  rssSettleMs: number;
}

const full: Profile = {
  mode: 'full',
  messages: { agents: 50, visitors: 1000, maxChats: 20, runs: 3, startRate: 1000, factor: 1.5, maxRate: 40_000, minRate: 100, refine: 2, stepMs: 4000, drainMs: 3000, pauseMs: 500, p99LimitMs: 50 },
  logins: { perSec: 5, windowMs: 10_000, pingEveryMs: 20 },
  desk: { agents: 200, maxChats: 5, waiting: 20_000, visitorSockets: 10_000, pollIntervalMs: 10_000, queueWindowMs: 20_000, joinConcurrency: 8, handovers: 200, handoverGapMs: 50, connectionsBaseline: true },
  startup: { messages: 1_000_000, openChats: 10_000, runs: 3 },
  cli: { helpRuns: 15 },
  connectConcurrency: 100,
  rssSettleMs: 2000,
};

const quick: Profile = {
  mode: 'quick',
  messages: { ...full.messages, runs: 1, startRate: 2000, factor: 2, refine: 1, stepMs: 1000, drainMs: 1500, pauseMs: 200 },
  logins: { perSec: 5, windowMs: 2500, pingEveryMs: 20 },
  // The full 10,000 idle visitor sockets (RSS per connection depends on the count), and the same
  // 2,000 status requests/s as full (10,000 waiting polling every 5 s): status is O(log n) in the
  // queue length, the request rate is the load. No baseline RSS comparison (time).
  desk: { ...full.desk, waiting: 10_000, pollIntervalMs: 5000, visitorSockets: 10_000, queueWindowMs: 4000, handovers: 30, handoverGapMs: 20, connectionsBaseline: false },
  startup: { messages: 100_000, openChats: 1000, runs: 3 },
  cli: { helpRuns: 5 },
  connectConcurrency: 100,
  rssSettleMs: 1000,
};

const smoke: Profile = {
  mode: 'smoke',
  messages: { agents: 4, visitors: 20, maxChats: 5, runs: 1, startRate: 50, factor: 2, maxRate: 100, minRate: 25, refine: 0, stepMs: 500, drainMs: 5000, pauseMs: 50, p99LimitMs: Number.POSITIVE_INFINITY },
  logins: { perSec: 5, windowMs: 600, pingEveryMs: 20 },
  desk: { agents: 4, maxChats: 2, waiting: 40, visitorSockets: 20, pollIntervalMs: 500, queueWindowMs: 600, joinConcurrency: 2, handovers: 3, handoverGapMs: 10, connectionsBaseline: true },
  startup: { messages: 2000, openChats: 50, runs: 1 },
  cli: { helpRuns: 1 },
  connectConcurrency: 20,
  rssSettleMs: 100,
};

export const PROFILES: Record<Mode, Profile> = { full, quick, smoke };
