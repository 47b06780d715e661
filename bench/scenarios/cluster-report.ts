/** The cluster scenario's result types and its table (see cluster.ts). */
import type { Profile } from '../config.js';
import type { StepResult } from '../load/chat-world.js';
import { round, type Summary } from '../lib/stats.js';
import type { PgActivity } from '../lib/stores.js';

export type Key = 'sqlite' | 'one' | 'three';
export interface Cpu {
  cores: Record<string, number>;
  machineBusyCores: number;
}
export interface ClusterStep extends StepResult {
  cpu?: Cpu;
  nodeEventLoopP99Ms?: (number | null)[];
  pg?: PgActivity;
}

export interface ConfigResult {
  key: Key;
  label: string;
  /** The machine's 1-minute load average when the configuration started (a shared machine). */
  loadAverage1m: number;
  nodes: number;
  store: 'sqlite' | 'postgres';
  visitors: number;
  agents: number;
  cost: {
    rate: number;
    step: ClusterStep;
    idleCores: Record<string, number>;
    cpuMsPerMessage: Record<string, number>;
    cpuMsPerMessageAboveIdle: Record<string, number>;
  };
  messages: {
    deliveredPerSec: number | null;
    p50Ms: number | null;
    p99Ms: number | null;
    ackP50Ms: number | null;
    ackP99Ms: number | null;
    best: ClusterStep | undefined;
    steps: ClusterStep[];
  };
  handover: {
    count: number;
    endToAssignedMs: Summary;
    startToAssignedMs: Summary;
    endToTurnMs: Summary;
    errors: number;
    timeouts: number;
    errorNotes: string[];
  };
  drain?: {
    visitors: number;
    assigned: number;
    startsPerSec: number;
    drainMs: number;
    connectSparesMs: number;
    finished: boolean;
  };
  routingLock?: {
    parallel: number;
    servedPerSec: number;
    transactionsPerSec: number;
    ceilingTransactionsPerSec: number;
    holdMs: Summary;
    lockWaitMs: Summary;
    noAgent: number;
    exhausted: boolean;
  }[];
  joins: {
    perSec: number;
    joins: number;
    latencyMs: Summary;
    perNode: number[];
    errors: Record<string, number>;
    cpu: Cpu;
    cpuMsPerJoin: Record<string, number>;
    pg?: PgActivity;
  };
  nodeLog: { lines: number; first: string[] };
}

export interface ClusterResult {
  skipped?: string;
  nodes: number;
  postgres?: { durable: boolean };
  configs: Partial<Record<Key, ConfigResult>>;
  errors: Record<string, string>;
  ratios: Record<string, number | null>;
  table?: string;
}

export const num = (n: number | null | undefined, digits = 1, unit = '') =>
  n === null || n === undefined || !Number.isFinite(n)
    ? '-'
    : `${n.toLocaleString('en-US', { maximumFractionDigits: digits })}${unit}`;
export const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a === null ||
  a === undefined ||
  b === null ||
  b === undefined ||
  !Number.isFinite(a) ||
  !Number.isFinite(b) ||
  b === 0
    ? null
    : round(a / b, 2);

/** The table printed and stored in the JSON: one column per configuration, ratios three ÷ one. */
export function report(r: ClusterResult, p: Profile['cluster']): string {
  const keys: Key[] = ['sqlite', 'one', 'three'];
  const c = r.configs;
  const head = [
    '',
    ...keys.map(
      (k) =>
        c[k]?.label ??
        (k === 'sqlite' ? 'SQLite, 1 node' : k === 'one' ? 'PostgreSQL, 1 node' : `PostgreSQL, ${r.nodes} nodes`),
    ),
    `${r.nodes} ÷ 1`,
  ];
  const rows: string[][] = [];
  const row = (what: string, f: (x: ConfigResult) => string, rat?: (x: ConfigResult) => number | null | undefined) =>
    rows.push([
      what,
      ...keys.map((k) => (c[k] ? f(c[k]!) : '-')),
      rat && c.one && c.three ? num(ratio(rat(c.three), rat(c.one)), 2) : '',
    ]);
  row('machine load average (1 min) at the start', (x) => num(x.loadAverage1m, 2));
  row(
    `queue joins/s (${p.joinConcurrency} in flight, round-robin)`,
    (x) => num(x.joins.perSec, 0),
    (x) => x.joins.perSec,
  );
  row('  cores: nodes / PG / Redis / load / other', (x) => {
    const k = x.joins.cpu.cores;
    return `${num(k.nodes, 2)} / ${num(k.postgres, 2)} / ${num(k.redis, 2)} / ${num(k.load, 2)} / ${num(k.other, 2)}`;
  });
  row(
    '  join p50 / p99 ms',
    (x) => `${num(x.joins.latencyMs.p50)} / ${num(x.joins.latencyMs.p99)}`,
    (x) => x.joins.latencyMs.p99,
  );
  row(
    `messages/s acked + delivered (p99 < ${p.p99LimitMs} ms)`,
    (x) => num(x.messages.deliveredPerSec, 0),
    (x) => x.messages.deliveredPerSec,
  );
  row(
    '  ack p50 / p99 ms (at that rate)',
    (x) => `${num(x.messages.ackP50Ms)} / ${num(x.messages.ackP99Ms)}`,
    (x) => x.messages.ackP99Ms,
  );
  row(
    '  delivery p50 / p99 ms',
    (x) => `${num(x.messages.p50Ms)} / ${num(x.messages.p99Ms)}`,
    (x) => x.messages.p99Ms,
  );
  row('  cores at that rate: nodes / PG / Redis / load / other', (x) => {
    const k = x.messages.best?.cpu?.cores;
    return k
      ? `${num(k.nodes, 2)} / ${num(k.postgres, 2)} / ${num(k.redis, 2)} / ${num(k.load, 2)} / ${num(k.other, 2)}`
      : '-';
  });
  row('  per node at that rate: messages/s, cores', (x) => {
    const b = x.messages.best;
    return b?.cpu ? `${num(b.deliveredPerSec / x.nodes, 0)}/s, ${num(b.cpu.cores.nodes! / x.nodes, 2)}` : '-';
  });
  row('  PG connections in use, mean / max (pool: 10 per node)', (x) =>
    x.messages.best?.pg ? `${num(x.messages.best.pg.busyMean)} / ${num(x.messages.best.pg.busyMax, 0)}` : '-',
  );
  row('  same, at the first failing rate above it', (x) => {
    const fail = x.messages.steps
      .filter((s) => !s.pass && s.rate > (x.messages.best?.rate ?? 0))
      .sort((a, b) => a.rate - b.rate)[0];
    return fail?.pg ? `${num(fail.pg.busyMean)} / ${num(fail.pg.busyMax, 0)} at ${num(fail.rate, 0)}/s` : '-';
  });
  row(
    `CPU ms per message at ${p.costRate}/s: nodes / PG / Redis`,
    (x) => {
      const k = x.cost.cpuMsPerMessage;
      return `${num(k.nodes, 2)} / ${num(k.postgres, 2)} / ${num(k.redis, 2)}`;
    },
    (x) => x.cost.cpuMsPerMessage.nodes,
  );
  row(
    '  the same less idle CPU (no traffic)',
    (x) => {
      const k = x.cost.cpuMsPerMessageAboveIdle;
      return `${num(k.nodes, 2)} / ${num(k.postgres, 2)} / ${num(k.redis, 2)}`;
    },
    (x) => x.cost.cpuMsPerMessageAboveIdle.nodes,
  );
  row(
    '  idle cores: nodes / PG / Redis',
    (x) =>
      `${num(x.cost.idleCores.nodes, 2)} / ${num(x.cost.idleCores.postgres, 2)} / ${num(x.cost.idleCores.redis, 2)}`,
  );
  row(
    `  ack p50 / p99 ms at ${p.costRate}/s`,
    (x) => `${num(x.cost.step.ackLatencyMs.p50)} / ${num(x.cost.step.ackLatencyMs.p99)}`,
    (x) => x.cost.step.ackLatencyMs.p99,
  );
  row(
    'hand-over chat:end ack → chat:assigned p50 / p99 ms',
    (x) => `${num(x.handover.endToAssignedMs.p50)} / ${num(x.handover.endToAssignedMs.p99)}`,
    (x) => x.handover.endToAssignedMs.p99,
  );
  row(
    '  chat/start sent → chat:assigned p50 / p99 ms',
    (x) => `${num(x.handover.startToAssignedMs.p50)} / ${num(x.handover.startToAssignedMs.p99)}`,
    (x) => x.handover.startToAssignedMs.p99,
  );
  row(
    `queue drain: waiting visitors served/s (${p.drainVisitors})`,
    (x) => num(x.drain?.startsPerSec, 0),
    (x) => x.drain?.startsPerSec,
  );
  row('routing lock: visitors/s (start + dispatch), 1 at a time', (x) =>
    num(x.routingLock?.find((l) => l.parallel === 1)?.servedPerSec, 0),
  );
  row(`  ${r.nodes} at a time (hold p50 / p99 ms)`, (x) => {
    const l = x.routingLock?.find((l) => l.parallel === r.nodes);
    return l ? `${num(l.servedPerSec, 0)} (${num(l.holdMs.p50, 2)} / ${num(l.holdMs.p99, 2)})` : '-';
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
