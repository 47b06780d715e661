import type { Socket } from 'socket.io-client';
import { createHttp, type Http } from '../lib/http.js';
import { summarize, type Summary } from '../lib/stats.js';
import { address, mapLimit, openSocket, sleep } from './sockets.js';

export interface DeskSpec {
  url: string;
  agents: { username: string; token: string }[];
  chats: { chatId: string; agent: string; userToken: string }[];
  waiting: { entryId: string; name: string; queueToken: string }[];
  /** How many visitor sockets in all: one /visitor per chat, the rest /queue for the first waiting. */
  visitorSockets: number;
  concurrency: number;
}

interface Waiter {
  entryId: string;
  name: string;
  queueToken: string;
  socket?: Socket;
  state: 'waiting' | 'starting' | 'started';
}

/**
 * A support desk under queue load: agents at capacity, a long queue of visitors with /queue sockets
 * who poll their status, new visitors joining, and agents ending chats so the next visitor is served.
 */
export class Desk {
  // Separate connection pools: a backlog of status polls must not hold up joins and starts
  // (each of the real visitors has a browser of its own).
  private http: Http;
  private polls: Http;
  private joinsHttp: Http;
  private agents = new Map<string, { socket: Socket; chats: string[] }>();
  private chatSockets: Socket[] = [];
  private waiters: Waiter[];
  private onAssigned: ((chatId: string, at: number) => void) | undefined;
  private polling: { timer: NodeJS.Timeout; lat: number[]; errors: Record<string, number>; since: number } | undefined;
  private starts = { ok: 0, refused: 0, failed: 0 };
  private joined = 0;

  constructor(private readonly spec: DeskSpec) {
    this.http = createHttp(spec.url, 16);
    this.polls = createHttp(spec.url, 64);
    this.joinsHttp = createHttp(spec.url, 64);
    this.waiters = spec.waiting.map((w) => ({ ...w, state: 'waiting' }));
  }

  async connect() {
    const t0 = performance.now();
    const { url, concurrency } = this.spec;
    const chatsOf = new Map<string, string[]>();
    for (const c of this.spec.chats) chatsOf.set(c.agent, [...(chatsOf.get(c.agent) ?? []), c.chatId]);
    const agentSockets = await mapLimit(this.spec.agents, concurrency, (a) =>
      openSocket(url, '/agent', { token: a.token }, 'chats:open'),
    );
    this.spec.agents.forEach((a, i) => {
      const entry = { socket: agentSockets[i]!, chats: chatsOf.get(a.username) ?? [] };
      this.agents.set(a.username, entry);
      entry.socket.on('chat:assigned', (p: { chatId: string; reason: string }) => {
        const at = performance.now();
        entry.chats.push(p.chatId);
        if (p.reason === 'new') this.onAssigned?.(p.chatId, at);
      });
    });
    const chatSockets = Math.min(this.spec.chats.length, this.spec.visitorSockets);
    this.chatSockets = await mapLimit(this.spec.chats.slice(0, chatSockets), concurrency, (c, i) =>
      openSocket(url, '/visitor', { token: c.userToken }, 'chat:history', { 'x-forwarded-for': address(10, i + 1) }),
    );
    const queueSockets = Math.min(this.waiters.length, this.spec.visitorSockets - chatSockets);
    await mapLimit(this.waiters.slice(0, queueSockets), concurrency, async (w, i) => {
      w.socket = await openSocket(url, '/queue', { token: w.queueToken }, undefined, {
        'x-forwarded-for': address(12, i + 1),
      });
      w.socket.on('queue:turn', () => void this.start(w));
    });
    return {
      connectMs: Math.round(performance.now() - t0),
      agentSockets: agentSockets.length,
      visitorSockets: chatSockets,
      queueSockets,
      count: agentSockets.length + chatSockets + queueSockets,
    };
  }

  /** The waiting visitor's answer to `queue:turn`: POST /api/chat/start. */
  private async start(w: Waiter) {
    if (w.state !== 'waiting') return;
    w.state = 'starting';
    try {
      const res = await this.http.request('POST', '/api/chat/start', { token: w.queueToken });
      if (res.status === 200) {
        this.starts.ok++;
        w.state = 'started';
        w.socket?.close();
      } else {
        this.starts.refused++;
        w.state = 'waiting';
      }
    } catch {
      this.starts.failed++;
      w.state = 'waiting';
    }
  }

  /**
   * Every waiting visitor polls GET /api/queue/status once per `intervalMs`, spread evenly.
   * Latency is measured from the scheduled time (no coordinated omission).
   */
  startPolling(o: { intervalMs: number }) {
    this.stopPolling();
    const lat: number[] = [];
    const errors: Record<string, number> = {};
    const gap = o.intervalMs / this.waiters.length;
    let next = performance.now();
    let idx = 0;
    const poll = async (w: Waiter, scheduled: number) => {
      try {
        const res = await this.polls.request('GET', '/api/queue/status', { token: w.queueToken });
        if (res.status === 200) lat.push(performance.now() - scheduled);
        else if (w.state === 'waiting') errors[res.status] = (errors[res.status] ?? 0) + 1;
      } catch (_e) {
        errors.network = (errors.network ?? 0) + 1;
      }
    };
    const timer = setInterval(() => {
      const now = performance.now();
      while (next <= now) {
        const w = this.waiters[idx]!;
        idx = (idx + 1) % this.waiters.length;
        if (w.state === 'waiting') void poll(w, next);
        next += gap;
      }
    }, 5);
    this.polling = { timer, lat, errors, since: performance.now() };
  }

  /** Status latencies since the last call (resets the window). */
  pollStats(): { polls: number; perSec: number; latencyMs: Summary; errors: Record<string, number> } {
    const p = this.polling;
    if (!p) throw new Error('not polling');
    const secs = (performance.now() - p.since) / 1000;
    const out = {
      polls: p.lat.length,
      perSec: Math.round(p.lat.length / secs),
      latencyMs: summarize(p.lat),
      errors: { ...p.errors },
    };
    p.lat.length = 0;
    for (const k of Object.keys(p.errors)) delete p.errors[k];
    p.since = performance.now();
    return out;
  }

  stopPolling() {
    if (this.polling) clearInterval(this.polling.timer);
    this.polling = undefined;
  }

  /** New visitors join (POST /api/queue, distinct addresses), `concurrency` at a time, for `durationMs`. */
  async joins(o: { durationMs: number; concurrency: number }) {
    const until = performance.now() + o.durationMs;
    const lat: number[] = [];
    const errors: Record<string, number> = {};
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (performance.now() < until) {
          const k = ++this.joined;
          const t = performance.now();
          try {
            const res = await this.joinsHttp.request('POST', '/api/queue', {
              body: { name: `Joiner ${k}` },
              headers: { 'x-forwarded-for': address(11, k) },
            });
            if (res.status === 201) lat.push(performance.now() - t);
            else errors[res.status] = (errors[res.status] ?? 0) + 1;
          } catch {
            errors.network = (errors.network ?? 0) + 1;
          }
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    return { joins: lat.length, perSec: Math.round(lat.length / secs), latencyMs: summarize(lat), errors };
  }

  /**
   * Agents end chats one after another while the queue is full; each time, from the `chat:end` ack
   * to the agent's `chat:assigned` for the next visitor (who got `queue:turn` and started).
   */
  async handover(o: { count: number; gapMs: number; timeoutMs: number }) {
    const lat: number[] = [];
    let errors = 0,
      timeouts = 0;
    const agents = [...this.agents.values()];
    for (let i = 0; i < o.count; i++) {
      const agent = agents[i % agents.length]!;
      const chatId = agent.chats.shift();
      if (!chatId) continue;
      let assignedAt = 0;
      const assigned = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), o.timeoutMs);
        this.onAssigned = (_id, at) => {
          clearTimeout(timer);
          assignedAt = at;
          resolve(true);
        };
      });
      const ack = (await agent.socket
        .timeout(o.timeoutMs)
        .emitWithAck('chat:end', { chatId })
        .catch(() => ({ ok: false }))) as { ok: boolean };
      const endedAt = performance.now();
      if (!ack.ok) {
        errors++;
        this.onAssigned = undefined;
        continue;
      }
      if (await assigned) lat.push(Math.max(0, assignedAt - endedAt));
      else if (++timeouts >= 3) break; // bounded: the server is not handing over at all
      this.onAssigned = undefined;
      await sleep(o.gapMs);
    }
    return { handovers: lat.length, latencyMs: summarize(lat), errors, timeouts, starts: { ...this.starts } };
  }

  close() {
    this.stopPolling();
    for (const a of this.agents.values()) a.socket.close();
    for (const s of this.chatSockets) s.close();
    for (const w of this.waiters) w.socket?.close();
    this.http.close();
    this.polls.close();
    this.joinsHttp.close();
  }
}
