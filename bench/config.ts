/**
 * Sizes and durations of each run mode. `full` is the benchmark; `quick` fits in a minute;
 * `smoke` is for `npm test`.
 */
export type Mode = 'full' | 'quick' | 'smoke';

/** A message-rate search: ×factor from startRate until a step fails, then `refine` bisections. */
export interface RateSearch {
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
}

export interface Profile {
  mode: Mode;
  messages: RateSearch & {
    agents: number;
    visitors: number;
    maxChats: number;
    /** Searches per target (Switchboard and baseline, interleaved); medians are reported. */
    runs: number;
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
  /**
   * The cluster scenario (`--only cluster`, never part of the default set): the same load on one
   * node and on `nodes` nodes sharing one PostgreSQL and one Redis, and on one SQLite node for
   * reference (`sqlite` 1/0). Flags (0/1) are numbers so that `--set cluster.sqlite=0` works.
   */
  cluster: RateSearch & {
    nodes: number;
    sqlite: number;
    /** PostgreSQL with fsync and synchronous_commit on (1), or off (0). */
    pgDurable: number;
    agents: number;
    /** Chats per agent, also --max-chats: every agent is full, so a waiting visitor waits. */
    chatsPerAgent: number;
    /** A fixed message rate below every configuration's capacity, for CPU per message. */
    costRate: number;
    costStepMs: number;
    /** A window without traffic before the cost step: idle CPU, subtracted from the cost step's. */
    idleMs: number;
    /** The SQLite node's search starts here (the others at startRate); p99LimitMs applies to ack and delivery. */
    sqliteStartRate: number;
    handovers: number;
    handoverGapMs: number;
    /** Queue drain: this many waiting visitors, served by `spareAgents` agents that come online. */
    drainVisitors: number;
    spareAgents: number;
    /** The routing-lock measurement's window (PostgreSQL only). */
    routingMs: number;
    joinsMs: number;
    joinConcurrency: number;
  };
  cli: { helpRuns: number };
  connectConcurrency: number;
  /** Quiet time before reading the server's RSS. */
  rssSettleMs: number;
}

const full: Profile = {
  mode: 'full',
  messages: {
    agents: 50,
    visitors: 1000,
    maxChats: 20,
    runs: 3,
    startRate: 1000,
    factor: 1.5,
    maxRate: 40_000,
    minRate: 100,
    refine: 2,
    stepMs: 4000,
    drainMs: 3000,
    pauseMs: 500,
    p99LimitMs: 50,
  },
  logins: { perSec: 5, windowMs: 10_000, pingEveryMs: 20 },
  desk: {
    agents: 200,
    maxChats: 5,
    waiting: 20_000,
    visitorSockets: 10_000,
    pollIntervalMs: 10_000,
    queueWindowMs: 20_000,
    joinConcurrency: 8,
    handovers: 200,
    handoverGapMs: 50,
    connectionsBaseline: true,
  },
  startup: { messages: 1_000_000, openChats: 10_000, runs: 3 },
  cluster: {
    nodes: 3,
    sqlite: 1,
    pgDurable: 1,
    agents: 50,
    chatsPerAgent: 20,
    costRate: 250,
    costStepMs: 4000,
    idleMs: 3000,
    startRate: 500,
    sqliteStartRate: 2000,
    factor: 1.5,
    maxRate: 40_000,
    minRate: 50,
    refine: 2,
    stepMs: 3000,
    drainMs: 3000,
    pauseMs: 500,
    p99LimitMs: 50,
    handovers: 100,
    handoverGapMs: 20,
    drainVisitors: 200,
    spareAgents: 10,
    routingMs: 3000,
    joinsMs: 8000,
    joinConcurrency: 32,
  },
  cli: { helpRuns: 15 },
  connectConcurrency: 100,
  rssSettleMs: 2000,
};

const quick: Profile = {
  mode: 'quick',
  messages: {
    ...full.messages,
    runs: 1,
    startRate: 2000,
    factor: 2,
    refine: 1,
    stepMs: 1000,
    drainMs: 1500,
    pauseMs: 200,
  },
  logins: { perSec: 5, windowMs: 2500, pingEveryMs: 20 },
  // The full 10,000 idle visitor sockets (RSS per connection depends on the count), and the same
  // 2,000 status requests/s as full (10,000 waiting polling every 5 s): status is O(log n) in the
  // queue length, the request rate is the load. No baseline RSS comparison (time).
  desk: {
    ...full.desk,
    waiting: 10_000,
    pollIntervalMs: 5000,
    visitorSockets: 10_000,
    queueWindowMs: 4000,
    handovers: 30,
    handoverGapMs: 20,
    connectionsBaseline: false,
  },
  startup: { messages: 100_000, openChats: 1000, runs: 3 },
  cluster: {
    // No SQLite reference (time; `--set cluster.sqlite=1` adds it).
    ...full.cluster,
    sqlite: 0,
    agents: 30,
    chatsPerAgent: 10,
    costStepMs: 1500,
    idleMs: 1500,
    factor: 2,
    refine: 1,
    stepMs: 1000,
    drainMs: 1500,
    pauseMs: 200,
    handovers: 20,
    drainVisitors: 60,
    spareAgents: 6,
    routingMs: 1000,
    joinsMs: 2000,
  },
  cli: { helpRuns: 5 },
  connectConcurrency: 100,
  rssSettleMs: 1000,
};

const smoke: Profile = {
  mode: 'smoke',
  messages: {
    agents: 4,
    visitors: 20,
    maxChats: 5,
    runs: 1,
    startRate: 50,
    factor: 2,
    maxRate: 100,
    minRate: 25,
    refine: 0,
    stepMs: 500,
    drainMs: 5000,
    pauseMs: 50,
    p99LimitMs: Number.POSITIVE_INFINITY,
  },
  logins: { perSec: 5, windowMs: 600, pingEveryMs: 20 },
  desk: {
    agents: 4,
    maxChats: 2,
    waiting: 40,
    visitorSockets: 20,
    pollIntervalMs: 500,
    queueWindowMs: 600,
    joinConcurrency: 2,
    handovers: 3,
    handoverGapMs: 10,
    connectionsBaseline: true,
  },
  startup: { messages: 2000, openChats: 50, runs: 1 },
  cluster: {
    nodes: 3,
    sqlite: 1,
    pgDurable: 0,
    agents: 4,
    chatsPerAgent: 2,
    costRate: 20,
    costStepMs: 300,
    idleMs: 300,
    startRate: 20,
    sqliteStartRate: 20,
    factor: 2,
    maxRate: 40,
    minRate: 10,
    refine: 0,
    stepMs: 300,
    drainMs: 3000,
    pauseMs: 50,
    p99LimitMs: Number.POSITIVE_INFINITY,
    handovers: 2,
    handoverGapMs: 20,
    drainVisitors: 4,
    spareAgents: 2,
    routingMs: 300,
    joinsMs: 300,
    joinConcurrency: 2,
  },
  cli: { helpRuns: 1 },
  connectConcurrency: 20,
  rssSettleMs: 100,
};

export const PROFILES: Record<Mode, Profile> = { full, quick, smoke };
