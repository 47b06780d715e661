import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { nextEvent } from '../helpers/sockets.js';

const fewestChats =
  'chats go to the online agent with the fewest open chats, never past maxChats; lowering it drops nothing';
test(fewestChats, async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    const bob = await w.agentOnline('bob');
    const served: string[] = [];
    for (let i = 0; i < 4; i++) {
      const v = await w.join(`V${i}`);
      const res = await w.start(v);
      assert.equal(res.status, 200);
      served.push(res.body.agent.name);
    }
    // Alternating: each new chat goes to whoever holds fewer (ties: the one idle longest).
    assert.deepEqual(served, ['Alice Agent', 'Bob Agent', 'Alice Agent', 'Bob Agent']);

    // Alice's limit drops to 1 while she holds 2: she keeps both, but gets no new ones.
    const patched = await w.t.api('PATCH', '/api/admin/agents/alice', { token: w.adminToken, body: { maxChats: 1 } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.openChats, 2);
    for (let i = 4; i < 7; i++) {
      const res = await w.start(await w.join(`V${i}`));
      assert.equal(res.body.agent.name, 'Bob Agent');
    }
    const me = await w.t.api('GET', '/api/me', { token: alice.token });
    assert.equal(me.body.openChats, 2);
    assert.equal(me.body.maxChats, 1);
    // Bob is now at his default 5; nobody has room.
    const full = await w.start(await w.join('V7'));
    assert.equal(full.body.error.code, 'no_agent_available');

    // An agent who goes offline keeps its chats but gets no new ones.
    await w.t.api('PATCH', '/api/admin/agents/alice', { token: w.adminToken, body: { maxChats: 5 } });
    assert.equal(
      (await w.t.api('PUT', '/api/me/status', { token: alice.token, body: { status: 'offline' } })).status,
      200,
    );
    const v8 = await w.join('V8');
    assert.equal((await w.status(v8)).body.agentsOnline, 1);
    const stillFull = await w.start(v8);
    assert.equal(stillFull.body.error.code, 'not_your_turn');
    assert.equal((await w.t.api('GET', '/api/me', { token: alice.token })).body.openChats, 2);
    void bob;
  } finally {
    await w.close();
  }
});

test('an agent that is online but has no live /agent connection is not routed to and not counted', async () => {
  const w = await startWorld(['alice']);
  try {
    await w.t.login('alice'); // online, but no socket
    const v = await w.join('Grace');
    assert.deepEqual((await w.status(v)).body, { ahead: 0, agentsOnline: 0, estimatedWaitSeconds: null });
    assert.equal((await w.start(v)).body.error.code, 'no_agent_available');
    const alice = await w.agentOnline('alice');
    const assigned = nextEvent(alice.socket, 'chat:assigned');
    assert.equal((await w.start(v)).status, 200);
    assert.equal((await assigned).visitor.name, 'Grace');
  } finally {
    await w.close();
  }
});
