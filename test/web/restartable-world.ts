// A world (server, admin, agents) whose server can be stopped and started again on the same port and
// data dir, as a visitor's browser sees a restart: the page keeps its URL, the sockets come back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectFor } from '../helpers/sockets.js';

type Overrides = Parameters<typeof startTestServer>[0];

export async function startRestartableWorld(agents: string[], overrides: Overrides = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-web-'));
  let t: TestServer = await startTestServer({ trustProxy: true, ...overrides }, dir);
  const port = t.server.port;
  await t.createAdmin('root');
  const adminToken = await t.login('root');
  for (const a of agents) await t.createAgent(adminToken, a, undefined, `${a[0]!.toUpperCase()}${a.slice(1)} Agent`);
  const sockets: Socket[] = [];
  let running = true;
  return {
    get t() {
      return t;
    },
    url: t.url,
    adminToken,
    /** Logs an agent in and opens its /agent socket (waits for chats:open). */
    async agentOnline(username: string) {
      const token = await t.login(username);
      return this.agentSocket(username, token);
    },
    /** Opens another /agent socket with a token already held (e.g. after a restart). */
    async agentSocket(username: string, token: string) {
      const { socket, payload: open } = await connectFor(t.url, '/agent', { token }, 'chats:open');
      sockets.push(socket);
      return { username, token, socket, open };
    },
    /** A graceful stop (SIGTERM's path): clients get `server:shutdown`, then their sockets close. */
    async stop() {
      running = false;
      await t.close();
    },
    /** Starts the server again on the same port and data dir. */
    async start() {
      t = await startTestServer({ trustProxy: true, ...overrides, port }, dir);
      running = true;
    },
    async close() {
      for (const s of sockets) s.close();
      if (running) await t.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
export type RestartableWorld = Awaited<ReturnType<typeof startRestartableWorld>>;
