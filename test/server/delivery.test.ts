import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { io } from 'socket.io-client';
import { startWorld } from '../helpers/chat.js';
import { connectFor, emitAck, eventually, nextEvent } from '../helpers/sockets.js';

const atLeastOnce =
  'at-least-once sends: cutting the connection mid-send hundreds of times stores every message exactly once';
test(atLeastOnce, async () => {
  const w = await startWorld(['alice'], { messagesPerSecond: 100000 });
  try {
    await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    grace.socket!.close();
    const socket = w.track(
      io(`${w.t.url}/visitor`, {
        auth: { token: grace.userToken },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      }),
    );
    let cuts = 0;
    const N = 200;
    for (let i = 0; i < N; i++) {
      const payload = { body: `message ${i}`, clientMsgId: `grace-${i}` };
      for (let attempt = 0; ; attempt++) {
        if (!socket.connected) {
          socket.connect();
          await new Promise<void>((r) => socket.once('connect', () => r()));
        }
        if (attempt === 0) {
          // Send, then drop the connection before the ack can arrive: the client must retry.
          socket.emit('chat:send', payload, () => {});
          socket.disconnect();
          cuts++;
          continue;
        }
        const ack = await socket
          .timeout(2000)
          .emitWithAck('chat:send', payload)
          .catch(() => undefined);
        if (ack?.ok) {
          assert.equal(ack.message.body, payload.body);
          break;
        }
      }
    }
    assert.equal(cuts, N, 'every message had its connection cut mid-send once');
    const history = await connectFor(w.t.url, '/visitor', { token: grace.userToken }, 'chat:history');
    w.track(history.socket);
    const bodies = history.payload.transcript.map((m: any) => m.body);
    assert.equal(bodies.length, N, 'no message lost, none stored twice');
    assert.deepEqual(
      bodies,
      Array.from({ length: N }, (_, i) => `message ${i}`),
    );
    assert.deepEqual(
      history.payload.transcript.map((m: any) => m.seq),
      Array.from({ length: N }, (_, i) => i + 1),
    );
    // A retry after success answers the stored message again, marked duplicate.
    const again = await emitAck(history.socket, 'chat:send', { body: 'message 5', clientMsgId: 'grace-5' });
    assert.equal(again.ok, true);
    assert.equal(again.duplicate, true);
    assert.equal(again.message.seq, 6);
  } finally {
    await w.close();
  }
});

const retryAfterEnd =
  'a retry after the chat ended still answers the stored message (duplicate), on both sides; new messages are refused';
test(retryAfterEnd, async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    const sent = await emitAck(grace.socket!, 'chat:send', { body: 'Is anyone there?', clientMsgId: 'grace-1' });
    assert.equal(sent.ok, true);
    const reply = await w.t.api('POST', `/api/chats/${grace.chatId}/messages`, {
      token: alice.token,
      body: { body: 'Yes!', clientMsgId: 'alice-1' },
    });
    assert.equal(reply.status, 201);
    assert.deepEqual(await emitAck(grace.socket!, 'chat:end', {}), { ok: true });

    // The acks were lost, say: both retry with the same keys after the end.
    const again = await emitAck(grace.socket!, 'chat:send', { body: 'Is anyone there?', clientMsgId: 'grace-1' });
    assert.deepEqual(again, { ok: true, message: sent.message, duplicate: true });
    const replyAgain = await w.t.api('POST', `/api/chats/${grace.chatId}/messages`, {
      token: alice.token,
      body: { body: 'Yes!', clientMsgId: 'alice-1' },
    });
    assert.equal(replyAgain.status, 200);
    assert.deepEqual(replyAgain.body, { message: reply.body.message, duplicate: true });

    const fresh = await emitAck(grace.socket!, 'chat:send', { body: 'Hello?', clientMsgId: 'grace-2' });
    assert.equal(fresh.ok, false);
    assert.equal(fresh.error.code, 'gone');
    const freshReply = await w.t.api('POST', `/api/chats/${grace.chatId}/messages`, {
      token: alice.token,
      body: { body: 'Bye', clientMsgId: 'alice-2' },
    });
    assert.equal(freshReply.status, 403);
    const stored = await w.t.sql('SELECT count(*) AS n FROM messages WHERE chat_id = $1', [grace.chatId]);
    assert.equal(Number(stored[0]!.n), 2, 'nothing stored twice');
  } finally {
    await w.close();
  }
});

const catchUp =
  'catch-up: an agent reconnecting with its last positions gets exactly the 50 messages it missed, in order';
test(catchUp, async () => {
  const w = await startWorld(['alice'], { messagesPerSecond: 100000 });
  try {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    await emitAck(grace.socket!, 'chat:send', { body: 'before' });
    const seen = (await eventually(alice.socket, 'chat:message', (m: any) => m.body === 'before')).seq;
    alice.socket.close();
    for (let i = 1; i <= 50; i++)
      assert.equal((await emitAck(grace.socket!, 'chat:send', { body: `missed ${i}` })).ok, true);
    const back = await connectFor(
      w.t.url,
      '/agent',
      { token: alice.token, since: { [grace.chatId!]: seen } },
      'chats:open',
    );
    w.track(back.socket);
    const chat = back.payload.chats.find((c: any) => c.chatId === grace.chatId);
    assert.deepEqual(
      chat.transcript.map((m: any) => m.body),
      Array.from({ length: 50 }, (_, i) => `missed ${i + 1}`),
    );
    assert.deepEqual(
      chat.transcript.map((m: any) => m.seq),
      Array.from({ length: 50 }, (_, i) => seen + 1 + i),
    );
    assert.equal(chat.since, seen);
    // The visitor can catch up the same way.
    const v = await connectFor(w.t.url, '/visitor', { token: grace.userToken, since: 49 }, 'chat:history');
    w.track(v.socket);
    assert.deepEqual(
      v.payload.transcript.map((m: any) => m.seq),
      [50, 51],
    );
  } finally {
    await w.close();
  }
});

test('a socket is closed when its token expires, with auth:expired first', async () => {
  const w = await startWorld(['alice']);
  try {
    const secret = Buffer.from(readFileSync(join(w.t.dataDir, 'jwt-secret'), 'utf8').trim(), 'base64url');
    const now = Math.floor(Date.now() / 1000);
    const jti = 'short-session';
    await w.t.server.deps.store.createSession({
      jti,
      username: 'alice',
      createdAt: Date.now(),
      expiresAt: (now + 2) * 1000,
    });
    const token = await new SignJWT({ name: 'Alice Agent', role: 'agent', typ: 'staff' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('switchboard')
      .setAudience('switchboard:staff')
      .setSubject('alice')
      .setJti(jti)
      .setIssuedAt(now)
      .setExpirationTime(now + 2)
      .sign(secret);
    const { socket } = await connectFor(w.t.url, '/agent', { token }, 'chats:open');
    w.track(socket);
    const expired = new Promise((r) => socket.once('auth:expired', r));
    const closed = new Promise((r) => socket.once('disconnect', r));
    await expired;
    await closed;
    const late = Date.now() - (now + 2) * 1000;
    assert.ok(late < 1000, `closed ${late} ms after the token expired`);
  } finally {
    await w.close();
  }
});

const ackedOnce =
  'a sent message comes back in the ack, not a second time on the same socket; other sessions of the sender get it';
test(ackedOnce, async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    const secondTab = await connectFor(w.t.url, '/visitor', { token: grace.userToken }, 'chat:history');
    w.track(secondTab.socket);
    const echoes: any[] = [];
    grace.socket!.on('chat:message', (m) => echoes.push(m));
    const inSecondTab = nextEvent(secondTab.socket, 'chat:message');
    const atAgent = nextEvent(alice.socket, 'chat:message');
    const ack = await emitAck(grace.socket!, 'chat:send', { body: 'hello' });
    assert.deepEqual(await inSecondTab, ack.message);
    assert.deepEqual(await atAgent, ack.message);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(echoes, []);
  } finally {
    await w.close();
  }
});
