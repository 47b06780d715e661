import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '../helpers/server.js';
import { assertError } from '../helpers/staff.js';
import { connectFor, emitAck } from '../helpers/sockets.js';

const DAY = 86_400_000;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Hours that are closed now (UTC): one hour on the day after tomorrow. Its opening, ISO. */
function closedNow() {
  const day = new Date(Date.now() + 2 * DAY);
  const opens = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 10);
  return { hours: `${WEEKDAYS[day.getUTCDay()]} 10:00-11:00`, nextOpenAt: new Date(opens).toISOString() };
}

test('closed hours: availability says when it opens, joins are refused with 409 closed', async () => {
  const closed = closedNow();
  const t = await startTestServer({ businessHours: closed.hours, timezone: 'UTC' });
  try {
    const a = await t.api('GET', '/api/availability');
    assert.equal(a.status, 200);
    assert.deepEqual(a.body, {
      open: false,
      agentsOnline: 0,
      waiting: 0,
      estimatedWaitSeconds: null,
      nextOpenAt: closed.nextOpenAt,
    });
    const join = await t.api('POST', '/api/queue', { body: { name: 'Late' } });
    assertError(join, 409, 'closed');
    assert.match(join.body.error.message, /closed/);
    assert.ok(join.body.error.message.includes(closed.nextOpenAt), join.body.error.message);
    // Leaving a message works at all hours.
    const left = await t.api('POST', '/api/offline-messages', {
      body: { name: 'Late', email: 'late@example.test', body: 'Call me back tomorrow.' },
    });
    assert.equal(left.status, 201);
  } finally {
    await t.close();
  }
});

test('closing time leaves running chats and waiting visitors alone (restart into closed hours)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-hours-'));
  let t = await startTestServer({ businessHours: 'mon-sun 00:00-24:00', timezone: 'UTC' }, dir);
  // Hours that cover the whole week: always open.
  const open = await t.api('GET', '/api/availability');
  assert.equal(open.body.open, true);
  assert.equal('nextOpenAt' in open.body, false);
  await t.createAdmin('root');
  const root = await t.login('root');
  await t.createAgent(root, 'alice');
  let alice = await t.login('alice');
  const agent = await connectFor(t.url, '/agent', { token: alice }, 'chats:open');
  const chatting = await t.api('POST', '/api/queue', { body: { name: 'Chatting' } });
  const waiting = await t.api('POST', '/api/queue', { body: { name: 'Waiting' } });
  const started = await t.api('POST', '/api/chat/start', { token: chatting.body.queueToken });
  assert.equal(started.status, 200);
  agent.socket.close();
  await t.close();

  const closed = closedNow();
  t = await startTestServer({ businessHours: closed.hours, timezone: 'UTC' }, dir);
  try {
    assert.equal((await t.api('GET', '/api/availability')).body.open, false);
    assertError(await t.api('POST', '/api/queue', { body: { name: 'New' } }), 409, 'closed');
    const status = await t.api('GET', '/api/queue/status', { token: waiting.body.queueToken });
    assert.equal(status.status, 200, 'the waiting visitor keeps its place');
    assert.equal(status.body.ahead, 0);
    alice = await t.login('alice');
    const again = await connectFor(t.url, '/agent', { token: alice }, 'chats:open');
    try {
      assert.equal(again.payload.chats.length, 1);
      const visitor = await connectFor(t.url, '/visitor', { token: started.body.userToken }, 'chat:history');
      const ack = await emitAck(visitor.socket, 'chat:send', { body: 'still there?' });
      assert.equal(ack.ok, true, 'the running chat goes on');
      visitor.socket.close();
    } finally {
      again.socket.close();
    }
  } finally {
    await t.close();
  }
});
