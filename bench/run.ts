/**
 * Switchboard's benchmark. `npm run bench` (full, a few minutes), `npm run bench -- --quick`
 * (under a minute), `--smoke` (seconds; what `npm test` runs). Other flags: `--only a,b` (cli,
 * startup, messages, desk, estimate, search, cluster; cluster only when named), `--cpu-prof` (profile the servers,
 * summarise their top self time), `--out FILE` (default bench/results/latest.json), `--rates a,b`
 * (fixed message rates), `--set desk.visitorSockets=10000` (any number of the profile). Prints a
 * table and writes the JSON.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROFILES, type Mode } from './config.js';
import { topSelfTime } from './lib/cpu-profile.js';
import { machine } from './lib/machine.js';
import { killAll, ROOT } from './lib/processes.js';
import { fmt, table, type Target } from './lib/report.js';
import { orNull } from './lib/stats.js';
import { runCliHelp } from './scenarios/cli.js';
import type { Ctx } from './scenarios/context.js';
import { runCluster, type ClusterResult } from './scenarios/cluster.js';
import { runDesk, type DeskResult } from './scenarios/desk.js';
import { runMessages, type MessagesResult } from './scenarios/messages.js';
import { runStartup, type StartupResult } from './scenarios/startup.js';
import { runWaitEstimate } from './scenarios/wait-estimate.js';
import { runSearch } from './scenarios/search.js';

const SCENARIOS = ['cli', 'startup', 'messages', 'desk', 'estimate', 'search', 'cluster'] as const;
type Scenario = (typeof SCENARIOS)[number];
// cluster (one node vs three on PostgreSQL + Redis) runs only when named: --only cluster.
const DEFAULT_SCENARIOS: Scenario[] = ['cli', 'startup', 'messages', 'desk', 'estimate', 'search'];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    runs: { type: 'string' },
    rates: { type: 'string' },
    set: { type: 'string', multiple: true },
    // Messages seeded for the search scenario (default: full 1,000,000, quick 100,000, smoke 4,000).
    'search-size': { type: 'string' },
  },
  allowPositionals: false,
});
const mode: Mode = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
const profile = structuredClone(PROFILES[mode]);
if (values.runs) profile.messages.runs = Math.max(1, Number(values.runs));
// --set desk.visitorSockets=10000: any number in the profile, for experiments.
for (const kv of values.set ?? []) {
  const [path, raw] = kv.split('=');
  const keys = path?.split('.') ?? [];
  let obj = profile as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) obj = obj[k] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (!obj || !last || typeof obj[last] !== 'number' || !Number.isFinite(Number(raw)))
    throw new Error(`--set ${kv}: not a number setting of the ${mode} profile`);
  obj[last] = Number(raw);
}
const only = new Set<Scenario>((values.only?.split(',').map((s) => s.trim()) ?? DEFAULT_SCENARIOS) as Scenario[]);
for (const s of only)
  if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario "${s}" (known: ${SCENARIOS.join(', ')})`);
const outFile = values.out ?? join(ROOT, 'bench', 'results', 'latest.json');

if (!existsSync(join(ROOT, 'dist', 'tui', 'cli', 'main.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first (npm run bench does).\n');
  process.exit(2);
}

// Every run is bounded: past this, everything the bench started is killed.
const LIMIT_MS = { smoke: 120_000, quick: 240_000, full: 40 * 60_000 }[mode];
const watchdog = setTimeout(() => {
  process.stderr.write(`bench: still running after ${LIMIT_MS / 1000} s; stopping everything\n`);
  killAll();
  process.exit(3);
}, LIMIT_MS);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => {
    killAll();
    process.exit(130);
  });

const t0 = performance.now();
const log = (line: string) =>
  process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);
const root = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
// Seeded data dirs go however the run ends (watchdog, Ctrl-C), after the children are killed.
process.once('exit', () => {
  try {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    /* left in the temp folder */
  }
});
const profRoot = values['cpu-prof']
  ? join(ROOT, 'bench', 'results', 'profiles', new Date().toISOString().replace(/[:.]/g, '-'))
  : undefined;
const ctxFor = (scenario: string): Ctx => ({
  profile,
  log,
  tempDir: (name) => mkdtemp(join(root, `${name}-`)),
  cpuProfDir: profRoot && join(profRoot, scenario),
  rates: values.rates
    ?.split(',')
    .map(Number)
    .filter((n) => n > 0),
});

const errors: Record<string, string> = {};
async function attempt<T>(name: Scenario, fn: () => Promise<T>): Promise<T | undefined> {
  if (!only.has(name)) return undefined;
  try {
    return await fn();
  } catch (e) {
    errors[name] = e instanceof Error ? (e.stack ?? e.message) : String(e);
    log(`${name} FAILED: ${errors[name]}`);
    return undefined;
  }
}

const where = machine();
log(
  `mode ${mode} on ${where.nproc} × ${where.cpuModel}, ${where.memoryGiB} GiB, ` +
    `node ${where.node}, load ${where.loadAverage1m}`,
);
const cli = await attempt('cli', () => runCliHelp(ctxFor('cli')));
const startup: StartupResult | undefined = await attempt('startup', () => runStartup(ctxFor('startup')));
const msg: MessagesResult | undefined = await attempt('messages', () => runMessages(ctxFor('messages')));
const desk: DeskResult | undefined = await attempt('desk', () => runDesk(ctxFor('desk')));
const estimate = await attempt('estimate', () => runWaitEstimate(ctxFor('estimate')));
const search = await attempt('search', () =>
  runSearch(ctxFor('search'), values['search-size'] ? Number(values['search-size']) : undefined),
);
const cluster: ClusterResult | undefined = await attempt('cluster', () => runCluster(ctxFor('cluster')));
if (cluster && Object.keys(cluster.errors).length)
  errors.cluster = Object.entries(cluster.errors)
    .map(([k, e]) => `${k}: ${e}`)
    .join('\n');
await rm(root, { recursive: true, force: true });

const lg = msg?.logins as
  | (NonNullable<MessagesResult['logins']> & {
      controlHealthzMs: { p99: number };
      loginsHealthzMs: { p99: number };
      logins: { perSec: number; latencyMs: { p99: number } };
    })
  | undefined;
// The server's own event-loop delay (GET /api/admin/metrics) when it has it, else the healthz round trip.
const serverLoop = lg?.loginsServerEventLoopMs ?? undefined;
const eventLoopP99 = serverLoop ? serverLoop.p99 : lg?.loginsHealthzMs.p99;
const result = {
  quick: mode !== 'full',
  mode,
  overrides: values.set ?? [],
  finishedAt: new Date().toISOString(),
  durationS: Math.round((performance.now() - t0) / 100) / 10,
  machine: { ...where, loadAverage1mAtEnd: machine().loadAverage1m },
  messages: msg && {
    deliveredPerSec: msg.messages.deliveredPerSec,
    p50Ms: orNull(msg.messages.p50Ms ?? undefined),
    p99Ms: orNull(msg.messages.p99Ms ?? undefined),
    baselineDeliveredPerSec: msg.messages.baselineDeliveredPerSec,
    baselineP99Ms: orNull(msg.messages.baselineP99Ms ?? undefined),
    ratio: msg.messages.ratio,
    visitors: msg.messages.visitors,
    agents: msg.messages.agents,
    searches: msg.messages.runs.switchboard.length,
  },
  connections: desk?.connections,
  queue: desk?.queue,
  handoverP99Ms: orNull(desk?.handover.p99Ms),
  handover: desk?.handover,
  queueEstimate: estimate,
  search,
  eventLoopP99Ms: orNull(eventLoopP99),
  eventLoop: lg && {
    method: serverLoop
      ? "the server's monitorEventLoopDelay p99 over the window (GET /api/admin/metrics?reset=1 at both ends), " +
        'less its 10 ms resolution'
      : 'p99 round trip of GET /healthz every 20 ms from a separate, idle process ' +
        '(the server exposes no event-loop metric)',
    messagesPerSec: lg.rate,
    withoutLoginsP99Ms: lg.controlServerEventLoopMs?.p99 ?? lg.controlHealthzMs.p99,
    withLoginsP99Ms: eventLoopP99,
    serverWithoutLogins: lg.controlServerEventLoopMs,
    serverWithLogins: lg.loginsServerEventLoopMs,
    healthzWithoutLogins: lg.controlHealthzMs,
    healthzWithLogins: lg.loginsHealthzMs,
    logins: lg.logins,
    messagesDuringLogins: msg?.logins?.messagesDuringLogins,
  },
  cliHelpMs: orNull(cli?.cliHelpMs),
  cliHelpRunsMs: cli?.runsMs,
  startupMs: orNull(startup?.startupMs),
  startup,
  tuiFirstScreenMs: msg ? msg.tui.tuiFirstScreenMs : null,
  tui: msg?.tui,
  steps: msg && { switchboard: msg.messages.runs.switchboard, baseline: msg.messages.runs.baseline },
  cluster,
  errors,
  cpuProfiles: undefined as unknown,
};

if (profRoot && existsSync(profRoot)) {
  result.cpuProfiles = readdirSync(profRoot).flatMap((scenario) =>
    readdirSync(join(profRoot, scenario))
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => ({
        scenario,
        file: join(profRoot, scenario, f),
        ...topSelfTime(join(profRoot, scenario, f), 25),
      })),
  );
}

const m = result.messages;
const targets: Target[] = [
  {
    id: 'messages',
    what:
      `messages: Switchboard ÷ bare Socket.IO (${m?.visitors ?? '-'} visitors, ` +
      `${m?.agents ?? '-'} agents, p99 < 50 ms)`,
    measured: m
      ? `${fmt(m.deliveredPerSec, '/s', 0)} ÷ ${fmt(m.baselineDeliveredPerSec, '/s', 0)} = ${fmt(m.ratio, '', 2)} ` +
        `(p50 ${fmt(m.p50Ms, ' ms')}, p99 ${fmt(m.p99Ms, ' ms')})`
      : '-',
    target: 'ratio ≥ 0.8',
    met: m?.ratio == null ? null : m.ratio >= 0.8,
  },
  {
    id: 'connections',
    what: `connections: server RSS per idle connection (${result.connections?.count ?? '-'} sockets)`,
    measured: result.connections
      ? fmt(result.connections.rssPerConnKiB, ' KiB') +
        (result.connections.baselineRssPerConnKiB === null
          ? ''
          : ` (bare Socket.IO: ${fmt(result.connections.baselineRssPerConnKiB, ' KiB')})`)
      : '-',
    target: '≤ 20 KiB',
    met: result.connections ? result.connections.rssPerConnKiB <= 20 : null,
  },
  {
    id: 'queueStatus',
    what:
      `queue: GET /api/queue/status p99 (${result.queue?.waiting ?? '-'} waiting, ` +
      `${fmt(result.queue?.statusPerSec, '/s', 0)})`,
    measured: fmt(result.queue?.statusP99Ms, ' ms'),
    target: '< 20 ms',
    met: result.queue ? result.queue.statusP99Ms < 20 : null,
  },
  {
    id: 'queueJoins',
    what: 'queue: joins (POST /api/queue) while polling',
    measured: fmt(result.queue?.joinsPerSec, '/s', 0),
    target: '≥ 1,000/s',
    met: result.queue ? result.queue.joinsPerSec >= 1000 : null,
  },
  {
    id: 'queueEstimate',
    what:
      `queue: wait estimate, median |estimate − real wait| (${result.queueEstimate?.visitors ?? '-'} visitors, ` +
      `median wait ${fmt(result.queueEstimate?.medianWaitS, ' s')})`,
    measured: fmt(result.queueEstimate?.medianAbsErrorS, ' s'),
    // Reported, not judged: the error depends on how chat durations spread (see bench/README.md).
    target: 'reported',
    met: null,
  },
  {
    id: 'search',
    what:
      `history search: GET /api/chats/history?q= p99 over ${result.search?.messages.toLocaleString('en') ?? '-'} ` +
      `messages (${result.search?.requests ?? '-'} requests, p50 ${fmt(result.search?.latencyMs.p50, ' ms')})`,
    measured: fmt(result.search?.latencyMs.p99, ' ms'),
    target: '< 50 ms',
    met: result.search ? result.search.latencyMs.p99 < 50 : null,
  },
  {
    id: 'handover',
    what: `hand-over: chat:end ack → next chat:assigned p99 (${result.handover?.count ?? '-'})`,
    measured: fmt(result.handoverP99Ms, ' ms'),
    target: '< 100 ms',
    met: result.handoverP99Ms === null ? null : result.handoverP99Ms < 100,
  },
  {
    id: 'eventLoop',
    what:
      `event loop p99 (${serverLoop ? 'server metric' : 'healthz round trip'}) during ` +
      `${fmt(lg?.logins.perSec)} logins/s + ${fmt(lg?.rate, ' msg/s', 0)} ` +
      `(without logins: ${fmt(result.eventLoop?.withoutLoginsP99Ms, ' ms')})`,
    measured: fmt(result.eventLoopP99Ms, ' ms'),
    target: '< 20 ms',
    met: result.eventLoopP99Ms === null ? null : result.eventLoopP99Ms < 20,
  },
  {
    id: 'startup',
    what:
      `start-up to /healthz 200 (${fmt(startup?.messages, '', 0)} messages, ` +
      `${fmt(startup?.openChats, '', 0)} open chats)`,
    measured: fmt(result.startupMs, ' ms'),
    target: '< 2,000 ms at 1M / 10k',
    met: result.startupMs === null ? null : result.startupMs < 2000,
  },
  {
    id: 'cliHelp',
    what: 'switchboard --help (median)',
    measured: fmt(result.cliHelpMs, ' ms'),
    target: '< 300 ms',
    met: result.cliHelpMs === null ? null : result.cliHelpMs < 300,
  },
  {
    id: 'tui',
    what: `TUI first screen${msg && msg.tui.tuiFirstScreenMs === null ? ` (${msg.tui.note})` : ''}`,
    measured: fmt(result.tuiFirstScreenMs, ' ms'),
    target: '< 1,000 ms',
    met: result.tuiFirstScreenMs === null ? null : result.tuiFirstScreenMs < 1000,
  },
];
const output = { ...result, targets };

mkdirSync(join(outFile, '..'), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(output, null, 2)}\n`);
process.stdout.write(
  `\nSwitchboard bench (${mode}), ${where.nproc} × ${where.cpuModel}, ${where.memoryGiB} GiB, ` +
    `node ${where.node}, ${result.durationS} s\n\n`,
);
if (DEFAULT_SCENARIOS.some((s) => only.has(s))) process.stdout.write(`${table(targets)}\n\n`);
if (cluster?.skipped) process.stdout.write(`cluster: SKIPPED, ${cluster.skipped}\n\n`);
else if (cluster?.table) {
  process.stdout.write(
    `cluster: the same load on one node and on ${cluster.nodes}, ` +
      `one PostgreSQL${cluster.postgres?.durable ? ' (fsync on)' : ' (fsync off)'} + one Redis, all on this machine` +
      `${cluster.configs.sqlite ? '; a SQLite node for reference' : ''}\n\n${cluster.table}\n\n`,
  );
}
if (result.cpuProfiles) {
  for (const p of result.cpuProfiles as ReturnType<typeof topSelfTime>[] & { scenario: string; file: string }[]) {
    process.stdout.write(
      `CPU profile (${(p as unknown as { scenario: string }).scenario}, ${p.totalMs} ms sampled), top self time:\n`,
    );
    for (const f of p.functions.slice(0, 12)) process.stdout.write(`  ${String(f.percent).padStart(5)}%  ${f.fn}\n`);
    process.stdout.write(
      `  by package: ${p.packages
        .slice(0, 8)
        .map((x) => `${x.fn} ${x.percent}%`)
        .join(', ')}\n\n`,
    );
  }
}
process.stdout.write(`wrote ${outFile}\n`);
if (Object.keys(errors).length) {
  process.stderr.write(`scenarios failed: ${Object.keys(errors).join(', ')}\n`);
  process.exitCode = 1;
}
clearTimeout(watchdog);
