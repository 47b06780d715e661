import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import { PROJECT_ROOT } from '../../server/paths.js';
import { spawnServer, type ServerProcess } from './process-server.js';
import { PASSWORD } from './server.js';
import { connectFor } from './sockets.js';

async function api(url: string, method: string, path: string, token?: string, body?: unknown, ip = '10.3.0.1') {
  const res = await fetch(url + path, {
    method,
    headers: {
      'x-forwarded-for': ip,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const FLAGS = [
  '--trust-proxy',
  '--messages-per-second',
  '100000',
  '--queue-joins-per-minute',
  '100000',
  '--agent-grace',
  '600',
];

/**
 * kill -9 the server at a random moment while visitors and an agent send, `rounds` times. After each
 * restart: integrity_check is ok, every acknowledged message is stored exactly once, the waiting
 * visitors keep their places, the open chats come back, and the same tokens carry on.
 */
export async function crashRounds(rounds: number, log: (line: string) => void = () => {}): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-soak-'));
  const bin = join(PROJECT_ROOT, 'bin/switchboard.js');
  assert.equal(
    spawnSync(
      process.execPath,
      [bin, 'admin', 'create', 'root', '--name', 'Root', '--password-stdin', '--data-dir', dataDir],
      { input: PASSWORD },
    ).status,
    0,
  );
  let server: ServerProcess = await spawnServer(['--data-dir', dataDir, ...FLAGS]);
  const sockets: Socket[] = [];
  try {
    const root = (await api(server.url, 'POST', '/api/login', undefined, { username: 'root', password: PASSWORD })).body
      .token as string;
    const chats: { chatId: string; userToken: string }[] = [];
    const waiting: string[] = [];
    const acked = new Map<string, string[]>(); // chatId → bodies acknowledged
    const first = await connectFor(server.url, '/agent', { token: root }, 'chats:open');
    sockets.push(first.socket);
    for (let i = 0; i < 3; i++) {
      const q = (await api(server.url, 'POST', '/api/queue', undefined, { name: `Visitor ${i}` }, `10.3.1.${i}`)).body
        .queueToken;
      const start = await api(server.url, 'POST', '/api/chat/start', q);
      assert.equal(start.status, 200, JSON.stringify(start.body));
      chats.push({ chatId: start.body.chatId, userToken: start.body.userToken });
    }
    for (let i = 0; i < 2; i++)
      waiting.push(
        (await api(server.url, 'POST', '/api/queue', undefined, { name: `Waiting ${i}` }, `10.3.2.${i}`)).body
          .queueToken,
      );
    const places = await Promise.all(
      waiting.map(async (q) => (await api(server.url, 'GET', '/api/queue/status', q)).body.ahead as number),
    );

    let counter = 0;
    for (let round = 1; round <= rounds; round++) {
      for (const s of sockets.splice(0)) s.close();
      const agent = await connectFor(server.url, '/agent', { token: root }, 'chats:open');
      sockets.push(agent.socket);
      assert.deepEqual(
        agent.payload.chats.map((c: any) => c.chatId).sort(),
        chats.map((c) => c.chatId).sort(),
        `round ${round}: open chats restored`,
      );
      let stop = false;
      const senders = chats.map(async (c) => {
        const v = await connectFor(server.url, '/visitor', { token: c.userToken }, 'chat:history');
        sockets.push(v.socket);
        while (!stop) {
          const body = `r${round}-m${counter++}`;
          const ack = await v.socket
            .timeout(1000)
            .emitWithAck('chat:send', { body, clientMsgId: body })
            .catch(() => undefined);
          if (ack?.ok) acked.set(c.chatId, [...(acked.get(c.chatId) ?? []), body]);
          else if (!v.socket.connected) return;
        }
      });
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 500));
      await server.kill9();
      stop = true;
      await Promise.all(senders);
      for (const s of sockets.splice(0)) s.close();

      const db = new Database(join(dataDir, 'switchboard.db'));
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', `round ${round}: integrity_check`);
      db.close();

      server = await spawnServer(['--data-dir', dataDir, ...FLAGS]);
      for (const c of chats) {
        const v = await connectFor(server.url, '/visitor', { token: c.userToken }, 'chat:history');
        const bodies: string[] = v.payload.transcript.map((m: any) => m.body);
        v.socket.close();
        assert.equal(new Set(bodies).size, bodies.length, `round ${round}: no message stored twice`);
        const stored = new Set(bodies);
        const lost = (acked.get(c.chatId) ?? []).filter((b) => !stored.has(b));
        assert.deepEqual(lost, [], `round ${round}: acknowledged messages lost`);
      }
      for (const [i, q] of waiting.entries()) {
        const status = await api(server.url, 'GET', '/api/queue/status', q);
        assert.equal(status.status, 200, `round ${round}: waiting visitor ${i} kept its place`);
        assert.equal(status.body.ahead, places[i]);
      }
      const total = [...acked.values()].reduce((n, b) => n + b.length, 0);
      log(`round ${round}: ok (${total} acknowledged messages so far)`);
    }
  } finally {
    for (const s of sockets) s.close();
    await server.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}
