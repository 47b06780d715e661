import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { startWorld, type World } from '../helpers/chat.js';
import { startTestServer } from '../helpers/server.js';
import { assertError } from '../helpers/staff.js';
import { connectFor, eventually, nextEvent } from '../helpers/sockets.js';

let addresses = 0;
/** POST /api/queue with a body and headers of the test's choosing, from an address of its own. */
const join_ = (w: Pick<World, 't'>, body: unknown, headers: Record<string, string> = {}) =>
  w.t.api('POST', '/api/queue', { body, headers: { 'x-forwarded-for': `10.9.0.${++addresses % 250}`, ...headers } });

const CONTEXT = {
  name: 'Grace',
  email: 'grace@example.com',
  page: { url: 'https://shop.example.com/orders/1234', title: 'Order #1234', referrer: 'https://www.example.org/' },
  attributes: { plan: 'pro', orders: 7, vip: true },
};
const HEADERS = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0',
  'accept-language': 'de-CH,de;q=0.9,en;q=0.5',
};

/** Starts the chat of a joined visitor and opens its socket; resolves the start answer and chat:history. */
async function startChat(w: World, queueToken: string) {
  const started = await w.t.api('POST', '/api/chat/start', { token: queueToken });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const { socket, payload: history } = await connectFor(
    w.t.url,
    '/visitor',
    { token: started.body.userToken },
    'chat:history',
  );
  w.track(socket);
  return { started: started.body, history, socket: socket as Socket };
}

const wholeRecord =
  'visitor context: staff see the whole record in chat:assigned, chats:open, GET /api/chats and /api/chats/:id; ' +
  'the visitor never does';
test(wholeRecord, async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const joined = await join_(w, CONTEXT, { ...HEADERS, 'x-forwarded-for': '203.0.113.77' });
    assert.equal(joined.status, 201, JSON.stringify(joined.body));
    assert.match(joined.body.visitorId, /^[A-Za-z0-9_-]{16,64}$/);
    const assigned = nextEvent(alice.socket, 'chat:assigned');
    const { started, history } = await startChat(w, joined.body.queueToken);
    const expected = {
      name: 'Grace',
      email: 'grace@example.com',
      page: CONTEXT.page,
      attributes: CONTEXT.attributes,
      userAgent: HEADERS['user-agent'],
      locale: 'de-CH',
      visitorId: joined.body.visitorId,
      previousChats: 0,
    };
    assert.deepEqual((await assigned).visitor, expected);

    const list = await w.t.api('GET', '/api/chats', { token: alice.token });
    assert.deepEqual(list.body.chats[0].visitor, expected);
    const one = await w.t.api('GET', `/api/chats/${started.chatId}`, { token: alice.token });
    assert.deepEqual(one.body.visitor, expected);
    const { payload: open, socket } = await connectFor(w.t.url, '/agent', { token: alice.token }, 'chats:open');
    w.track(socket);
    assert.deepEqual(open.chats[0].visitor, expected);

    // Nothing of it reaches the visitor: not in the answers, not in chat:history.
    const seen = JSON.stringify([joined.body, started, history]);
    for (const secret of ['grace@example.com', 'Order #1234', 'TestBrowser', 'de-CH', '"vip"']) {
      assert.ok(!seen.includes(secret), `the visitor was shown ${secret}: ${seen}`);
    }
    // The address is used for the rate limit only, never stored.
    const rows = await w.t.sql('SELECT * FROM visitor_contexts');
    assert.equal(rows.length, 1);
    assert.ok(!JSON.stringify(rows).includes('203.0.113.77'), JSON.stringify(rows));
  } finally {
    await w.close();
  }
});

test('visitor context: a visitorId given back is kept and counts earlier chats; an unknown one is replaced', async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const first = await join_(w, { name: 'Ada' });
    assert.equal(first.status, 201);
    const id = first.body.visitorId as string;
    const a1 = nextEvent(alice.socket, 'chat:assigned');
    const chat1 = await startChat(w, first.body.queueToken);
    assert.equal((await a1).visitor.previousChats, 0);
    // No context given: the record holds what the server knows.
    assert.deepEqual(
      Object.keys((await a1).visitor).sort(),
      ['name', 'previousChats', 'visitorId', 'userAgent'].sort(),
    );
    await w.t.api('POST', `/api/chats/${chat1.started.chatId}/end`, { token: alice.token });

    const again = await join_(w, { name: 'Ada L.', visitorId: id });
    assert.equal(again.body.visitorId, id);
    const a2 = nextEvent(alice.socket, 'chat:assigned');
    await startChat(w, again.body.queueToken);
    assert.deepEqual([(await a2).visitor.visitorId, (await a2).visitor.previousChats], [id, 1]);

    // A third visit while the second chat is open: two earlier chats.
    const third = await join_(w, { name: 'Ada', visitorId: id });
    const a3 = nextEvent(alice.socket, 'chat:assigned');
    await startChat(w, third.body.queueToken);
    assert.equal((await a3).visitor.previousChats, 2);
    // A waiting visit that never became a chat does not count.
    await join_(w, { name: 'Ada', visitorId: id });

    const unknown = await join_(w, { name: 'Eve', visitorId: 'notOneThisServerGaveOut' });
    assert.equal(unknown.status, 201);
    assert.notEqual(unknown.body.visitorId, 'notOneThisServerGaveOut');
    assert.notEqual(unknown.body.visitorId, id);
  } finally {
    await w.close();
  }
});

test('visitor context: the user agent is cut to 256 characters; no usable Accept-Language, no locale', async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    const joined = await join_(w, { name: 'Lin' }, { 'user-agent': `UA/${'x'.repeat(400)}`, 'accept-language': '*' });
    const assigned = nextEvent(alice.socket, 'chat:assigned');
    await startChat(w, joined.body.queueToken);
    const { visitor } = await assigned;
    assert.equal(visitor.userAgent, `UA/${'x'.repeat(253)}`);
    assert.equal('locale' in visitor, false);
  } finally {
    await w.close();
  }
});

const limitCases: [string, Record<string, unknown>][] = [
  ['email over 254 characters', { email: `${'a'.repeat(243)}@example.com` }],
  ['email not an address', { email: 'grace at example.com' }],
  ['email not text', { email: 42 }],
  ['page.url over 2048 characters', { page: { url: `https://example.com/${'a'.repeat(2029)}` } }],
  ['page.url not http(s)', { page: { url: 'javascript:alert(1)' } }],
  ['page.url ftp', { page: { url: 'ftp://example.com/file' } }],
  ['page.url not a URL', { page: { url: 'not a url' } }],
  ['page.referrer over 2048 characters', { page: { referrer: `https://example.com/${'a'.repeat(2029)}` } }],
  ['page.referrer not http(s)', { page: { referrer: 'data:text/html,hi' } }],
  ['page.title over 256 characters', { page: { title: 't'.repeat(257) } }],
  ['page with an unknown field', { page: { url: 'https://example.com/', colour: 'red' } }],
  ['page not an object', { page: 'https://example.com/' }],
  ['21 attributes', { attributes: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }],
  ['attribute key with a space', { attributes: { 'my plan': 'pro' } }],
  ['attribute key over 32 characters', { attributes: { ['k'.repeat(33)]: 1 } }],
  ['empty attribute key', { attributes: { '': 1 } }],
  ['attribute string over 256 characters', { attributes: { note: 'n'.repeat(257) } }],
  ['attribute value an object', { attributes: { nested: { a: 1 } } }],
  ['attribute value a list', { attributes: { tags: ['a'] } }],
  ['attribute value null', { attributes: { gone: null } }],
  ['attributes a list', { attributes: ['a'] }],
  ['visitorId with a space', { visitorId: 'not an id' }],
  ['visitorId over 64 characters', { visitorId: 'v'.repeat(65) }],
  ['visitorId not text', { visitorId: 12 }],
];

test('visitor context: every limit is a 400 invalid_request, and each limit itself is accepted', async () => {
  const t = await startTestServer({ trustProxy: true, queueJoinsPerMinute: 1000 });
  try {
    const w = { t };
    for (const [what, extra] of limitCases) {
      const res = await join_(w, { name: 'Grace', ...extra });
      assertError(res, 400, 'invalid_request');
      assert.ok(res.body.error.message.length < 200, `${what}: ${res.body.error.message}`);
    }
    const atLimits = {
      name: 'Grace',
      email: `${'a'.repeat(242)}@example.com`,
      page: {
        url: `https://example.com/${'a'.repeat(2028)}`,
        referrer: `http://example.com/${'b'.repeat(2029)}`,
        title: 't'.repeat(256),
      },
      attributes: {
        ['k'.repeat(32)]: 'v'.repeat(256),
        ...Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`a.b-c_${i}`, i % 2 ? i : i % 3 === 0])),
      },
    };
    assert.equal(atLimits.email.length, 254);
    assert.equal(atLimits.page.url.length, 2048);
    assert.equal(atLimits.page.referrer.length, 2048);
    const ok = await join_(w, atLimits);
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    // An empty page and no attributes are fine too.
    assert.equal((await join_(w, { name: 'Grace', page: {}, attributes: {} })).status, 201);
  } finally {
    await t.close();
  }
});

test('visitor context: kept across a restart, and it travels with transfers and requeues', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-context-'));
  let w = await startWorldIn(dataDir);
  try {
    const alice = await w.agentOnline('alice');
    const joined = await join_(w, CONTEXT, HEADERS);
    const { started } = await startChat(w, joined.body.queueToken);
    const expected = (await w.t.api('GET', `/api/chats/${started.chatId}`, { token: alice.token })).body.visitor;
    assert.equal(expected.email, CONTEXT.email);

    const bob = await w.agentOnline('bob');
    const toBob = nextEvent(bob.socket, 'chat:assigned');
    const moved = await w.t.api('POST', `/api/chats/${started.chatId}/transfer`, {
      token: alice.token,
      body: { to: 'bob' },
    });
    assert.equal(moved.status, 204);
    assert.deepEqual([(await toBob).reason, (await toBob).visitor], ['transfer', expected]);

    // Bob logs out: the chat goes back to the queue and on to Alice, record and all.
    const back = eventually(alice.socket, 'chat:assigned', (p: any) => p.reason === 'requeue');
    assert.equal((await w.t.api('POST', '/api/logout', { token: bob.token })).status, 204);
    assert.deepEqual((await back).visitor, expected);

    await w.close();
    w = await startWorldIn(dataDir, false);
    const token = await w.t.login('alice');
    const { payload: open, socket } = await connectFor(w.t.url, '/agent', { token }, 'chats:open');
    w.track(socket);
    assert.deepEqual(open.chats[0].visitor, expected);
  } finally {
    await w.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** A world on a data dir of the test's own (to restart on it); agents alice and bob made the first time. */
async function startWorldIn(dataDir: string, fresh = true): Promise<World> {
  const t = await startTestServer({ trustProxy: true }, dataDir);
  const w = worldOf(t);
  if (fresh) {
    await t.createAdmin('root');
    const admin = await t.login('root');
    await t.createAgent(admin, 'alice', undefined, 'Alice Agent');
    await t.createAgent(admin, 'bob', undefined, 'Bob Agent');
  }
  return w;
}

/** The parts of startWorld's world these tests use, on a server started here. */
function worldOf(t: Awaited<ReturnType<typeof startTestServer>>): World {
  const sockets: Socket[] = [];
  return {
    t,
    track(socket: Socket) {
      sockets.push(socket);
      return socket;
    },
    async agentOnline(username: string) {
      const token = await t.login(username);
      const { socket, payload: open } = await connectFor(t.url, '/agent', { token }, 'chats:open');
      sockets.push(socket);
      return { username, token, socket, open };
    },
    async close() {
      for (const s of sockets) s.close();
      await t.close();
    },
  } as unknown as World;
}
