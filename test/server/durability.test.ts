import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { spawnServer } from '../helpers/process-server.js';
import { connectFor, emitAck } from '../helpers/sockets.js';
import { PASSWORD } from '../helpers/server.js';
import { PROJECT_ROOT } from '../../server/paths.js';

async function api(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const killMidConversation =
  'kill -9 mid-conversation: after a restart every acknowledged message, the open chat and the queue are back, ' +
  'and everyone carries on';
test(killMidConversation, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-crash-'));
  const admin = spawnSync(
    process.execPath,
    [
      join(PROJECT_ROOT, 'bin/switchboard.js'),
      'admin',
      'create',
      'root',
      '--name',
      'Root',
      '--password-stdin',
      '--data-dir',
      dataDir,
    ],
    { input: PASSWORD },
  );
  assert.equal(admin.status, 0, admin.stderr.toString());
  let server = await spawnServer(['--data-dir', dataDir, '--trust-proxy']);
  const sockets: { close(): void }[] = [];
  try {
    const rootToken = (await api(server.url, 'POST', '/api/login', undefined, { username: 'root', password: PASSWORD }))
      .body.token;
    const invite = await api(server.url, 'POST', '/api/admin/invites', rootToken, {
      username: 'alice',
      name: 'Alice A',
      email: 'alice@example.test',
    });
    const inviteToken = new URL(invite.body.registerUrl).hash.slice('#token='.length);
    assert.equal(
      (await api(server.url, 'POST', '/api/register', undefined, { token: inviteToken, password: PASSWORD })).status,
      201,
    );
    const aliceToken = (
      await api(server.url, 'POST', '/api/login', undefined, { username: 'alice', password: PASSWORD })
    ).body.token;
    const alice = await connectFor(server.url, '/agent', { token: aliceToken }, 'chats:open');
    sockets.push(alice.socket);

    const grace = (
      await api(server.url, 'POST', '/api/queue', undefined, { name: 'Grace' }, { 'x-forwarded-for': '10.1.1.1' })
    ).body.queueToken;
    const started = await api(server.url, 'POST', '/api/chat/start', grace);
    assert.equal(started.status, 200);
    const waiting = (
      await api(server.url, 'POST', '/api/queue', undefined, { name: 'Waiting' }, { 'x-forwarded-for': '10.1.1.2' })
    ).body.queueToken;
    const visitor = await connectFor(server.url, '/visitor', { token: started.body.userToken }, 'chat:history');
    sockets.push(visitor.socket);

    const acked: string[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await emitAck(visitor.socket, 'chat:send', { body: `visitor ${i}` });
      assert.equal(a.ok, true);
      acked.push(a.message.body);
      const b = await emitAck(alice.socket, 'chat:send', { chatId: started.body.chatId, body: `agent ${i}` });
      assert.equal(b.ok, true);
      acked.push(b.message.body);
      await new Promise((r) => setTimeout(r, 350)); // stay under 3 messages/s
    }

    await server.kill9();
    for (const s of sockets) s.close();
    server = await spawnServer(['--data-dir', dataDir, '--trust-proxy']);

    // The agent's token still works and chats:open restores the chat with its whole transcript.
    const alice2 = await connectFor(server.url, '/agent', { token: aliceToken }, 'chats:open');
    sockets.push(alice2.socket);
    assert.equal(alice2.payload.chats.length, 1);
    assert.deepEqual(
      alice2.payload.chats[0].transcript.map((m: any) => m.body),
      acked,
    );
    assert.deepEqual(
      alice2.payload.chats[0].transcript.map((m: any) => m.seq),
      [1, 2, 3, 4, 5, 6],
    );
    // The visitor's token still works, history is intact, and the conversation carries on.
    const visitor2 = await connectFor(server.url, '/visitor', { token: started.body.userToken }, 'chat:history');
    sockets.push(visitor2.socket);
    assert.deepEqual(
      visitor2.payload.transcript.map((m: any) => m.body),
      acked,
    );
    assert.deepEqual(visitor2.payload.agent, { name: 'Alice A' });
    const more = await emitAck(visitor2.socket, 'chat:send', { body: 'after the crash' });
    assert.equal(more.ok, true);
    assert.equal(more.message.seq, 7);
    // The queue is restored: the waiting visitor keeps its place with the same token.
    const status = await api(server.url, 'GET', '/api/queue/status', waiting);
    assert.equal(status.status, 200);
    assert.deepEqual(status.body, { ahead: 0, agentsOnline: 1, estimatedWaitSeconds: 0 });
  } finally {
    for (const s of sockets) s.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

const sigterm =
  'SIGTERM: clients are told, in-flight messages are committed and acked, and a restart right after loses nothing';
test(sigterm, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-term-'));
  const admin = spawnSync(
    process.execPath,
    [
      join(PROJECT_ROOT, 'bin/switchboard.js'),
      'admin',
      'create',
      'root',
      '--name',
      'Root',
      '--password-stdin',
      '--data-dir',
      dataDir,
    ],
    { input: PASSWORD },
  );
  assert.equal(admin.status, 0, admin.stderr.toString());
  let server = await spawnServer(['--data-dir', dataDir, '--trust-proxy', '--messages-per-second', '100000']);
  const sockets: { close(): void }[] = [];
  try {
    const rootToken = (await api(server.url, 'POST', '/api/login', undefined, { username: 'root', password: PASSWORD }))
      .body.token;
    const root = await connectFor(server.url, '/agent', { token: rootToken }, 'chats:open');
    sockets.push(root.socket);
    const q = (
      await api(server.url, 'POST', '/api/queue', undefined, { name: 'Grace' }, { 'x-forwarded-for': '10.2.2.2' })
    ).body.queueToken;
    const started = await api(server.url, 'POST', '/api/chat/start', q);
    assert.equal(started.status, 200);
    const visitor = await connectFor(server.url, '/visitor', { token: started.body.userToken }, 'chat:history');
    sockets.push(visitor.socket);
    const told = new Promise((r) => visitor.socket.once('server:shutdown', r));

    const acked: string[] = [];
    let sent = 0;
    const sending = (async () => {
      while (visitor.socket.connected && sent < 2000) {
        const body = `m${sent++}`;
        const ack = await visitor.socket
          .timeout(2000)
          .emitWithAck('chat:send', { body, clientMsgId: body })
          .catch(() => undefined);
        if (ack?.ok) acked.push(body);
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const exit = server.stop();
    await told;
    assert.equal(await exit, 0, server.output());
    await sending;
    assert.ok(acked.length > 0);

    server = await spawnServer(['--data-dir', dataDir, '--trust-proxy']);
    const again = await connectFor(server.url, '/visitor', { token: started.body.userToken }, 'chat:history');
    sockets.push(again.socket);
    const stored = new Set(again.payload.transcript.map((m: any) => m.body));
    assert.deepEqual(
      acked.filter((b) => !stored.has(b)),
      [],
      'every acknowledged message is stored',
    );
    assert.equal(stored.size, again.payload.transcript.length, 'no message stored twice');
  } finally {
    for (const s of sockets) s.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
