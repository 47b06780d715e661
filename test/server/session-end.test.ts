import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startWorld } from '../helpers/chat.js';
import { connectFor, nextEvent } from '../helpers/sockets.js';

test('a session ended by the server says why before its sockets close: logout, account deleted', async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    const other = await connectFor(w.t.url, '/agent', { token: await w.t.login('alice') }, 'chats:open');
    w.track(other.socket);
    const told = nextEvent(alice.socket, 'auth:revoked');
    const closed = nextEvent(alice.socket, 'disconnect');
    assert.equal((await w.t.api('POST', '/api/logout', { token: alice.token })).status, 204);
    assert.deepEqual(await told, { reason: 'logout' });
    assert.equal(await closed, 'io server disconnect');
    assert.ok(other.socket.connected, 'another session of the account is not ended');

    const bob = await w.agentOnline('bob');
    const bobTold = nextEvent(bob.socket, 'auth:revoked');
    assert.equal((await w.t.api('DELETE', '/api/admin/agents/bob', { token: w.adminToken })).status, 204);
    assert.deepEqual(await bobTold, { reason: 'account_deleted' });
  } finally {
    await w.close();
  }
});

test('POST /api/me/handback: chats to the front of the queue, the agent offline, the session kept', async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    const removed = nextEvent(alice.socket, 'chat:removed');
    const queued = nextEvent(grace.socket!, 'chat:queued');
    const res = await w.t.api('POST', '/api/me/handback', { token: alice.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'offline', handedBack: 1 });
    assert.deepEqual(await removed, { chatId: grace.chatId, reason: 'requeued' });
    assert.equal((await queued).ahead, 0);
    const me = await w.t.api('GET', '/api/me', { token: alice.token });
    assert.deepEqual([me.status, me.body.status, me.body.openChats], [200, 'offline', 0], 'still logged in');
    const bob = await w.agentOnline('bob');
    const assigned = await nextEvent(bob.socket, 'chat:assigned', 5000);
    assert.deepEqual([assigned.chatId, assigned.reason], [grace.chatId, 'requeue']);
    assert.equal((await w.t.api('POST', '/api/me/handback')).status, 401);
  } finally {
    await w.close();
  }
});
