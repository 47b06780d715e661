import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { connectFor, eventually, nextEvent } from '../helpers/sockets.js';

test('an agent works its chats over HTTP (/api/chats) with the same rules as over the socket', async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    const bob = await w.agentOnline('bob');
    const grace = await w.startAndConnect(await w.join('Grace'));
    const owner = grace.history.agent.name === 'Alice Agent' ? alice : bob;
    const other = owner === alice ? bob : alice;
    const api = (method: string, path: string, token: string, body?: unknown) => w.t.api(method, path, { token, body });

    const list = await api('GET', '/api/chats', owner.token);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.chats.map((c: any) => [c.chatId, c.visitor.name]),
      [[grace.chatId, 'Grace']],
    );
    assert.deepEqual((await api('GET', '/api/chats', other.token)).body.chats, []);

    const atVisitor = nextEvent(grace.socket!, 'chat:message');
    const sent = await api('POST', `/api/chats/${grace.chatId}/messages`, owner.token, { body: 'Hello from a script' });
    assert.equal(sent.status, 201);
    assert.equal(sent.body.message.seq, 1);
    assert.equal((await atVisitor).body, 'Hello from a script');
    assert.equal((await api('POST', `/api/chats/${grace.chatId}/messages`, owner.token, { body: '' })).status, 400);
    assert.equal((await api('POST', `/api/chats/${grace.chatId}/messages`, other.token, { body: 'hi' })).status, 403);
    assert.equal((await api('GET', `/api/chats/${grace.chatId}`, other.token)).status, 403);
    assert.equal((await api('GET', '/api/chats/nope', owner.token)).status, 404);
    assert.equal((await api('GET', '/api/chats', grace.userToken!)).status, 401);

    const detail = await api('GET', `/api/chats/${grace.chatId}`, owner.token);
    assert.deepEqual(
      detail.body.transcript.map((m: any) => m.body),
      ['Hello from a script'],
    );

    assert.equal(
      (await api('POST', `/api/chats/${grace.chatId}/transfer`, owner.token, { to: other.username })).status,
      204,
    );
    assert.equal(
      (await eventually(other.socket, 'chat:assigned', (p: any) => p.chatId === grace.chatId)).reason,
      'transfer',
    );
    const ended = nextEvent(grace.socket!, 'chat:ended');
    assert.equal((await api('POST', `/api/chats/${grace.chatId}/end`, other.token)).status, 204);
    assert.equal((await ended).by, 'agent');
  } finally {
    await w.close();
  }
});

test('a passive /agent connection receives events but does not make the agent routable', async () => {
  const w = await startWorld(['alice']);
  try {
    const token = await w.t.login('alice');
    const watcher = await connectFor(w.t.url, '/agent', { token, passive: true }, 'chats:open');
    w.track(watcher.socket);
    const v = await w.join('Grace');
    assert.deepEqual((await w.status(v)).body, { ahead: 0, agentsOnline: 0, estimatedWaitSeconds: null });
    assert.equal((await w.start(v)).body.error.code, 'no_agent_available');
    await w.agentOnline('alice');
    assert.equal((await w.start(v)).status, 200);
    assert.equal((await eventually(watcher.socket, 'chat:assigned')).visitor.name, 'Grace');
  } finally {
    await w.close();
  }
});

test('GET /api/admin/metrics shows event-loop delay, memory and load to admins only', async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    await w.join('Grace');
    const res = await w.t.api('GET', '/api/admin/metrics', { token: w.adminToken });
    assert.equal(res.status, 200);
    assert.equal(typeof res.body.eventLoopDelayMs.p99, 'number');
    assert.ok(res.body.memoryMiB.rss > 0);
    assert.equal(res.body.waiting, 1);
    assert.equal(res.body.nodes, 1, 'one node serves the queue');
    assert.equal(res.body.agentSockets, 1);
    assert.equal((await w.t.api('GET', '/api/admin/metrics', { token: alice.token })).status, 403);
  } finally {
    await w.close();
  }
});

test('GET /api/agents lists colleagues and their load for any staff member, without e-mail addresses', async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    await w.startAndConnect(await w.join('Grace'));
    const res = await w.t.api('GET', '/api/agents', { token: alice.token });
    assert.equal(res.status, 200);
    const byName = Object.fromEntries(res.body.agents.map((a: any) => [a.username, a]));
    assert.deepEqual(byName.alice, {
      username: 'alice',
      name: 'Alice Agent',
      role: 'agent',
      status: 'online',
      connected: true,
      openChats: 1,
      maxChats: 5,
    });
    assert.equal(byName.bob.connected, false);
    assert.ok(res.body.agents.every((a: any) => !('email' in a)));
    assert.equal((await w.t.api('GET', '/api/agents')).status, 401);
  } finally {
    await w.close();
  }
});

test('an ended chat reads back whole for the agents who took part in it and for admins, not for others', async () => {
  const w = await startWorld(['alice', 'bob', 'carol']);
  try {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    await w.t.api('POST', `/api/chats/${grace.chatId}/messages`, { token: alice.token, body: { body: 'Hi Grace' } });
    const bob = await w.agentOnline('bob');
    await w.t.api('POST', `/api/chats/${grace.chatId}/transfer`, { token: alice.token, body: { to: 'bob' } });
    await w.t.api('POST', `/api/chats/${grace.chatId}/end`, { token: bob.token });
    const carol = await w.t.login('carol');

    const read = (token: string) => w.t.api('GET', `/api/chats/${grace.chatId}`, { token });
    for (const [who, token] of [
      ['alice', alice.token],
      ['bob', bob.token],
      ['root', w.adminToken],
    ] as const) {
      const res = await read(token);
      assert.equal(res.status, 200, `${who}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.status, 'ended');
      assert.equal(res.body.endedBy, 'agent');
      assert.deepEqual(res.body.agent, { username: 'bob', name: 'Bob Agent' });
      assert.deepEqual(
        res.body.transcript.map((m: any) => m.body),
        ['Hi Grace', 'Alice Agent transferred the chat to Bob Agent.'],
      );
    }
    const refused = await read(carol);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'forbidden');
    // Another first character of the signature (its last one carries padding bits a decoder may ignore).
    const [head, payload, sig] = alice.token.split('.') as [string, string, string];
    const forged = `${head}.${payload}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
    assert.equal((await read(forged)).status, 401);
  } finally {
    await w.close();
  }
});
