/**
 * Scenarios 2 (connections), 3 (queue) and 4 (hand-over) on one server: 200 agents at capacity
 * (5 chats each), 20,000 visitors waiting in the queue.
 *  - connections: server RSS before and after 200 /agent sockets plus idle visitor sockets (one
 *    /visitor per chat, /queue for the first waiting visitors), per connection.
 *  - queue: every waiting visitor polls GET /api/queue/status once per 10 s, spread evenly, while
 *    new visitors join (POST /api/queue) from distinct addresses.
 *  - hand-over: with the queue full and the polling going on, agents end chats one at a time; the
 *    head visitor gets `queue:turn` on /queue, calls POST /api/chat/start, and the agent gets
 *    `chat:assigned`. Measured from the `chat:end` ack to that `chat:assigned`.
 */
import { rssKiB, sleep, spawnRelay, spawnSwitchboard, withCpu, type ServerHandle } from '../lib/processes.js';
import { forkWorker, type Worker } from '../lib/rpc.js';
import { seedDesk } from '../lib/seed.js';
import { round, type Summary } from '../lib/stats.js';
import { loadWorkerFile, probeFile, type Ctx } from './context.js';

export interface DeskResult {
  connections: {
    baselineRssPerConnKiB: number | null;
    baseline: unknown;
    count: number;
    agentSockets: number;
    visitorSockets: number;
    queueSockets: number;
    rssBeforeKiB: number;
    rssAfterKiB: number;
    rssPerConnKiB: number;
    connectMs: number;
  };
  queue: {
    withoutJoins: unknown;
    cpuCores: Record<string, number>;
    waiting: number;
    statusP50Ms: number;
    statusP99Ms: number;
    statusPerSec: number;
    polls: number;
    pollErrors: Record<string, number>;
    joinsPerSec: number;
    joins: number;
    joinP99Ms: number;
    joinErrors: Record<string, number>;
    healthzMs: Summary;
    serverEventLoopMs: unknown;
  };
  handover: {
    count: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    errors: number;
    timeouts: number;
    starts: unknown;
  };
}

/** RSS after the process has been left alone for a moment (median of a few reads). */
async function settledRss(pid: number, settleMs: number): Promise<number> {
  await sleep(settleMs);
  const reads: number[] = [];
  for (let i = 0; i < 5; i++) {
    reads.push(rssKiB(pid));
    await sleep(100);
  }
  return reads.sort((a, b) => a - b)[2]!;
}

/**
 * The same sockets on the bare Socket.IO relay: what Socket.IO itself costs per connection. From a
 * load generator process of its own (file descriptors: the first one still holds the desk's sockets).
 */
async function baselineConnections(
  ctx: Ctx,
  who: { agents: string[]; chats: { chatId: string; agent: string }[]; queueEntries: string[] },
) {
  const relay = await spawnRelay();
  const load = forkWorker(loadWorkerFile, 'load generator (baseline sockets)');
  try {
    const rssBeforeKiB = await settledRss(relay.pid, ctx.profile.rssSettleMs);
    const c = await load.call(
      'connectIdle',
      { url: relay.url, ...who, concurrency: ctx.profile.connectConcurrency },
      600_000,
    );
    const rssAfterKiB = await settledRss(relay.pid, ctx.profile.rssSettleMs);
    await load.call('closeIdle');
    const rssPerConnKiB = round((rssAfterKiB - rssBeforeKiB) / c.count, 2);
    ctx.log(`  baseline relay, same sockets: RSS ${rssBeforeKiB} → ${rssAfterKiB} KiB = ${rssPerConnKiB} KiB/conn`);
    return { count: c.count, rssBeforeKiB, rssAfterKiB, rssPerConnKiB };
  } finally {
    await load.close();
    await relay.stop();
  }
}

export async function runDesk(ctx: Ctx): Promise<DeskResult> {
  const p = ctx.profile.desk;
  const dir = await ctx.tempDir('desk');
  ctx.log(`desk: seeding ${p.agents} agents × ${p.maxChats} chats, ${p.waiting} waiting`);
  const seeded = await seedDesk(dir, { agents: p.agents, chatsPerAgent: p.maxChats, waiting: p.waiting });
  ctx.log('  seeded');
  let server: ServerHandle | undefined, load: Worker | undefined, probe: Worker | undefined;
  try {
    server = await spawnSwitchboard({
      dataDir: dir,
      cpuProfDir: ctx.cpuProfDir,
      // Entries that are not polled (the connections phase) must not be abandoned meanwhile.
      flags: [
        '--max-chats',
        String(p.maxChats),
        '--messages-per-second',
        '1000000',
        '--queue-joins-per-minute',
        '1000000',
        '--trust-proxy',
        '--abandon-after',
        '3600',
        // Seeded chats have no visitor connected: they must not be closed during the run.
        '--visitor-grace',
        '3600',
        '--idle-close-after',
        '0',
      ],
    });
    load = forkWorker(loadWorkerFile, 'load generator');
    probe = forkWorker(probeFile, 'probe');
    const rssBeforeKiB = await settledRss(server.pid, ctx.profile.rssSettleMs);
    const c = await load.call(
      'connectDesk',
      {
        url: server.url,
        agents: seeded.agents,
        chats: seeded.chats,
        waiting: seeded.waiting,
        visitorSockets: p.visitorSockets,
        concurrency: ctx.profile.connectConcurrency,
      },
      600_000,
    );
    const rssAfterKiB = await settledRss(server.pid, ctx.profile.rssSettleMs);
    const rssPerConnKiB = round((rssAfterKiB - rssBeforeKiB) / c.count, 2);
    ctx.log(
      `connections: ${c.count} sockets (${c.agentSockets} agents, ${c.visitorSockets} /visitor, ` +
        `${c.queueSockets} /queue) in ${c.connectMs} ms; ` +
        `RSS ${rssBeforeKiB} → ${rssAfterKiB} KiB = ${rssPerConnKiB} KiB/conn`,
    );
    const baseline = p.connectionsBaseline
      ? await baselineConnections(ctx, {
          agents: seeded.agents.map((a) => a.username),
          chats: seeded.chats.slice(0, c.visitorSockets),
          queueEntries: seeded.waiting.slice(0, c.queueSockets).map((w) => w.entryId),
        })
      : undefined;

    const pids = { server: server.pid, load: load.pid };
    await load.call('startPolling', { intervalMs: p.pollIntervalMs });
    await sleep(Math.min(1500, p.queueWindowMs / 2)); // ramp (JIT, caches)
    await load.call('pollStats');
    // Polling with joins (the figures reported), then polling alone.
    await probe.call('start', {
      url: server.url,
      pingEveryMs: ctx.profile.logins.pingEveryMs,
      adminToken: seeded.adminToken,
    });
    const both = await withCpu(pids, async () => {
      const joins = await load!.call(
        'joins',
        { durationMs: p.queueWindowMs, concurrency: p.joinConcurrency },
        p.queueWindowMs + 60_000,
      );
      return { joins, polls: await load!.call('pollStats') };
    });
    const { joins, polls } = both.value;
    const probed = await probe.call('stop');
    const alone = await withCpu(pids, async () => {
      await sleep(p.queueWindowMs / 2);
      return load!.call('pollStats');
    });
    ctx.log(
      `queue: ${p.waiting} waiting, with joins: ${polls.perSec} status/s ` +
        `p50 ${polls.latencyMs.p50} ms p99 ${polls.latencyMs.p99} ms; ` +
        `${joins.perSec} joins/s (p99 ${joins.latencyMs.p99} ms); healthz p99 ${probed.healthzMs.p99} ms, ` +
        `event loop p99 ${probed.serverEventLoopMs?.p99 ?? 'n/a'} ms ` +
        `(CPU: server ${both.cores.server}, load ${both.cores.load})`,
    );
    ctx.log(
      `  polling alone: ${alone.value.perSec} status/s ` +
        `p50 ${alone.value.latencyMs.p50} ms p99 ${alone.value.latencyMs.p99} ms ` +
        `(CPU: server ${alone.cores.server}, load ${alone.cores.load})`,
    );

    const h = await load.call(
      'handover',
      { count: p.handovers, gapMs: p.handoverGapMs, timeoutMs: 5000 },
      p.handovers * 6000 + 60_000,
    );
    await load.call('stopPolling');
    ctx.log(
      `handover: ${h.handovers} hand-overs p50 ${h.latencyMs.p50} ms p99 ${h.latencyMs.p99} ms` +
        `${h.timeouts ? `, ${h.timeouts} timeouts` : ''}${h.errors ? `, ${h.errors} errors` : ''}`,
    );
    await load.call('closeDesk');
    return {
      connections: {
        baselineRssPerConnKiB: baseline?.rssPerConnKiB ?? null,
        baseline,
        count: c.count,
        agentSockets: c.agentSockets,
        visitorSockets: c.visitorSockets,
        queueSockets: c.queueSockets,
        rssBeforeKiB,
        rssAfterKiB,
        rssPerConnKiB,
        connectMs: c.connectMs,
      },
      queue: {
        waiting: p.waiting,
        statusP50Ms: polls.latencyMs.p50,
        statusP99Ms: polls.latencyMs.p99,
        statusPerSec: polls.perSec,
        polls: polls.polls,
        pollErrors: polls.errors,
        joinsPerSec: joins.perSec,
        joins: joins.joins,
        joinP99Ms: joins.latencyMs.p99,
        joinErrors: joins.errors,
        healthzMs: probed.healthzMs,
        serverEventLoopMs: probed.serverEventLoopMs,
        withoutJoins: {
          statusP50Ms: alone.value.latencyMs.p50,
          statusP99Ms: alone.value.latencyMs.p99,
          statusPerSec: alone.value.perSec,
          cpuCores: alone.cores,
        },
        cpuCores: both.cores,
      },
      handover: {
        count: h.handovers,
        p50Ms: h.latencyMs.p50,
        p99Ms: h.latencyMs.p99,
        maxMs: h.latencyMs.max,
        errors: h.errors,
        timeouts: h.timeouts,
        starts: h.starts,
      },
    };
  } finally {
    await probe?.close();
    await load?.close();
    await server?.stop();
  }
}
