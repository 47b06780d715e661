/**
 * Scenario 1 (messages) and 5 (logins): 1,000 visitors chatting with 50 agents, on Switchboard and
 * on the bare Socket.IO relay, in the same invocation. The offered rate steps up until p99 reaches
 * 50 ms or a message is lost, then bisects; each target is searched several times, interleaved.
 * Then, at half the rate Switchboard sustained, 5 logins/s while a probe times GET /healthz.
 */
import type { Profile } from '../config.js';
import type { StepResult } from '../load/chat-world.js';
import { spawnRelay, spawnSwitchboard, sleep, withCpu, type ServerHandle } from '../lib/processes.js';
import { forkWorker, type Worker } from '../lib/rpc.js';
import { seedDesk, type Seeded } from '../lib/seed.js';
import { median, round } from '../lib/stats.js';
import { loadWorkerFile, probeFile, type Ctx } from './context.js';
import { measureTui, type TuiResult } from './cli.js';

export interface SearchResult {
  best: StepResult | undefined;
  steps: StepResult[];
}

/** One line per step, for the log. */
export function describeStep(r: StepResult): string {
  return (
    `    ${String(r.rate).padStart(6)}/s → ${String(r.deliveredPerSec).padStart(6)}/s delivered, ` +
    `p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms` +
    `${r.lost ? `, ${r.lost} lost` : ''}${r.unacked ? `, ${r.unacked} unacked` : ''}` +
    `${r.errors ? `, ${r.errors} errors ${JSON.stringify(r.errorCodes)}` : ''} ${r.pass ? 'ok' : 'FAIL'}` +
    (r.cpuCores ? ` (CPU: server ${r.cpuCores.server}, load ${r.cpuCores.load})` : '') +
    (r.serverEventLoopMs ? ` loop p99/max: server ${r.serverEventLoopMs.p99}/${r.serverEventLoopMs.max} ms` : '') +
    (r.loadEventLoopMs ? `, load ${r.loadEventLoopMs.p99}/${r.loadEventLoopMs.max} ms` : '')
  );
}

const roundRate = (r: number) => (r >= 1000 ? Math.round(r / 50) * 50 : Math.max(1, Math.round(r / 5) * 5));

/** Steps the offered rate up by `factor` until a step fails, then bisects `refine` times. */
export async function searchRate(
  step: (rate: number) => Promise<StepResult>,
  p: Profile['messages'],
  start: number,
  log: (s: string) => void,
): Promise<SearchResult> {
  const steps: StepResult[] = [];
  let pass: StepResult | undefined;
  let failRate: number | undefined;
  const run = async (rate: number) => {
    const r = await step(rate);
    steps.push(r);
    log(describeStep(r));
    return r;
  };
  let rate = roundRate(start);
  for (;;) {
    const r = await run(rate);
    if (!r.pass) {
      failRate = rate;
      break;
    }
    pass = r;
    if (rate >= p.maxRate) break;
    rate = Math.min(p.maxRate, roundRate(rate * p.factor));
  }
  while (!pass && rate > p.minRate) {
    rate = Math.max(p.minRate, roundRate(rate / p.factor));
    const r = await run(rate);
    if (r.pass) pass = r;
    else failRate = rate;
  }
  for (let i = 0; i < p.refine && pass && failRate !== undefined; i++) {
    const mid = roundRate((pass.rate + failRate) / 2);
    if (mid <= pass.rate || mid >= failRate) break;
    const r = await run(mid);
    if (r.pass) pass = r;
    else failRate = mid;
  }
  return { best: pass, steps };
}

/**
 * The server's event-loop delay since the previous call (GET /api/admin/metrics?reset=1), less the
 * 10 ms resolution its monitorEventLoopDelay records with every interval; null without the endpoint.
 */
export async function serverEventLoop(
  url: string,
  adminToken?: string,
): Promise<{ p50: number; p99: number; max: number } | null> {
  try {
    const res = await (adminToken
      ? fetch(`${url}/api/admin/metrics?reset=1`, { headers: { authorization: `Bearer ${adminToken}` } })
      : fetch(`${url}/metrics?reset=1`)); // the baseline relay
    if (res.status !== 200) return null;
    const eld = ((await res.json()) as { eventLoopDelayMs?: { p50: number; p99: number; max: number } })
      .eventLoopDelayMs;
    return eld ? { p50: eld.p50, p99: eld.p99, max: eld.max } : null;
  } catch {
    return null;
  }
}

/** `--rates a,b,c`: exactly these steps, no search (for looking at one rate closely). */
async function fixedRates(
  step: (rate: number) => Promise<StepResult>,
  rates: number[],
  log: (s: string) => void,
): Promise<SearchResult> {
  const steps: StepResult[] = [];
  for (const rate of rates) {
    const r = await step(rate);
    steps.push(r);
    log(describeStep(r));
  }
  return { best: steps.filter((s) => s.pass).sort((a, b) => b.rate - a.rate)[0], steps };
}

export interface EventLoop {
  p50: number;
  p99: number;
  max: number;
  reported: unknown;
}

export interface MessagesResult {
  messages: {
    deliveredPerSec: number | null;
    p50Ms: number | null;
    p99Ms: number | null;
    baselineDeliveredPerSec: number | null;
    baselineP99Ms: number | null;
    ratio: number | null;
    visitors: number;
    agents: number;
    runs: { switchboard: SearchResult[]; baseline: SearchResult[] };
  };
  logins:
    | {
        rate: number;
        controlHealthzMs: unknown;
        loginsHealthzMs: unknown;
        logins: unknown;
        messagesDuringLogins: StepResult;
        controlServerEventLoopMs: EventLoop | null;
        loginsServerEventLoopMs: EventLoop | null;
      }
    | undefined;
  tui: TuiResult;
}

export async function runMessages(ctx: Ctx): Promise<MessagesResult> {
  const p = ctx.profile.messages;
  const dir = await ctx.tempDir('messages');
  ctx.log(`messages: seeding ${p.agents} agents with ${p.visitors} chats`);
  const seeded: Seeded = await seedDesk(dir, {
    agents: p.agents,
    chatsPerAgent: Math.ceil(p.visitors / p.agents),
    waiting: 0,
  });
  const chats = seeded.chats.slice(0, p.visitors);
  ctx.log('  seeded');
  let server: ServerHandle | undefined,
    relay: ServerHandle | undefined,
    load: Worker | undefined,
    probe: Worker | undefined;
  try {
    load = forkWorker(loadWorkerFile, 'load generator');
    [server, relay] = await Promise.all([
      spawnSwitchboard({
        dataDir: dir,
        cpuProfDir: ctx.cpuProfDir,
        flags: [
          '--max-chats',
          String(p.maxChats),
          '--messages-per-second',
          '1000000',
          '--queue-joins-per-minute',
          '1000000',
          '--trust-proxy',
          '--visitor-grace',
          '3600',
          '--idle-close-after',
          '0',
        ],
      }),
      spawnRelay(),
    ]);
    const common = { agents: seeded.agents, chats, concurrency: ctx.profile.connectConcurrency };
    ctx.log('  servers up');
    const [sb, bl] = await Promise.all([
      load.call('connectChatWorld', { key: 'switchboard', kind: 'switchboard', url: server.url, ...common }),
      load.call('connectChatWorld', { key: 'baseline', kind: 'baseline', url: relay.url, ...common }),
    ]);
    ctx.log(
      `messages: connected ${sb.agents}+${sb.visitors} sockets to Switchboard (${sb.connectMs} ms), ` +
        `${bl.agents}+${bl.visitors} to the baseline (${bl.connectMs} ms)`,
    );

    const serverPid = { switchboard: server.pid, baseline: relay.pid };
    const urls = { switchboard: server.url, baseline: relay.url };
    const admin = { switchboard: seeded.adminToken, baseline: undefined };
    const stepOn = (key: 'switchboard' | 'baseline') => async (rate: number) => {
      await serverEventLoop(urls[key], admin[key]);
      const { value: r, cores } = await withCpu({ server: serverPid[key], load: load!.pid }, () =>
        load!.call<StepResult>(
          'step',
          { key, rate, durationMs: p.stepMs, drainMs: p.drainMs, p99LimitMs: p.p99LimitMs },
          p.stepMs + p.drainMs + 60_000,
        ),
      );
      r.cpuCores = cores;
      r.serverEventLoopMs = (await serverEventLoop(urls[key], admin[key])) ?? undefined;
      await sleep(r.pass ? p.pauseMs : p.pauseMs * 3);
      return r;
    };
    const runs = { switchboard: [] as SearchResult[], baseline: [] as SearchResult[] };
    const startOf = (prev: SearchResult[]) => {
      const last = prev[prev.length - 1]?.best?.rate;
      return last ? Math.max(p.minRate, last / p.factor / p.factor) : p.startRate;
    };
    for (let i = 0; i < p.runs; i++) {
      // Alternate which goes first, so drift on a shared machine falls on both.
      const order = i % 2 === 0 ? (['baseline', 'switchboard'] as const) : (['switchboard', 'baseline'] as const);
      for (const key of order) {
        ctx.log(`  ${key}, search ${i + 1}/${p.runs}`);
        runs[key].push(
          ctx.rates
            ? await fixedRates(stepOn(key), ctx.rates, ctx.log)
            : await searchRate(stepOn(key), p, startOf(runs[key]), ctx.log),
        );
      }
    }
    const bestOf = (rs: SearchResult[], f: (s: StepResult) => number) =>
      median(rs.map((r) => (r.best ? f(r.best) : Number.NaN)));
    const sbRate = bestOf(runs.switchboard, (s) => s.deliveredPerSec);
    const blRate = bestOf(runs.baseline, (s) => s.deliveredPerSec);
    await load.call('closeChatWorld', { key: 'baseline' });
    await relay.stop();

    // Logins during chat traffic: a control window, then the same with 5 logins/s.
    let logins: MessagesResult['logins'];
    if (Number.isFinite(sbRate)) {
      const rate = roundRate(Math.max(p.minRate, sbRate / 2));
      const w = ctx.profile.logins;
      probe = forkWorker(probeFile, 'probe');
      ctx.log(`logins: ${rate} messages/s, healthz every ${w.pingEveryMs} ms, then ${w.perSec} logins/s`);
      await probe.call('start', { url: server.url, pingEveryMs: w.pingEveryMs, adminToken: seeded.adminToken });
      await load.call('step', {
        key: 'switchboard',
        rate,
        durationMs: w.windowMs,
        drainMs: p.drainMs,
        p99LimitMs: p.p99LimitMs,
      });
      const control = await probe.call('stop');
      await probe.call('start', {
        url: server.url,
        pingEveryMs: w.pingEveryMs,
        adminToken: seeded.adminToken,
        login: { username: seeded.loginUser, password: seeded.password, perSec: w.perSec },
      });
      const during = await load.call<StepResult>('step', {
        key: 'switchboard',
        rate,
        durationMs: w.windowMs,
        drainMs: p.drainMs,
        p99LimitMs: p.p99LimitMs,
      });
      const withLogins = await probe.call('stop');
      logins = {
        rate,
        controlHealthzMs: control.healthzMs,
        loginsHealthzMs: withLogins.healthzMs,
        logins: withLogins.logins,
        messagesDuringLogins: during,
        controlServerEventLoopMs: control.serverEventLoopMs,
        loginsServerEventLoopMs: withLogins.serverEventLoopMs,
      };
      const eld = (x: { serverEventLoopMs: { p99: number } | null }) =>
        x.serverEventLoopMs ? `${x.serverEventLoopMs.p99} ms` : 'n/a';
      ctx.log(
        `  event loop p99 (server metric) ${eld(control)} without logins, ` +
          `${eld(withLogins)} with ${withLogins.logins.perSec} logins/s; ` +
          `healthz p99 ${control.healthzMs.p99} → ${withLogins.healthzMs.p99} ms; ` +
          `messages p99 ${during.latencyMs.p99} ms`,
      );
    }

    const tui = await measureTui(server.url, seeded.agents[0]!.username, seeded.password, ctx);
    return {
      messages: {
        deliveredPerSec: Number.isFinite(sbRate) ? Math.round(sbRate) : null,
        p50Ms: round(
          bestOf(runs.switchboard, (s) => s.latencyMs.p50),
          2,
        ),
        p99Ms: round(
          bestOf(runs.switchboard, (s) => s.latencyMs.p99),
          2,
        ),
        baselineDeliveredPerSec: Number.isFinite(blRate) ? Math.round(blRate) : null,
        baselineP99Ms: round(
          bestOf(runs.baseline, (s) => s.latencyMs.p99),
          2,
        ),
        ratio: Number.isFinite(sbRate) && Number.isFinite(blRate) && blRate > 0 ? round(sbRate / blRate, 3) : null,
        visitors: chats.length,
        agents: seeded.agents.length,
        runs,
      },
      logins,
      tui,
    };
  } finally {
    await probe?.close();
    await load?.close();
    await relay?.stop();
    await server?.stop();
  }
}
