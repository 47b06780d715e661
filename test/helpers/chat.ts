import type { Socket } from 'socket.io-client';
import { connectFor } from './sockets.js';
import { startTestServer, type TestServer } from './server.js';

export interface AgentSession {
  username: string;
  token: string;
  socket: Socket;
}

export interface Visitor {
  name: string;
  queueToken: string;
  userToken?: string;
  chatId?: string;
  socket?: Socket;
}

/** A server with an admin and the named agents registered through the real invite flow. */
export async function startWorld(agents: string[], overrides: Parameters<typeof startTestServer>[0] = {}) {
  // Behind a (pretend) proxy, so each test visitor can come from its own address.
  const t = await startTestServer({ trustProxy: true, ...overrides });
  let addresses = 0;
  await t.createAdmin('root');
  const adminToken = await t.login('root');
  for (const a of agents) await t.createAgent(adminToken, a, undefined, `${a[0]!.toUpperCase()}${a.slice(1)} Agent`);
  const sockets: Socket[] = [];
  const world = {
    t,
    adminToken,
    /** Logs an agent in and opens its /agent socket (waits for chats:open). */
    async agentOnline(username: string): Promise<AgentSession & { open: any }> {
      const token = await t.login(username);
      const { socket, payload: open } = await connectFor(t.url, '/agent', { token }, 'chats:open');
      sockets.push(socket);
      return { username, token, socket, open };
    },
    async join(name: string, address = `10.0.${Math.floor(++addresses / 250)}.${addresses % 250}`): Promise<Visitor> {
      const res = await t.api('POST', '/api/queue', { body: { name }, headers: { 'x-forwarded-for': address } });
      if (res.status !== 201) throw new Error(`join failed ${res.status} ${JSON.stringify(res.body)}`);
      return { name, queueToken: res.body.queueToken };
    },
    status: (v: Visitor) => t.api('GET', '/api/queue/status', { token: v.queueToken }),
    start: (v: Visitor) => t.api('POST', '/api/chat/start', { token: v.queueToken }),
    /** Starts the chat and opens the visitor's socket (waits for chat:history). */
    async startAndConnect(v: Visitor): Promise<Visitor & { history: any }> {
      const res = await world.start(v);
      if (res.status !== 200) throw new Error(`start failed ${res.status} ${JSON.stringify(res.body)}`);
      v.userToken = res.body.userToken;
      v.chatId = res.body.chatId;
      const { socket, payload: history } = await connectFor(t.url, '/visitor', { token: v.userToken }, 'chat:history');
      sockets.push(socket);
      v.socket = socket;
      return Object.assign(v, { history });
    },
    async close() {
      for (const s of sockets) s.close();
      await t.close();
    },
    track(socket: Socket) {
      sockets.push(socket);
      return socket;
    },
  };
  return world;
}
export type World = Awaited<ReturnType<typeof startWorld>>;
export type { TestServer };
