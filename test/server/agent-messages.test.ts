import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { collect, nextEvent } from '../helpers/sockets.js';
import { assertError, assertFields, connectAgent, ISO_UTC, sleep } from '../helpers/staff.js';

/** Agent ↔ agent messages (PROTOCOL.md "Agent messages", `agent-message` on /agent). */

describe('agent messages', () => {
  let t: TestServer;
  const tokens: Record<string, string> = {};

  before(async () => {
    // A generous message rate: these tests send in bursts; the rate limit is not what they are about.
    t = await startTestServer({ messagesPerSecond: 1000 });
    await t.createAdmin('root');
    const admin = await t.login('root');
    for (const u of ['alice', 'bob', 'carol', 'dave']) await t.createAgent(admin, u);
    for (const u of ['alice', 'bob', 'carol']) tokens[u] = await t.login(u);
  });
  after(() => t.close());

  const send = (from: string, to: string, body: string) =>
    t.api('POST', '/api/agent-messages', { token: tokens[from], body: { to, body } });
  const list = (who: string, after?: string) =>
    t.api('GET', `/api/agent-messages${after === undefined ? '' : `?after=${encodeURIComponent(after)}`}`, {
      token: tokens[who],
    });

  test('POST answers 201 {message:{id,from,to,body,sentAt}}', async () => {
    const before = Date.now();
    const res = await send('alice', 'bob', 'Can you take the next French chat?');
    assert.equal(res.status, 201);
    const m = res.body.message;
    assertFields(m, { from: 'alice', to: 'bob', body: 'Can you take the next French chat?' }, 'message');
    assert.equal(typeof m.id, 'string');
    assert.ok(m.id.length > 0);
    assert.match(m.sentAt, ISO_UTC);
    assert.ok(Math.abs(Date.parse(m.sentAt) - before) < 10_000, 'sentAt is now');
    const other = await send('alice', 'bob', 'second');
    assert.notEqual(other.body.message.id, m.id, 'ids are unique');
  });

  test('a message to an agent who never logged in is kept and listed when they log in', async () => {
    const res = await send('carol', 'dave', 'Welcome aboard, Dave!');
    assert.equal(res.status, 201);
    tokens.dave = await t.login('dave');
    const inbox = await list('dave');
    assert.equal(inbox.status, 200);
    assert.deepEqual(inbox.body.messages, [res.body.message]);
  });

  test('an unknown recipient is 404 not_found and nothing is stored', async () => {
    const mark = (await send('alice', 'bob', 'mark')).body.message.id;
    assertError(await send('alice', 'nobody', 'hello?'), 404, 'not_found');
    assert.deepEqual((await list('alice', mark)).body.messages, []);
  });

  const listAfter =
    "GET ?after=<id> lists only later messages, oldest first, sent and received, and not other agents' conversations";
  test(listAfter, async () => {
    const first = (await send('alice', 'bob', 'm1')).body.message;
    const m2 = (await send('bob', 'alice', 'm2')).body.message;
    const m3 = (await send('bob', 'carol', 'm3 (not for alice)')).body.message;
    const m4 = (await send('alice', 'carol', 'm4')).body.message;
    const m5 = (await send('carol', 'alice', 'm5')).body.message;

    const alice = await list('alice', first.id);
    assert.equal(alice.status, 200);
    assert.deepEqual(alice.body.messages, [m2, m4, m5]);
    assert.deepEqual((await list('bob', first.id)).body.messages, [m2, m3]);
    assert.deepEqual((await list('carol', first.id)).body.messages, [m3, m4, m5]);
    assert.deepEqual((await list('alice', m5.id)).body.messages, [], 'nothing after the newest');
    assert.deepEqual((await list('dave', first.id)).body.messages, []);

    // Without `after`: everything of the caller, oldest first, ending with the same messages.
    const all = (await list('alice')).body.messages;
    assert.ok(all.every((m: any) => m.from === 'alice' || m.to === 'alice'));
    assert.deepEqual(all.slice(-4), [first, m2, m4, m5]);
    const times = all.map((m: any) => Date.parse(m.sentAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  });

  test('a bad `after` is 400', async () => {
    assertError(await list('alice', 'no-such-message-id'), 400, 'invalid_request');
    assertError(await list('alice', 'x'.repeat(65)), 400, 'invalid_request');
    assertError(await t.api('GET', '/api/agent-messages?after=', { token: tokens.alice }), 400, 'invalid_request');
  });

  test('an empty, blank or oversized body is 400; 4000 characters are fine', async () => {
    const mark = (await send('alice', 'bob', 'mark')).body.message.id;
    for (const body of ['', '   \n ', 'x'.repeat(4001)])
      assertError(await send('alice', 'bob', body), 400, 'invalid_request');
    for (const body of [{ to: 'bob' }, { body: 'hi' }, { to: 'bob', body: 5 }, { to: ['bob'], body: 'hi' }]) {
      assertError(await t.api('POST', '/api/agent-messages', { token: tokens.alice, body }), 400, 'invalid_request');
    }
    assert.deepEqual((await list('alice', mark)).body.messages, [], 'nothing refused was stored');
    const long = await send('alice', 'bob', 'y'.repeat(4000));
    assert.equal(long.status, 201);
    assert.equal(long.body.message.body.length, 4000);
  });

  test('both endpoints need a live staff token', async () => {
    assertError(await t.api('POST', '/api/agent-messages', { body: { to: 'bob', body: 'hi' } }), 401, 'unauthorized');
    assertError(await t.api('GET', '/api/agent-messages'), 401, 'unauthorized');
    assertError(await t.api('GET', '/api/agent-messages', { token: 'nope' }), 401, 'unauthorized');
  });

  const pushedLive =
    'each message is pushed live as `agent-message` to every socket of sender and recipient, and to nobody else';
  test(pushedLive, async () => {
    const aliceSecond = await t.login('alice');
    const sockets = {
      alice1: (await connectAgent(t.url, tokens.alice)).socket,
      alice2: (await connectAgent(t.url, aliceSecond)).socket,
      bob1: (await connectAgent(t.url, tokens.bob)).socket,
      bob2: (await connectAgent(t.url, tokens.bob)).socket,
      carol: (await connectAgent(t.url, tokens.carol)).socket,
    };
    try {
      const carolSaw = collect(sockets.carol, 'agent-message');
      const waits = (['alice1', 'alice2', 'bob1', 'bob2'] as const).map((k) => nextEvent(sockets[k], 'agent-message'));
      const res = await send('alice', 'bob', 'live one');
      assert.equal(res.status, 201);
      for (const got of await Promise.all(waits)) assert.deepEqual(got, res.body.message);

      // The recipient's reply reaches the same four sockets.
      const replies = (['alice1', 'alice2', 'bob1', 'bob2'] as const).map((k) =>
        nextEvent(sockets[k], 'agent-message'),
      );
      const reply = await send('bob', 'alice', 'live reply');
      for (const got of await Promise.all(replies)) assert.deepEqual(got, reply.body.message);

      await sleep(200);
      assert.deepEqual(carolSaw, [], 'a third agent sees nothing of it');
    } finally {
      for (const s of Object.values(sockets)) s.close();
    }
  });
});

test("a deleted agent's messages go with it: a new account of the same name starts with an empty inbox", async () => {
  const t = await startTestServer();
  try {
    await t.createAdmin('root');
    const admin = await t.login('root');
    await t.createAgent(admin, 'erin');
    await t.createAgent(admin, 'fred');
    const fred = await t.login('fred');
    assert.equal(
      (await t.api('POST', '/api/agent-messages', { token: fred, body: { to: 'erin', body: 'private note' } })).status,
      201,
    );
    assert.equal((await t.api('DELETE', '/api/admin/agents/erin', { token: admin })).status, 204);
    await t.createAgent(admin, 'erin');
    const erin = await t.login('erin');
    assert.deepEqual((await t.api('GET', '/api/agent-messages', { token: erin })).body.messages, []);
    assert.deepEqual((await t.api('GET', '/api/agent-messages', { token: fred })).body.messages, []);
  } finally {
    await t.close();
  }
});

test('a read marker per account, kept by the server: unread counts survive a restart, never move back', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-read-'));
  let t = await startTestServer({}, dataDir);
  try {
    await t.createAdmin('root');
    const admin = await t.login('root');
    await t.createAgent(admin, 'gina');
    await t.createAgent(admin, 'hank');
    const hank = await t.login('hank');
    let gina = await t.login('gina');
    const ids: string[] = [];
    for (const body of ['one', 'two', 'three']) {
      ids.push(
        (await t.api('POST', '/api/agent-messages', { token: hank, body: { to: 'gina', body } })).body.message.id,
      );
    }
    const inbox = async () => (await t.api('GET', '/api/agent-messages', { token: gina })).body;
    assertFields(await inbox(), { readUpTo: null, unread: 3 });
    const read = await t.api('POST', '/api/agent-messages/read', { token: gina, body: { upTo: ids[1] } });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, { readUpTo: ids[1], unread: 1 });
    const back = await t.api('POST', '/api/agent-messages/read', { token: gina, body: { upTo: ids[0] } });
    assert.deepEqual(back.body, { readUpTo: ids[1], unread: 1 }, 'the marker never moves back');
    assertError(
      await t.api('POST', '/api/agent-messages/read', { token: gina, body: { upTo: 'nope' } }),
      400,
      'invalid_request',
    );
    assertError(await t.api('POST', '/api/agent-messages/read', { token: gina, body: {} }), 400, 'invalid_request');
    assertFields(
      (await t.api('GET', '/api/agent-messages', { token: hank })).body,
      { unread: 0 },
      'own sends are not unread',
    );

    await t.close();
    t = await startTestServer({}, dataDir);
    gina = await t.login('gina');
    assertFields(await inbox(), { readUpTo: ids[1], unread: 1 });
  } finally {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
