import type { Socket } from 'socket.io-client';
import { mapLimit, openSocket } from './sockets.js';

/** The connections scenario's sockets on the baseline relay: same namespaces and counts, no tokens. */
export interface IdleSpec {
  url: string;
  agents: string[];
  chats: { chatId: string; agent: string }[];
  queueEntries: string[];
  concurrency: number;
}

export class IdleSockets {
  private sockets: Socket[] = [];

  constructor(private readonly spec: IdleSpec) {}

  async connect() {
    const { url, concurrency } = this.spec;
    const t0 = performance.now();
    const agents = await mapLimit(this.spec.agents, concurrency, (username) =>
      openSocket(url, '/agent', { username }, 'chats:open'),
    );
    const visitors = await mapLimit(this.spec.chats, concurrency, (c) =>
      openSocket(url, '/visitor', { chatId: c.chatId, agent: c.agent, name: 'Visitor' }, 'chat:history'),
    );
    const queues = await mapLimit(this.spec.queueEntries, concurrency, (entryId) =>
      openSocket(url, '/queue', { entryId }),
    );
    this.sockets = [...agents, ...visitors, ...queues];
    return { count: this.sockets.length, connectMs: Math.round(performance.now() - t0) };
  }

  close() {
    for (const s of this.sockets) s.close();
    this.sockets = [];
  }
}
