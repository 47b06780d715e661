/**
 * Scenario "estimate" (part of the queue story): how far the wait estimate is from the wait visitors
 * really had. A small desk on its own server: agents with a few slots end each chat after a random
 * duration (uniform between two bounds), visitors arrive faster than chats end, so a queue builds.
 * Each visitor keeps the estimate of its join answer, polls its status, starts when at the front and
 * records the real wait (join → chat started). A warm-up round of chats first gives the server real
 * durations (before that it assumes 300 s). Reported: the median absolute error, in seconds.
 */
import type { Socket } from 'socket.io-client';
import { createHttp } from '../lib/http.js';
import { spawnSwitchboard, type ServerHandle } from '../lib/processes.js';
import { seedDesk } from '../lib/seed.js';
import { median, round } from '../lib/stats.js';
import { address, openSocket, sleep } from '../load/sockets.js';
import type { Ctx } from './context.js';

/** Sizes by mode (bounded: quick about 25 s, full about a minute, smoke a few seconds). */
const SIZES = {
  smoke: { agents: 1, maxChats: 3, warmup: 3, visitors: 4, arrivalMs: 300, chatMs: [600, 1200] },
  quick: { agents: 2, maxChats: 2, warmup: 4, visitors: 12, arrivalMs: 700, chatMs: [5000, 8000] },
  full: { agents: 2, maxChats: 3, warmup: 6, visitors: 40, arrivalMs: 500, chatMs: [5000, 11000] },
} as const;

export interface EstimateResult {
  visitors: number;
  /** Median over the served visitors of |estimate at join − real wait|, seconds. */
  medianAbsErrorS: number;
  medianWaitS: number;
  medianEstimateS: number;
  /** Served visitors whose join answer had no estimate (null). */
  withoutEstimate: number;
  samples: { estimateS: number | null; waitS: number }[];
}

/** A deterministic random sequence, so runs are comparable. */
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

export async function runWaitEstimate(ctx: Ctx): Promise<EstimateResult> {
  const size = SIZES[ctx.profile.mode];
  const dir = await ctx.tempDir('estimate');
  const seeded = await seedDesk(dir, { agents: size.agents, chatsPerAgent: 0, waiting: 0 });
  let server: ServerHandle | undefined;
  const sockets: Socket[] = [];
  const timers = new Set<NodeJS.Timeout>();
  try {
    server = await spawnSwitchboard({
      dataDir: dir,
      flags: ['--max-chats', String(size.maxChats), '--queue-joins-per-minute', '1000000', '--trust-proxy'],
    });
    const url = server.url;
    const http = createHttp(url, 64);
    const next = random(42);
    const [minMs, maxMs] = size.chatMs;
    // Agents end every chat they get after a random duration.
    for (const a of seeded.agents) {
      const socket = await openSocket(url, '/agent', { token: a.token }, 'chats:open');
      sockets.push(socket);
      socket.on('chat:assigned', ({ chatId }: { chatId: string }) => {
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            socket.emit('chat:end', { chatId }, () => {});
          },
          minMs + next() * (maxMs - minMs),
        );
        timers.add(timer);
      });
    }

    let k = 0;
    /** One visitor: join, poll every 100 ms, start at the front; resolves its estimate and wait. */
    const visit = async () => {
      const headers = { 'x-forwarded-for': address(10, ++k) };
      const joinedAt = performance.now();
      const join = await http.request('POST', '/api/queue', { body: { name: `Visitor ${k}` }, headers });
      if (join.status !== 201) throw new Error(`join: ${join.status} ${JSON.stringify(join.body)}`);
      const token = join.body.queueToken as string;
      for (;;) {
        const status = await http.request('GET', '/api/queue/status', { token });
        if (status.status !== 200) throw new Error(`status: ${status.status} ${JSON.stringify(status.body)}`);
        if (status.body.ahead === 0) {
          const start = await http.request('POST', '/api/chat/start', { token });
          if (start.status === 200) break;
          if (start.status !== 409) throw new Error(`start: ${start.status} ${JSON.stringify(start.body)}`);
        }
        await sleep(100);
      }
      return {
        estimateS: join.body.estimatedWaitSeconds as number | null,
        waitS: (performance.now() - joinedAt) / 1000,
      };
    };

    ctx.log(`estimate: warm-up, ${size.warmup} chats of ${minMs / 1000}–${maxMs / 1000} s`);
    await Promise.all(Array.from({ length: size.warmup }, () => visit()));
    while (timers.size) await sleep(100); // every warm-up chat has ended: their durations are known

    ctx.log(
      `estimate: ${size.visitors} visitors, one every ${size.arrivalMs} ms, ${size.agents * size.maxChats} slots`,
    );
    const runs: Promise<{ estimateS: number | null; waitS: number }>[] = [];
    for (let i = 0; i < size.visitors; i++) {
      runs.push(visit());
      await sleep(size.arrivalMs);
    }
    const samples = (await Promise.all(runs)).map((s) => ({ estimateS: s.estimateS, waitS: round(s.waitS, 2) }));
    http.close();
    const known = samples.filter((s) => s.estimateS !== null);
    const result: EstimateResult = {
      visitors: samples.length,
      medianAbsErrorS: round(median(known.map((s) => Math.abs((s.estimateS ?? 0) - s.waitS))), 2),
      medianWaitS: round(median(samples.map((s) => s.waitS)), 2),
      medianEstimateS: round(median(known.map((s) => s.estimateS ?? 0)), 2),
      withoutEstimate: samples.length - known.length,
      samples,
    };
    ctx.log(
      `estimate: median |estimate − real wait| ${result.medianAbsErrorS} s ` +
        `(median wait ${result.medianWaitS} s, median estimate ${result.medianEstimateS} s, ${result.visitors} visitors)`,
    );
    return result;
  } finally {
    for (const t of timers) clearTimeout(t);
    for (const s of sockets) s.close();
    await server?.stop();
  }
}
