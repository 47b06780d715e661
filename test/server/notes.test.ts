import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { collect, connectFor, emitAck, eventually, nextEvent } from '../helpers/sockets.js';

const bodies = (list: { body: string }[]) => list.map((m) => m.body);

const hidden =
  'a note: the agent gets it back with the next seq, its other sockets see it, the visitor never does (live or history)';
test(hidden, async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const aliceTui = await w.agentOnline('alice'); // a second window of the same agent
    const v = await w.startAndConnect(await w.join('Grace'));
    const visitorSaw = collect(v.socket!, 'chat:message');
    const hello = await emitAck(v.socket!, 'chat:send', { body: 'My order is late' });
    assert.equal(hello.message.seq, 1);

    const elsewhere = nextEvent(aliceTui.socket, 'chat:message', 3000, (m) => m.internal === true);
    const ack = await emitAck(alice.socket, 'chat:note', { chatId: v.chatId, body: 'VIP customer, be quick' });
    assert.equal(ack.ok, true);
    assert.equal(ack.message.internal, true);
    assert.equal(ack.message.seq, 2);
    assert.equal(ack.message.body, 'VIP customer, be quick');
    assert.deepEqual(ack.message.from, { role: 'agent', name: 'Alice Agent', username: 'alice' });
    assert.equal(ack.message.to, undefined);
    assert.deepEqual(await elsewhere, ack.message);

    const reply = await emitAck(alice.socket, 'chat:send', { chatId: v.chatId, body: 'Looking into it' });
    assert.equal(reply.message.seq, 3);
    assert.equal(reply.message.internal, undefined);
    await eventually(v.socket!, 'chat:message', (m) => m.seq === 3);
    assert.deepEqual(bodies(visitorSaw), ['Looking into it']);

    // A visitor connecting again: the whole history, then a resume after seq 1 — no note, seq keeps its gap.
    const again = await connectFor(w.t.url, '/visitor', { token: v.userToken }, 'chat:history');
    w.track(again.socket);
    assert.deepEqual(
      again.payload.transcript.map((m: any) => [m.seq, m.body]),
      [
        [1, 'My order is late'],
        [3, 'Looking into it'],
      ],
    );
    assert.ok(again.payload.transcript.every((m: any) => m.internal === undefined));
    const resumed = await connectFor(w.t.url, '/visitor', { token: v.userToken, since: 1 }, 'chat:history');
    w.track(resumed.socket);
    assert.deepEqual(
      resumed.payload.transcript.map((m: any) => m.seq),
      [3],
    );
    const resumedAtNote = await connectFor(w.t.url, '/visitor', { token: v.userToken, since: 2 }, 'chat:history');
    w.track(resumedAtNote.socket);
    assert.deepEqual(
      resumedAtNote.payload.transcript.map((m: any) => m.seq),
      [3],
    );

    // Staff see it: GET /api/chats/:id, GET /api/chats and a new /agent connection's chats:open.
    const detail = await w.t.api('GET', `/api/chats/${v.chatId}`, { token: alice.token });
    assert.deepEqual(
      detail.body.transcript.map((m: any) => [m.seq, m.internal ?? false]),
      [
        [1, false],
        [2, true],
        [3, false],
      ],
    );
    const list = await w.t.api('GET', '/api/chats', { token: alice.token });
    assert.equal(list.body.chats[0].transcript[1].internal, true);
    const third = await w.agentOnline('alice');
    assert.equal(third.open.chats[0].transcript[1].body, 'VIP customer, be quick');

    // The visitor ends the chat: the agent may still read it, the visitor's rating path never shows notes.
    await emitAck(v.socket!, 'chat:end', {});
    const ended = await w.t.api('GET', `/api/chats/${v.chatId}`, { token: alice.token });
    assert.equal(ended.body.transcript[1].internal, true);
    const late = await connectFor(w.t.url, '/visitor', { token: v.userToken }, 'chat:history').catch(() => undefined);
    if (late) {
      w.track(late.socket);
      assert.deepEqual(bodies(late.payload.transcript), ['My order is late', 'Looking into it']);
    }
  } finally {
    await w.close();
  }
});

test('POST /api/chats/:id/notes: 201 {message}; a retry with its clientMsgId is answered once (200)', async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const visitorSaw = collect(v.socket!, 'chat:message');
    const live = nextEvent(alice.socket, 'chat:message');
    const path = `/api/chats/${v.chatId}/notes`;
    const first = await w.t.api('POST', path, {
      token: alice.token,
      body: { body: 'check refund', clientMsgId: 'n-1' },
    });
    assert.equal(first.status, 201);
    assert.equal(first.body.message.internal, true);
    assert.equal(first.body.message.seq, 1);
    assert.deepEqual(await live, first.body.message);

    const retry = await w.t.api('POST', path, {
      token: alice.token,
      body: { body: 'check refund', clientMsgId: 'n-1' },
    });
    assert.equal(retry.status, 200);
    assert.equal(retry.body.duplicate, true);
    assert.deepEqual(retry.body.message, first.body.message);
    const viaSocket = await emitAck(alice.socket, 'chat:note', { chatId: v.chatId, body: 'again', clientMsgId: 'n-1' });
    assert.equal(viaSocket.message.id, first.body.message.id);
    assert.equal(viaSocket.duplicate, true);

    // A message's key names a message, not a note (and the other way round): 409.
    await emitAck(alice.socket, 'chat:send', { chatId: v.chatId, body: 'hello', clientMsgId: 'm-1' });
    const clash = await w.t.api('POST', path, { token: alice.token, body: { body: 'x', clientMsgId: 'm-1' } });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error.code, 'conflict');

    const detail = await w.t.api('GET', `/api/chats/${v.chatId}`, { token: alice.token });
    assert.deepEqual(bodies(detail.body.transcript), ['check refund', 'hello']);
    await eventually(v.socket!, 'chat:message', (m) => m.body === 'hello');
    assert.deepEqual(bodies(visitorSaw), ['hello']);
  } finally {
    await w.close();
  }
});

test('notes: bad input is 400 invalid_request (HTTP) / ack invalid_request (socket), like message bodies', async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const path = `/api/chats/${v.chatId}/notes`;
    const bad: unknown[] = [
      {},
      { body: '' },
      { body: '   \n ' },
      { body: 'x'.repeat(4001) },
      { body: 42 },
      { body: 'ok', clientMsgId: '' },
      { body: 'ok', clientMsgId: 'k'.repeat(65) },
    ];
    for (const body of bad) {
      const res = await w.t.api('POST', path, { token: alice.token, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'invalid_request');
      const ack = await emitAck(alice.socket, 'chat:note', { chatId: v.chatId, ...(body as object) });
      assert.equal(ack.ok, false);
      assert.equal(ack.error.code, 'invalid_request', JSON.stringify(body));
    }
    const noChat = await emitAck(alice.socket, 'chat:note', { body: 'x' });
    assert.equal(noChat.error.code, 'invalid_request');
    const longest = await w.t.api('POST', path, { token: alice.token, body: { body: 'x'.repeat(4000) } });
    assert.equal(longest.status, 201);
    const unknown = await w.t.api('POST', '/api/chats/no-such-chat/notes', { token: alice.token, body: { body: 'x' } });
    assert.equal(unknown.status, 404);
    // Nothing invalid was stored.
    const detail = await w.t.api('GET', `/api/chats/${v.chatId}`, { token: alice.token });
    assert.equal(detail.body.transcript.length, 1);
  } finally {
    await w.close();
  }
});

test('who may write notes: the current agent only; not another agent, an admin, a visitor, or after the end', async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const bob = await w.agentOnline('bob');
    const path = `/api/chats/${v.chatId}/notes`;
    const note = (token?: string) => w.t.api('POST', path, { token, body: { body: 'psst' } });
    assert.equal((await note(bob.token)).status, 403);
    assert.equal((await note(w.adminToken)).status, 403);
    assert.equal((await note(v.userToken)).status, 401);
    assert.equal((await note(undefined)).status, 401);
    // /visitor has no chat:note: nobody answers it.
    const visitorTry = await emitAck(v.socket!, 'chat:note', { chatId: v.chatId, body: 'psst' }, 500).catch(
      () => 'timeout',
    );
    assert.ok(visitorTry === 'timeout' || visitorTry.ok === false);
    assert.equal((await note(alice.token)).status, 201);
    await w.t.api('POST', `/api/chats/${v.chatId}/end`, { token: alice.token });
    const afterEnd = await note(alice.token);
    assert.equal(afterEnd.status, 403);
  } finally {
    await w.close();
  }
});

const travels = 'notes travel: a transfer and a requeue hand the new agent the transcript with the notes in it';
test(travels, async () => {
  const w = await startWorld(['alice', 'bob', 'carol']);
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    await emitAck(v.socket!, 'chat:send', { body: 'I need a refund' });
    await emitAck(alice.socket, 'chat:note', { chatId: v.chatId, body: 'Refund approved, Bob pays it out' });
    const bob = await w.agentOnline('bob');
    const toBob = nextEvent(bob.socket, 'chat:assigned');
    assert.equal((await emitAck(alice.socket, 'chat:transfer', { chatId: v.chatId, to: 'bob' })).ok, true);
    const handed = await toBob;
    assert.equal(handed.reason, 'transfer');
    const note = handed.transcript.find((m: any) => m.internal);
    assert.equal(note.body, 'Refund approved, Bob pays it out');
    assert.equal(note.seq, 2);
    await w.t.api('PUT', '/api/me/status', { token: alice.token, body: { status: 'offline' } });

    // Bob adds a note and logs out: the chat goes back to the queue and on to Carol, notes and all.
    await emitAck(bob.socket, 'chat:note', { chatId: v.chatId, body: 'Bob: paid, waiting on the bank' });
    const queued = nextEvent(v.socket!, 'chat:queued');
    assert.equal((await w.t.api('POST', '/api/logout', { token: bob.token })).status, 204);
    await queued;
    const carol = await w.agentOnline('carol');
    const assigned = await eventually(carol.socket, 'chat:assigned');
    assert.equal(assigned.reason, 'requeue');
    assert.deepEqual(
      assigned.transcript.filter((m: any) => m.internal).map((m: any) => m.body),
      ['Refund approved, Bob pays it out', 'Bob: paid, waiting on the bank'],
    );
    const history = await connectFor(w.t.url, '/visitor', { token: v.userToken }, 'chat:history');
    w.track(history.socket);
    assert.equal(
      history.payload.transcript.some((m: any) => m.internal || /Bob pays|bank/.test(m.body)),
      false,
    );
  } finally {
    await w.close();
  }
});

test('a note is no message between the sides: it does not keep a chat from --idle-close-after', async () => {
  const w = await startWorld(['alice'], { idleCloseAfter: 2, messagesPerSecond: 100 });
  try {
    const alice = await w.agentOnline('alice');
    const v = await w.startAndConnect(await w.join('Grace'));
    const ended = nextEvent(v.socket!, 'chat:ended', 8000);
    let closed = false;
    void ended.then(() => (closed = true));
    const started = Date.now();
    while (!closed && Date.now() - started < 7000) {
      await emitAck(alice.socket, 'chat:note', { chatId: v.chatId, body: 'still thinking' });
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.deepEqual(await ended, { chatId: v.chatId, by: 'system' });
    assert.ok(Date.now() - started < 5000, 'closed about 2 s after the start, notes or not');
  } finally {
    await w.close();
  }
});
