/**
 * The cluster scenario's load beside the chat world (bench/load/chat-world.ts), in the load
 * generator process: queue joins spread round-robin over the nodes, hand-overs between an agent on
 * node k and a waiting visitor on node k+1, and a queue drain (many waiting visitors, spare agents
 * come online, every visitor's start chained through `queue:turn`).
 */
import type { Socket } from 'socket.io-client';
import { createHttp, type Http } from '../lib/http.js';
import { summarize } from '../lib/stats.js';
import type { ChatWorld } from './chat-world.js';
import { address, mapLimit, openSocket, sleep } from './sockets.js';

let joined = 0; // distinct X-Forwarded-For addresses across calls

/** POST /api/queue, `concurrency` in flight, request k to node k mod n, each from its own address, for `durationMs`. */
export async function clusterJoins(o: { urls: string[]; durationMs: number; concurrency: number }) {
  const https = o.urls.map((u) => createHttp(u, o.concurrency));
  const lat: number[] = [];
  const perNode = o.urls.map(() => 0);
  const errors: Record<string, number> = {};
  const t0 = performance.now();
  const until = t0 + o.durationMs;
  try {
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (performance.now() < until) {
          const k = ++joined;
          const node = k % o.urls.length;
          const t = performance.now();
          try {
            const res = await https[node]!.request('POST', '/api/queue', {
              body: { name: `Joiner ${k}` },
              headers: { 'x-forwarded-for': address(11, k) },
            });
            if (res.status === 201) {
              lat.push(performance.now() - t);
              perNode[node]!++;
            } else errors[res.status] = (errors[res.status] ?? 0) + 1;
          } catch {
            errors.network = (errors.network ?? 0) + 1;
          }
        }
      }),
    );
  } finally {
    for (const h of https) h.close();
  }
  const secs = (performance.now() - t0) / 1000;
  return { joins: lat.length, perSec: Math.round(lat.length / secs), latencyMs: summarize(lat), perNode, errors };
}

interface Waiting {
  node: number;
  queueToken: string;
  socket: Socket;
  startSentAt?: number;
  startedAt?: number;
  turnAt?: number;
  status?: number;
}

/**
 * A visitor joins on `node` and keeps a /queue socket there; on `queue:turn` it calls
 * POST /api/chat/start on the same node.
 */
async function waitingVisitor(
  urls: string[],
  https: Http[],
  node: number,
  k: number,
  onStarted?: (w: Waiting) => void,
): Promise<Waiting> {
  const headers = { 'x-forwarded-for': address(13, k) };
  const res = await https[node]!.request<{ queueToken: string }>('POST', '/api/queue', {
    body: { name: `Waiting ${k}` },
    headers,
  });
  if (res.status !== 201)
    throw new Error(`POST /api/queue on node ${node + 1}: ${res.status} ${JSON.stringify(res.body)}`);
  const socket = await openSocket(urls[node]!, '/queue', { token: res.body.queueToken }, undefined, headers);
  const w: Waiting = { node, queueToken: res.body.queueToken, socket };
  socket.on('queue:turn', async () => {
    if (w.startSentAt !== undefined) return;
    w.turnAt = performance.now();
    w.startSentAt = w.turnAt;
    try {
      const r = await https[node]!.request('POST', '/api/chat/start', { token: w.queueToken });
      w.status = r.status;
      if (r.status === 200) {
        w.startedAt = performance.now();
        onStarted?.(w);
        socket.close();
      } else w.startSentAt = undefined; // not yet (another visitor was told too): wait for the next turn
    } catch {
      w.startSentAt = undefined;
    }
  });
  return w;
}

/**
 * One hand-over at a time: a visitor joins on node k+1 (all agents are full, so it waits), the agent
 * on node k ends one of its chats; the server tells the visitor `queue:turn` (on node k+1), the
 * visitor starts (on node k+1), and the agent gets `chat:assigned` (on node k). Times: `chat:end`
 * ack → `chat:assigned` (as the desk scenario), and POST /api/chat/start sent → `chat:assigned`.
 */
export async function clusterHandover(
  world: ChatWorld,
  o: { chats: { chatId: string; agent: string }[]; count: number; gapMs: number; timeoutMs: number },
) {
  const urls = world.urls;
  const https = urls.map((u) => createHttp(u, 4));
  const chatsOf = new Map<string, string[]>();
  for (const c of o.chats) chatsOf.set(c.agent, [...(chatsOf.get(c.agent) ?? []), c.chatId]);
  const agents = [...world.agentSockets.entries()];
  const endToAssigned: number[] = [],
    startToAssigned: number[] = [],
    endToTurn: number[] = [];
  let errors = 0,
    timeouts = 0;
  const errorNotes: string[] = [];
  try {
    for (let i = 0; i < o.count; i++) {
      const [username, agent] = agents[i % agents.length]!;
      const chatId = chatsOf.get(username)?.shift();
      if (!chatId) continue;
      let w: Waiting | undefined;
      try {
        w = await waitingVisitor(urls, https, (agent.node + 1) % urls.length, i + 1);
        await sleep(o.gapMs); // the /queue socket has joined its room on every node
        let assignedAt = 0;
        const assigned = new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => {
            agent.socket.off('chat:assigned', on);
            resolve(false);
          }, o.timeoutMs);
          const on = (p: { reason?: string }) => {
            if (p.reason !== 'new') return;
            assignedAt = performance.now();
            clearTimeout(timer);
            agent.socket.off('chat:assigned', on);
            resolve(true);
          };
          agent.socket.on('chat:assigned', on);
        });
        const ack = (await agent.socket
          .timeout(o.timeoutMs)
          .emitWithAck('chat:end', { chatId })
          .catch(() => ({ ok: false }))) as { ok: boolean };
        const endedAt = performance.now();
        if (!ack.ok) {
          errors++;
          errorNotes.push(`chat:end ${JSON.stringify(ack)}`);
          continue;
        }
        if (!(await assigned)) {
          timeouts++;
          errorNotes.push(
            `no chat:assigned within ${o.timeoutMs} ms ` +
              `(turn ${w.turnAt ? 'received' : 'not received'}, start status ${w.status ?? '-'})`,
          );
          if (timeouts >= 3) break; // bounded: the cluster is not handing over at all
          continue;
        }
        endToAssigned.push(Math.max(0, assignedAt - endedAt));
        if (w.startSentAt !== undefined) startToAssigned.push(Math.max(0, assignedAt - w.startSentAt));
        if (w.turnAt !== undefined) endToTurn.push(Math.max(0, w.turnAt - endedAt));
      } catch (e) {
        errors++;
        errorNotes.push((e as Error).message);
      } finally {
        w?.socket.close();
      }
      await sleep(o.gapMs);
    }
  } finally {
    for (const h of https) h.close();
  }
  return {
    handovers: endToAssigned.length,
    endToAssignedMs: summarize(endToAssigned),
    startToAssignedMs: summarize(startToAssigned),
    endToTurnMs: summarize(endToTurn),
    errors,
    timeouts,
    errorNotes: errorNotes.slice(0, 5),
  };
}

/**
 * Queue drain: `visitors` wait (joined round-robin over the nodes, each with a /queue socket on its
 * node), every agent full; then the spare agents (room for exactly that many chats) connect, spare j
 * on node j mod n. The queue is served one visitor at a time: each start's dispatch tells the next
 * head `queue:turn`. Measured: from the first spare's connect to the last `chat:assigned`.
 */
export async function clusterDrain(o: {
  urls: string[];
  spares: { username: string; token: string }[];
  visitors: number;
  timeoutMs: number;
  concurrency: number;
}) {
  const https = o.urls.map((u) => createHttp(u, 16));
  const waiting: Waiting[] = [];
  const spareSockets: Socket[] = [];
  let started = 0;
  try {
    const base = 100_000 + joined; // addresses distinct from the hand-over's
    joined += o.visitors;
    waiting.push(
      ...(await mapLimit(
        Array.from({ length: o.visitors }, (_, i) => i),
        Math.min(16, o.concurrency),
        (i) => waitingVisitor(o.urls, https, i % o.urls.length, base + i, () => started++),
      )),
    );
    await sleep(200);
    let assigned = 0;
    const assignedAt: number[] = [];
    let all!: () => void;
    const done = new Promise<void>((resolve) => (all = resolve));
    const t0 = performance.now();
    await Promise.all(
      o.spares.map(async (s, j) => {
        const socket = await openSocket(o.urls[j % o.urls.length]!, '/agent', { token: s.token }, 'chats:open');
        spareSockets.push(socket);
        socket.on('chat:assigned', (p: { reason?: string }) => {
          if (p.reason !== 'new') return;
          assignedAt.push(performance.now() - t0);
          if (++assigned >= o.visitors) all();
        });
      }),
    );
    const connectedMs = performance.now() - t0;
    const finished = await Promise.race([done.then(() => true), sleep(o.timeoutMs).then(() => false)]);
    const lastMs = assignedAt.length ? Math.max(...assignedAt) : Number.NaN;
    return {
      visitors: o.visitors,
      spares: o.spares.length,
      assigned,
      started,
      finished,
      connectSparesMs: Math.round(connectedMs),
      drainMs: Math.round(lastMs),
      startsPerSec: assigned && Number.isFinite(lastMs) ? Math.round((assigned / lastMs) * 1000) : 0,
      assignedAtMs: summarize(assignedAt),
    };
  } finally {
    for (const w of waiting) w.socket.close();
    for (const s of spareSockets) s.close();
    for (const h of https) h.close();
  }
}
