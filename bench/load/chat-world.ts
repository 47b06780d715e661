import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { summarize, type Summary } from '../lib/stats.js';
import { address, mapLimit, openSocket, sleep } from './sockets.js';

/** Who to connect: agents and the chats (one visitor socket each) they hold. */
export interface ChatWorldSpec {
  url: string;
  /**
   * Several nodes (cluster scenario): agent i connects to urls[i % n] and the visitors of its chats
   * to the next node, urls[(i + 1) % n], so every message crosses nodes. Default: [url].
   */
  urls?: string[];
  kind: 'switchboard' | 'baseline';
  agents: { username: string; token: string }[];
  chats: { chatId: string; agent: string; visitorName: string; userToken: string }[];
  concurrency: number;
}

export interface StepResult {
  rate: number;
  durationMs: number;
  sent: number;
  acked: number;
  errors: number;
  errorCodes: Record<string, number>;
  unacked: number;
  delivered: number;
  lost: number;
  deliveredPerSec: number;
  latencyMs: Summary;
  /** Send → the sender's ack (the message is committed), for the acknowledged messages. */
  ackLatencyMs: Summary;
  pass: boolean;
  disconnects: number;
  /** Filled in by the orchestrator: cores used by the server and the load generator during the step. */
  cpuCores?: Record<string, number>;
  /** Filled in by the orchestrator: the server's own event-loop delay during the step. */
  serverEventLoopMs?: { p50: number; p99: number; max: number };
  /** The load generator's own event-loop delay during the step (a stalled client inflates latency too). */
  loadEventLoopMs: { p50: number; p99: number; max: number };
}

const FILLER = 'Hello, my order has not arrived yet and the tracking page says nothing.';

interface StepState {
  n0: number;
  sent: number;
  sendT: Float64Array;
  state: Uint8Array; // 1 sent, 2 acked ok, 3 acked with an error
  delivered: Uint8Array;
  lat: Float64Array;
  nLat: number;
  ackLat: Float64Array;
  nAck: number;
  errorCodes: Record<string, number>;
}

/**
 * 1,000 visitors in chats with 50 agents (or whatever the spec says). Visitors send at an offered
 * rate spread round-robin over them; latency is send → `chat:message` at the agent, in this process.
 */
export class ChatWorld {
  private agents: Socket[] = [];
  private visitors: Socket[] = [];
  /** The node URLs and, per agent, its /agent socket and the node it is on (for the cluster scenario's hand-overs). */
  urls: string[] = [];
  readonly agentSockets = new Map<string, { socket: Socket; node: number }>();
  private st: StepState | undefined;
  private counter = 0;
  private disconnects = 0;
  echoes = 0;

  constructor(private readonly spec: ChatWorldSpec) {}

  async connect(): Promise<{ connectMs: number; agents: number; visitors: number }> {
    const t0 = performance.now();
    const { kind } = this.spec;
    const urls = this.spec.urls?.length ? this.spec.urls : [this.spec.url];
    const nodeOf = new Map(this.spec.agents.map((a, i) => [a.username, i % urls.length]));
    this.agents = await mapLimit(this.spec.agents, this.spec.concurrency, (a, i) =>
      openSocket(
        urls[i % urls.length]!,
        '/agent',
        kind === 'switchboard' ? { token: a.token } : { username: a.username },
        'chats:open',
      ),
    );
    this.urls = urls;
    for (const [i, a] of this.spec.agents.entries()) {
      this.agentSockets.set(a.username, { socket: this.agents[i]!, node: i % urls.length });
    }
    for (const s of this.agents) {
      s.on('chat:message', (m: { from?: { role?: string }; body?: string }) => this.delivered(m));
      s.on('disconnect', () => this.disconnects++);
    }
    this.visitors = await mapLimit(this.spec.chats, this.spec.concurrency, (c, i) =>
      openSocket(
        urls[((nodeOf.get(c.agent) ?? 0) + 1) % urls.length]!,
        '/visitor',
        kind === 'switchboard' ? { token: c.userToken } : { chatId: c.chatId, agent: c.agent, name: c.visitorName },
        'chat:history',
        { 'x-forwarded-for': address(10, i + 1) },
      ),
    );
    for (const s of this.visitors) {
      s.on('chat:message', () => this.echoes++);
      s.on('disconnect', () => this.disconnects++);
    }
    return {
      connectMs: Math.round(performance.now() - t0),
      agents: this.agents.length,
      visitors: this.visitors.length,
    };
  }

  private delivered(m: { from?: { role?: string }; body?: string }) {
    const st = this.st;
    if (!st || m.from?.role !== 'visitor' || typeof m.body !== 'string') return;
    const n = Number(m.body.slice(0, m.body.indexOf('|'))) - st.n0;
    if (!(n >= 0 && n < st.sent) || st.delivered[n]) return;
    st.delivered[n] = 1;
    st.lat[st.nLat++] = performance.now() - st.sendT[n]!;
  }

  /** Offers `rate` messages/s for `durationMs`, then waits up to `drainMs` for acks and deliveries. */
  async step(o: { rate: number; durationMs: number; drainMs: number; p99LimitMs: number }): Promise<StepResult> {
    const total = Math.max(1, Math.round((o.rate * o.durationMs) / 1000));
    const st: StepState = {
      n0: this.counter,
      sent: 0,
      sendT: new Float64Array(total),
      state: new Uint8Array(total),
      delivered: new Uint8Array(total),
      lat: new Float64Array(total),
      nLat: 0,
      ackLat: new Float64Array(total),
      nAck: 0,
      errorCodes: {},
    };
    this.counter += total;
    this.st = st;
    const disconnectsBefore = this.disconnects;
    const visitors = this.visitors;
    let rr = 0;
    const send = (i: number) => {
      const socket = visitors[rr++ % visitors.length]!;
      st.sendT[i] = performance.now();
      st.state[i] = 1;
      socket.emit(
        'chat:send',
        { body: `${st.n0 + i}|${FILLER}` },
        (ack: { ok?: boolean; error?: { code?: string } }) => {
          if (ack?.ok) {
            st.state[i] = 2;
            st.ackLat[st.nAck++] = performance.now() - st.sendT[i]!;
          } else {
            st.state[i] = 3;
            const code = ack?.error?.code ?? 'no_ack_body';
            st.errorCodes[code] = (st.errorCodes[code] ?? 0) + 1;
          }
        },
      );
    };
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const t0 = performance.now();
    const tick = () => {
      const due = Math.min(total, Math.floor((o.rate * (performance.now() - t0)) / 1000));
      while (st.sent < due) send(st.sent++);
    };
    const timer = setInterval(tick, 2);
    await sleep(o.durationMs);
    clearInterval(timer);
    while (st.sent < total) send(st.sent++);

    const settled = () => {
      for (let i = 0; i < total; i++) if (st.state[i] === 1 || (st.state[i] === 2 && !st.delivered[i])) return false;
      return true;
    };
    const until = performance.now() + o.drainMs;
    while (!settled() && performance.now() < until) await sleep(20);
    this.st = undefined;
    loop.disable();
    const less = (ns: number) => Math.max(0, Math.round((ns / 1e6 - 10) * 100) / 100);
    const loadEventLoopMs = { p50: less(loop.percentile(50)), p99: less(loop.percentile(99)), max: less(loop.max) };

    let acked = 0,
      errors = 0,
      unacked = 0,
      lost = 0,
      delivered = 0;
    for (let i = 0; i < total; i++) {
      const s = st.state[i];
      if (st.delivered[i]) delivered++;
      if (s === 2) {
        acked++;
        if (!st.delivered[i]) lost++;
      } else if (s === 3) errors++;
      else unacked++;
    }
    const latencyMs = summarize(st.lat.subarray(0, st.nLat));
    const ackLatencyMs = summarize(st.ackLat.subarray(0, st.nAck));
    return {
      rate: o.rate,
      durationMs: o.durationMs,
      sent: total,
      acked,
      errors,
      errorCodes: st.errorCodes,
      unacked,
      delivered,
      lost,
      deliveredPerSec: Math.round(delivered / (o.durationMs / 1000)),
      latencyMs,
      ackLatencyMs,
      pass: errors === 0 && unacked === 0 && lost === 0 && latencyMs.p99 < o.p99LimitMs,
      disconnects: this.disconnects - disconnectsBefore,
      loadEventLoopMs,
    };
  }

  close(): void {
    for (const s of [...this.agents, ...this.visitors]) s.close();
    this.agents = [];
    this.visitors = [];
    this.agentSockets.clear();
  }
}
