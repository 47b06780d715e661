/**
 * Scenario "cluster" (`--only cluster`; not in the default set, so neither `npm run bench` nor the
 * smoke test runs it unless asked): the same load against ONE node and against THREE nodes, both on
 * one throwaway PostgreSQL and one throwaway Redis (a fresh database each, the same servers), and
 * against one SQLite node for reference. In each configuration, in this order:
 *
 *  1. cost: a fixed message rate below every configuration's capacity; CPU per message of the
 *     nodes, PostgreSQL (postmaster and backends), Redis and the load generator (/proc/<pid>/stat).
 *  2. messages: visitors send `chat:send` at an offered rate (rate search as the messages scenario);
 *     agent i is on node i mod n and the visitors of its chats on node i+1 mod n, so every message
 *     crosses nodes. A step passes when every message is acknowledged `ok` and reaches its agent,
 *     and the p99 of both send → ack and send → agent's `chat:message` is under the limit.
 *  3. hand-over: all agents full; a visitor joins on node k+1, the agent on node k ends a chat, the
 *     visitor gets `queue:turn`, starts (node k+1), the agent gets `chat:assigned` (node k).
 *  4. drain (PostgreSQL): N visitors wait, spare agents come online; visitors served per second.
 *  5. routing lock (PostgreSQL): start + dispatch transactions through the server's shared store,
 *     1 and n at a time: what the one lock every routing decision takes can serve per second.
 *  6. joins: POST /api/queue, a fixed number in flight, request k to node k mod n, each from its own
 *     X-Forwarded-For address (nodes run with --trust-proxy and --queue-joins-per-minute 1000000).
 *
 * All of it on one machine: the nodes, PostgreSQL, Redis and the load generator share its cores.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { SECRET_FILE } from '../../server/security/tokens.js';
import type { Profile } from '../config.js';
import type { StepResult } from '../load/chat-world.js';
import { ROOT, sleep, spawnSwitchboard, type ServerHandle } from '../lib/processes.js';
import { forkWorker, type Worker } from '../lib/rpc.js';
import { seedDesk } from '../lib/seed.js';
import { seedPostgres } from '../lib/seed-postgres.js';
import { round } from '../lib/stats.js';
import {
  clusterSkipReason,
  measureCpu,
  processCpuMs,
  processTreeCpuMs,
  samplePgActivity,
  startPostgres,
  startRedis,
  type BenchPostgres,
  type BenchRedis,
  type CpuReaders,
  type PgActivity,
} from '../lib/stores.js';
import { loadWorkerFile, type Ctx } from './context.js';
import { searchRate, serverEventLoop, type SearchResult } from './messages.js';

import { ratio, report, type ClusterResult, type ClusterStep, type ConfigResult, type Key } from './cluster-report.js';
export type { ClusterResult } from './cluster-report.js';

export const routingLockFile = join(ROOT, 'bench', 'load', 'routing-lock.ts');

/** CPU ms per unit of work, per process group, from cores used and units per second. */
function perUnit(cores: Record<string, number>, perSec: number): Record<string, number> {
  if (!(perSec > 0)) return {};
  return Object.fromEntries(Object.entries(cores).map(([k, c]) => [k, round((c * 1000) / perSec, 3)]));
}

/**
 * Sums node1..nodeN into `nodes`, and adds `other`: what the machine was busy with beyond the bench's
 * own processes (other users of a shared machine, the kernel's share not charged to a process).
 */
function withTotals(cores: Record<string, number>, machineBusyCores: number): Record<string, number> {
  const nodes = Object.entries(cores)
    .filter(([k]) => /^node\d+$/.test(k))
    .reduce((s, [, v]) => s + v, 0);
  const ours = Object.values(cores).reduce((s, v) => s + v, 0);
  return { nodes: round(nodes, 2), ...cores, other: round(Math.max(0, machineBusyCores - ours), 2) };
}

function describe(r: ClusterStep): string {
  const c = r.cpu?.cores;
  return (
    `    ${String(r.rate).padStart(6)}/s → ${String(r.deliveredPerSec).padStart(6)}/s delivered, ` +
    `ack p50 ${r.ackLatencyMs.p50} p99 ${r.ackLatencyMs.p99} ms, ` +
    `delivery p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} ms` +
    `${r.lost ? `, ${r.lost} lost` : ''}${r.unacked ? `, ${r.unacked} unacked` : ''}` +
    `${r.errors ? `, ${r.errors} errors ${JSON.stringify(r.errorCodes)}` : ''} ${r.pass ? 'ok' : 'FAIL'}` +
    (c
      ? ` (cores: nodes ${c.nodes}, postgres ${c.postgres}, redis ${c.redis}, load ${c.load}, other ${c.other}; ` +
        `machine ${r.cpu!.machineBusyCores})`
      : '') +
    (r.nodeEventLoopP99Ms?.some((x) => x !== null)
      ? ` loop p99 ${r.nodeEventLoopP99Ms.map((x) => x ?? '-').join('/')} ms`
      : '') +
    (r.pg
      ? `; PG connections in use mean ${r.pg.busyMean} max ${r.pg.busyMax} ` +
        `(idle in transaction ${r.pg.idleInTransactionMean}, lock wait ${r.pg.lockWaitMean})`
      : '')
  );
}

async function runConfig(
  ctx: Ctx,
  key: Key,
  n: number,
  store: { pg: BenchPostgres; redis: BenchRedis; sqlite: boolean },
): Promise<ConfigResult> {
  const p = ctx.profile.cluster;
  const label = store.sqlite ? 'SQLite, 1 node' : `PostgreSQL, ${n} node${n === 1 ? '' : 's'}`;
  const dir = await ctx.tempDir(`cluster-${key}`);
  const loadAverage1m = round(loadavg()[0]!, 2);
  const flags = [
    '--max-chats',
    String(p.chatsPerAgent),
    '--messages-per-second',
    '1000000',
    '--queue-joins-per-minute',
    '1000000',
    '--trust-proxy',
    // Nothing the bench leaves waiting or disconnected is swept during the run.
    '--abandon-after',
    '3600',
    '--agent-grace',
    '3600',
    '--visitor-grace',
    '3600',
    '--idle-close-after',
    '0',
  ];
  ctx.log(`cluster [${label}] (load average ${loadAverage1m}): seeding ${p.agents} agents × ${p.chatsPerAgent} chats`);
  let seeded: {
    agents: { username: string; token: string }[];
    chats: { chatId: string; agent: string; visitorName: string; userToken: string }[];
    spareAgents: { username: string; token: string }[];
    adminToken: string;
  };
  let dataDirs: string[];
  let databaseUrl: string | undefined;
  if (store.sqlite) {
    const s = await seedDesk(dir, { agents: p.agents, chatsPerAgent: p.chatsPerAgent, waiting: 0 });
    seeded = { ...s, spareAgents: [] };
    dataDirs = [dir];
  } else {
    databaseUrl = await store.pg.createDatabase(`sb_cluster_${key}`);
    const seedDir = join(dir, 'seed');
    seeded = await seedPostgres(databaseUrl, seedDir, {
      agents: p.agents,
      chatsPerAgent: p.chatsPerAgent,
      spareAgents: p.spareAgents,
      spareChats: p.drainVisitors,
    });
    // Every node signs and verifies with the same secret (docs/scale-out.md): copied into each data dir.
    dataDirs = Array.from({ length: n }, (_, i) => {
      const d = join(dir, `node${i + 1}`);
      mkdirSync(d, { recursive: true });
      copyFileSync(join(seedDir, SECRET_FILE), join(d, SECRET_FILE));
      return d;
    });
    flags.push('--database-url', databaseUrl, '--redis-url', store.redis.url);
  }
  let nodes: ServerHandle[] = [];
  let load: Worker | undefined;
  try {
    nodes = await Promise.all(dataDirs.map((d) => spawnSwitchboard({ dataDir: d, cpuProfDir: ctx.cpuProfDir, flags })));
    const urls = nodes.map((s) => s.url);
    load = forkWorker(loadWorkerFile, `load generator (${label})`);
    const w = await load.call(
      'connectChatWorld',
      {
        key: 'cluster',
        kind: 'switchboard',
        url: urls[0],
        urls,
        agents: seeded.agents,
        chats: seeded.chats,
        concurrency: ctx.profile.connectConcurrency,
      },
      600_000,
    );
    ctx.log(
      `  ${n} node${n === 1 ? '' : 's'} up; ${w.agents} agents + ${w.visitors} visitors ` +
        `connected in ${w.connectMs} ms (agents on node k, their visitors on node k+1)`,
    );

    const readers: CpuReaders = {
      ...Object.fromEntries(nodes.map((s, i) => [`node${i + 1}`, () => processCpuMs(s.pid)])),
      postgres: () => processTreeCpuMs(store.pg.pid),
      redis: () => processCpuMs(store.redis.pid),
      load: () => processCpuMs(load!.pid),
      bench: () => processCpuMs(process.pid), // this orchestrator, mostly idle
    };
    const loops = () => Promise.all(urls.map((u) => serverEventLoop(u, seeded.adminToken)));
    // PostgreSQL: how many of the nodes' pooled connections are busy, sampled during each window.
    const sampled = <T>(fn: () => Promise<T>): Promise<{ value: T; activity?: PgActivity }> =>
      store.sqlite ? fn().then((value) => ({ value })) : samplePgActivity(store.pg.url, `sb_cluster_${key}`, 20, fn);

    const step = async (rate: number, durationMs = p.stepMs): Promise<ClusterStep> => {
      await loops(); // resets each node's event-loop window
      const m = await measureCpu(readers, () =>
        sampled(() =>
          load!.call<StepResult>(
            'step',
            { key: 'cluster', rate, durationMs, drainMs: p.drainMs, p99LimitMs: p.p99LimitMs },
            durationMs + p.drainMs + 60_000,
          ),
        ),
      );
      const r: ClusterStep = m.value.value;
      r.pg = m.value.activity;
      r.pass = r.pass && r.ackLatencyMs.p99 < p.p99LimitMs;
      r.cpu = { cores: withTotals(m.cores, m.machineBusyCores), machineBusyCores: m.machineBusyCores };
      r.nodeEventLoopP99Ms = (await loops()).map((l) => l?.p99 ?? null);
      ctx.log(describe(r));
      await sleep(r.pass ? p.pauseMs : p.pauseMs * 3);
      return r;
    };

    // 1. CPU per message at a fixed rate, after a warm-up step (JIT, pool connections, prepared statements).
    ctx.log(`  warm-up, then cost: ${p.costRate} messages/s for ${p.costStepMs} ms`);
    await step(p.costRate, p.stepMs);
    // Then idle: what the nodes, PostgreSQL and Redis cost with the sockets open and no traffic
    // (heartbeats and sweeps of every node, pings); subtracted from the cost step's CPU.
    const idleRun = await measureCpu(readers, () => sleep(p.idleMs));
    const idle = withTotals(idleRun.cores, idleRun.machineBusyCores);
    ctx.log(
      `  idle ${p.idleMs} ms: cores nodes ${idle.nodes}, postgres ${idle.postgres}, ` +
        `redis ${idle.redis}, other ${idle.other}`,
    );
    const costStep = await step(p.costRate, p.costStepMs);
    const above = Object.fromEntries(
      Object.entries(costStep.cpu!.cores).map(([k, v]) => [k, Math.max(0, v - (idle[k] ?? 0))]),
    );
    const cost = {
      rate: p.costRate,
      step: costStep,
      idleCores: idle,
      cpuMsPerMessage: perUnit(costStep.cpu!.cores, costStep.deliveredPerSec),
      cpuMsPerMessageAboveIdle: perUnit(above, costStep.deliveredPerSec),
    };

    // 2. Messages/s.
    ctx.log(`  messages: rate search (p99 of ack and delivery < ${p.p99LimitMs} ms)`);
    const searchProfile = {
      ...ctx.profile.messages,
      factor: p.factor,
      maxRate: p.maxRate,
      minRate: p.minRate,
      refine: p.refine,
    } satisfies Profile['messages'];
    const search: SearchResult = ctx.rates
      ? { steps: [], best: undefined }
      : await searchRate(step, searchProfile, store.sqlite ? p.sqliteStartRate : p.startRate, (line) => void line);
    if (ctx.rates) for (const rate of ctx.rates) search.steps.push(await step(rate));
    const best = (ctx.rates ? search.steps.filter((s) => s.pass).sort((a, b) => b.rate - a.rate)[0] : search.best) as
      | ClusterStep
      | undefined;

    // 3. Hand-over across nodes.
    const h = await load.call(
      'clusterHandover',
      { key: 'cluster', chats: seeded.chats, count: p.handovers, gapMs: p.handoverGapMs, timeoutMs: 5000 },
      p.handovers * 11_000 + 60_000,
    );
    ctx.log(
      `  hand-over: ${h.handovers} × chat:end ack → chat:assigned ` +
        `p50 ${h.endToAssignedMs.p50} p99 ${h.endToAssignedMs.p99} ms; ` +
        `chat/start → chat:assigned p50 ${h.startToAssignedMs.p50} p99 ${h.startToAssignedMs.p99} ms` +
        `${h.timeouts ? `, ${h.timeouts} timeouts` : ''}` +
        `${h.errors ? `, ${h.errors} errors ${JSON.stringify(h.errorNotes)}` : ''}`,
    );

    // 4 and 5: PostgreSQL only (the SQLite node routes in memory, under no database lock).
    let drain: ConfigResult['drain'];
    let routingLock: ConfigResult['routingLock'];
    if (!store.sqlite) {
      const d = await load.call(
        'clusterDrain',
        {
          urls,
          spares: seeded.spareAgents,
          visitors: p.drainVisitors,
          timeoutMs: 30_000,
          concurrency: ctx.profile.connectConcurrency,
        },
        120_000,
      );
      drain = {
        visitors: d.visitors,
        assigned: d.assigned,
        startsPerSec: d.startsPerSec,
        drainMs: d.drainMs,
        connectSparesMs: d.connectSparesMs,
        finished: d.finished,
      };
      ctx.log(
        `  drain: ${d.assigned}/${d.visitors} waiting visitors served in ${d.drainMs} ms = ` +
          `${d.startsPerSec} starts/s (spares connected in ${d.connectSparesMs} ms)` +
          `${d.finished ? '' : ' NOT FINISHED'}`,
      );
      const rl = forkWorker(routingLockFile, 'routing lock');
      try {
        routingLock = [];
        for (const parallel of [...new Set([1, n])]) {
          const r = await rl.call(
            'run',
            { databaseUrl, parallel, durationMs: p.routingMs, entries: Math.ceil(p.routingMs * 1.5) },
            p.routingMs + 120_000,
          );
          routingLock.push(r);
          ctx.log(
            `  routing lock, ${parallel} at a time: ${r.servedPerSec} visitors/s = ` +
              `${r.transactionsPerSec} routing transactions/s; ` +
              `hold p50 ${r.holdMs.p50} p99 ${r.holdMs.p99} mean ${r.holdMs.mean} ms ` +
              `(ceiling ${r.ceilingTransactionsPerSec}/s), lock wait p99 ${r.lockWaitMs.p99} ms` +
              `${r.exhausted ? ' (ran out of entries)' : ''}`,
          );
        }
      } finally {
        await rl.close();
      }
    }

    // 6. Joins.
    const j = await measureCpu(readers, () =>
      sampled(() =>
        load!.call('clusterJoins', { urls, durationMs: p.joinsMs, concurrency: p.joinConcurrency }, p.joinsMs + 60_000),
      ),
    );
    const jcores = withTotals(j.cores, j.machineBusyCores);
    const joins = {
      ...j.value.value,
      cpu: { cores: jcores, machineBusyCores: j.machineBusyCores },
      cpuMsPerJoin: perUnit(jcores, j.value.value.perSec),
      pg: j.value.activity,
    };
    ctx.log(
      `  joins: ${joins.perSec}/s (${p.joinConcurrency} in flight, per node ${joins.perNode.join('/')}), ` +
        `p50 ${joins.latencyMs.p50} p99 ${joins.latencyMs.p99} ms` +
        `${Object.keys(joins.errors).length ? `, errors ${JSON.stringify(joins.errors)}` : ''} ` +
        `(cores: nodes ${jcores.nodes}, postgres ${jcores.postgres}, redis ${jcores.redis}, ` +
        `load ${jcores.load}, other ${jcores.other}; machine ${j.machineBusyCores})` +
        (joins.pg ? `; PG connections in use mean ${joins.pg.busyMean} max ${joins.pg.busyMax}` : ''),
    );

    await load.call('closeChatWorld', { key: 'cluster' });
    // What the nodes logged (warn and above): a server problem shows up here.
    const logged = nodes.flatMap((s, i) =>
      s
        .output()
        .split('\n')
        .filter((l) => l.trim() && !/listening on/.test(l))
        .map((l) => `node${i + 1}: ${l.slice(0, 400)}`),
    );
    if (logged.length)
      ctx.log(`  the nodes logged ${logged.length} lines (warn and above), first: ${logged.slice(0, 3).join(' | ')}`);
    return {
      nodeLog: { lines: logged.length, first: logged.slice(0, 10) },
      key,
      label,
      loadAverage1m,
      nodes: n,
      store: store.sqlite ? 'sqlite' : 'postgres',
      visitors: seeded.chats.length,
      agents: seeded.agents.length,
      cost,
      messages: {
        deliveredPerSec: best?.deliveredPerSec ?? null,
        p50Ms: best?.latencyMs.p50 ?? null,
        p99Ms: best?.latencyMs.p99 ?? null,
        ackP50Ms: best?.ackLatencyMs.p50 ?? null,
        ackP99Ms: best?.ackLatencyMs.p99 ?? null,
        best,
        steps: search.steps as ClusterStep[],
      },
      handover: {
        count: h.handovers,
        endToAssignedMs: h.endToAssignedMs,
        startToAssignedMs: h.startToAssignedMs,
        endToTurnMs: h.endToTurnMs,
        errors: h.errors,
        timeouts: h.timeouts,
        errorNotes: h.errorNotes,
      },
      drain,
      routingLock,
      joins,
    };
  } finally {
    await load?.close();
    await Promise.all(nodes.map((s) => s.stop()));
  }
}

export async function runCluster(ctx: Ctx): Promise<ClusterResult> {
  const p = ctx.profile.cluster;
  const result: ClusterResult = { nodes: p.nodes, configs: {}, errors: {}, ratios: {} };
  const skip = clusterSkipReason();
  if (skip) {
    ctx.log(`cluster: SKIPPED, ${skip}`);
    return { ...result, skipped: skip };
  }
  ctx.log(`cluster: starting PostgreSQL (${p.pgDurable ? 'fsync and synchronous_commit on' : 'fsync off'}) and Redis`);
  let pg: BenchPostgres | undefined, redis: BenchRedis | undefined;
  try {
    [pg, redis] = await Promise.all([startPostgres({ durable: !!p.pgDurable, maxConnections: 200 }), startRedis()]);
    result.postgres = { durable: !!p.pgDurable };
    const plan: [Key, number, boolean][] = [
      ...(p.sqlite ? [['sqlite', 1, true] as [Key, number, boolean]] : []),
      ['one', 1, false],
      ['three', p.nodes, false],
    ];
    for (const [key, n, sqlite] of plan) {
      try {
        result.configs[key] = await runConfig(ctx, key, n, { pg, redis, sqlite });
      } catch (e) {
        result.errors[key] = e instanceof Error ? (e.stack ?? e.message) : String(e);
        ctx.log(`cluster [${key}] FAILED: ${result.errors[key]}`);
      }
    }
  } finally {
    await redis?.stop();
    await pg?.stop();
  }
  const { one, three } = result.configs;
  result.ratios = {
    joinsPerSec: ratio(three?.joins.perSec, one?.joins.perSec),
    messagesPerSec: ratio(three?.messages.deliveredPerSec, one?.messages.deliveredPerSec),
    handoverP50: ratio(three?.handover.endToAssignedMs.p50, one?.handover.endToAssignedMs.p50),
    handoverP99: ratio(three?.handover.endToAssignedMs.p99, one?.handover.endToAssignedMs.p99),
    drainStartsPerSec: ratio(three?.drain?.startsPerSec, one?.drain?.startsPerSec),
    nodeCpuPerMessage: ratio(three?.cost.cpuMsPerMessage.nodes, one?.cost.cpuMsPerMessage.nodes),
  };
  result.table = report(result, p);
  return result;
}
