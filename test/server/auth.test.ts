import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';
import { assertError, assertFields, connectAgent, disconnected, refusedAtConnect, sleep } from '../helpers/staff.js';

/** Staff authentication (PROTOCOL.md "Staff authentication") and the /agent handshake. */

const statusOf = async (t: TestServer, adminToken: string, username: string) => {
  const list = await t.api('GET', '/api/admin/agents', { token: adminToken });
  assert.equal(list.status, 200);
  return list.body.agents.find((a: { username: string }) => a.username === username)?.status;
};

describe('staff authentication (default settings)', () => {
  let t: TestServer;
  let admin: string;

  before(async () => {
    t = await startTestServer();
    await t.createAdmin('root');
    admin = await t.login('root');
    for (const u of ['alice', 'bob', 'carol', 'dora']) await t.createAgent(admin, u);
  });
  after(() => t.close());

  test('login answers 200 {token, user} and the account becomes online', async () => {
    assert.equal(await statusOf(t, admin, 'alice'), 'offline', 'a registered agent starts offline');
    const res = await t.api('POST', '/api/login', { body: { username: 'alice', password: PASSWORD } });
    assert.equal(res.status, 200);
    assert.equal(typeof res.body.token, 'string');
    assert.ok(res.body.token.split('.').length === 3, 'the token is a JWT');
    assertFields(res.body.user, { username: 'alice', name: 'Agent alice', role: 'agent' }, 'user');

    const me = await t.api('GET', '/api/me', { token: res.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.status, 'online');
    assert.equal(await statusOf(t, admin, 'alice'), 'online');
  });

  test('admins log in with role admin', async () => {
    const res = await t.api('POST', '/api/login', { body: { username: 'root', password: PASSWORD } });
    assert.equal(res.status, 200);
    assertFields(res.body.user, { username: 'root', name: 'Admin root', role: 'admin' }, 'user');
  });

  test('unknown user and wrong password get byte-identical 401 answers', async () => {
    const raw = async (username: string, password: string) => {
      const res = await fetch(`${t.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
    };
    const unknown = await raw('nobody-here', 'wrong password 1');
    const wrong = await raw('bob', 'wrong password 1');
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    assert.equal(unknown.text, wrong.text, 'the body tells which usernames exist');
    assert.equal(unknown.type, wrong.type);
    assert.equal(JSON.parse(wrong.text).error.code, 'unauthorized');
  });

  const loginLimit =
    'after 5 failed logins for a username from one address, the next attempt is 429 with Retry-After, ' +
    'even with the right password';
  test(loginLimit, async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await t.api('POST', '/api/login', { body: { username: 'dora', password: `not the password ${i}` } });
      assertError(res, 401, 'unauthorized');
    }
    const blocked = await t.api('POST', '/api/login', { body: { username: 'dora', password: PASSWORD } });
    assertError(blocked, 429, 'rate_limited');
    const retryAfter = blocked.headers.get('retry-after');
    assert.match(retryAfter ?? '', /^\d+$/, `Retry-After must be whole seconds, got ${retryAfter}`);
    assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 15 * 60, `Retry-After ${retryAfter} outside 1..900 s`);
    // The block is per username: another account from the same address still logs in.
    const other = await t.api('POST', '/api/login', { body: { username: 'bob', password: PASSWORD } });
    assert.equal(other.status, 200);
    // ...and the blocked account was not logged in by the refused attempt.
    assert.equal(await statusOf(t, admin, 'dora'), 'offline');
  });

  test('GET /api/me answers {username,name,role,status,maxChats,openChats} with the default maxChats 5', async () => {
    const token = await t.login('bob');
    const me = await t.api('GET', '/api/me', { token });
    assert.equal(me.status, 200);
    assertFields(
      me.body,
      { username: 'bob', name: 'Agent bob', role: 'agent', status: 'online', maxChats: 5, openChats: 0 },
      'me',
    );
    assertError(await t.api('GET', '/api/me'), 401, 'unauthorized');
    assertError(await t.api('GET', '/api/me', { token: 'not-a-token' }), 401, 'unauthorized');
  });

  test('PUT /api/me/status sets online/offline, reflected in GET /api/me; an invalid status is 400', async () => {
    const token = await t.login('bob');
    const off = await t.api('PUT', '/api/me/status', { token, body: { status: 'offline' } });
    assert.equal(off.status, 200);
    assertFields(off.body, { status: 'offline' });
    assert.equal((await t.api('GET', '/api/me', { token })).body.status, 'offline');
    assert.equal(await statusOf(t, admin, 'bob'), 'offline');

    const on = await t.api('PUT', '/api/me/status', { token, body: { status: 'online' } });
    assert.equal(on.status, 200);
    assertFields(on.body, { status: 'online' });
    assert.equal((await t.api('GET', '/api/me', { token })).body.status, 'online');

    for (const body of [{ status: 'away' }, { status: 'ONLINE' }, { status: 1 }, {}, { state: 'online' }]) {
      assertError(await t.api('PUT', '/api/me/status', { token, body }), 400, 'invalid_request');
    }
    assert.equal((await t.api('GET', '/api/me', { token })).body.status, 'online', 'a refused change changes nothing');
    assertError(await t.api('PUT', '/api/me/status', { body: { status: 'offline' } }), 401, 'unauthorized');
  });

  const logoutKillsToken =
    'logout: 204, the token is dead for HTTP and sockets, its open socket is closed, the account is offline; ' +
    'another session keeps working';
  test(logoutKillsToken, async () => {
    const first = await t.login('carol');
    const second = await t.login('carol');
    const { socket } = await connectAgent(t.url, first);
    const gone = disconnected(socket, 1000); // within a second

    const res = await fetch(`${t.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${first}` } });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');

    assert.equal(await gone, 'io server disconnect');
    assertError(await t.api('GET', '/api/me', { token: first }), 401, 'unauthorized');
    assertError(await t.api('POST', '/api/logout', { token: first }), 401, 'unauthorized');
    const refused = await refusedAtConnect(t.url, first);
    assert.equal(refused.message, 'unauthorized');

    const me = await t.api('GET', '/api/me', { token: second });
    assert.equal(me.status, 200, 'the other session of the same account still works');
    assert.equal(me.body.status, 'offline');
    assert.equal(await statusOf(t, admin, 'carol'), 'offline');
    assertError(await t.api('POST', '/api/logout'), 401, 'unauthorized');
  });

  test('/agent accepts a valid token and sends chats:open {chats: []}', async () => {
    const token = await t.login('alice');
    const { socket, chatsOpen } = await connectAgent(t.url, token);
    try {
      assert.deepEqual(await chatsOpen, { chats: [] });
    } finally {
      socket.close();
    }
    // Every connect sends it again (a reconnect restores state).
    const again = await connectAgent(t.url, token);
    try {
      assert.deepEqual(await again.chatsOpen, { chats: [] });
    } finally {
      again.socket.close();
    }
  });

  test('/agent refuses a missing or garbage token with connect_error "unauthorized"', async () => {
    for (const token of [undefined, '', 'garbage', 42, { token: 'x' }]) {
      const err = await refusedAtConnect(t.url, token);
      assert.equal(err.message, 'unauthorized', `token ${JSON.stringify(token)}`);
    }
  });

  test('a socket packet over 64 KiB closes that connection; the server keeps serving', async () => {
    const token = await t.login('alice');
    const { socket: small } = await connectAgent(t.url, token);
    const { socket: big } = await connectAgent(t.url, token);
    try {
      small.emit('noise', 'x'.repeat(60 * 1024));
      const reason = disconnected(big);
      big.emit('noise', 'x'.repeat(70 * 1024));
      assert.equal(await reason, 'transport close');
      await sleep(100);
      assert.equal(
        small.connected,
        true,
        'a packet under the limit keeps the connection, and the other socket is untouched',
      );

      const after = await connectAgent(t.url, token);
      assert.deepEqual(await after.chatsOpen, { chats: [] });
      after.socket.close();
      assert.equal((await t.api('GET', '/healthz')).status, 200);
      assert.equal((await t.api('GET', '/api/me', { token })).status, 200);
    } finally {
      small.close();
      big.close();
    }
  });
});

describe('staff authentication (settings overrides)', () => {
  let t: TestServer;
  let admin: string;

  before(async () => {
    t = await startTestServer({
      loginAttempts: 2,
      maxChats: 7,
      allowedOrigins: 'https://embed.example, https://other.example',
      publicUrl: 'https://support.example.com',
    });
    await t.createAdmin('root');
    admin = await t.login('root');
    await t.createAgent(admin, 'erin');
  });
  after(() => t.close());

  test('--login-attempts 2: the third attempt after two failures is 429', async () => {
    assertError(
      await t.api('POST', '/api/login', { body: { username: 'erin', password: 'wrong password!' } }),
      401,
      'unauthorized',
    );
    assertError(
      await t.api('POST', '/api/login', { body: { username: 'erin', password: 'wrong password!' } }),
      401,
      'unauthorized',
    );
    const blocked = await t.api('POST', '/api/login', { body: { username: 'erin', password: PASSWORD } });
    assertError(blocked, 429, 'rate_limited');
    assert.match(blocked.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
  });

  test('--max-chats sets the default maxChats shown by GET /api/me', async () => {
    const me = await t.api('GET', '/api/me', { token: admin });
    assert.equal(me.status, 200);
    assertFields(me.body, { username: 'root', role: 'admin', maxChats: 7, openChats: 0, status: 'online' }, 'me');
  });

  const foreignOrigin =
    'a handshake with a foreign Origin is refused with 403; --allowed-origins and the public URL are accepted';
  test(foreignOrigin, async () => {
    const handshake = (origin: string) => fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    const evil = await handshake('http://evil.example');
    assert.equal(evil.status, 403);
    await evil.body?.cancel();
    // With --public-url set, the address the server happens to listen on is not an allowed origin.
    const local = await handshake(t.url);
    assert.equal(local.status, 403);
    await local.body?.cancel();
    for (const origin of ['https://embed.example', 'https://other.example', 'https://support.example.com']) {
      const ok = await handshake(origin);
      assert.equal(ok.status, 200, `origin ${origin}`);
      await ok.body?.cancel();
    }
    // The same through socket.io-client (polling carries the header).
    const err = await refusedAtConnect(t.url, admin, {
      transports: ['polling'],
      extraHeaders: { origin: 'http://evil.example' },
    });
    assert.equal(err.description, 403);
    const fine = await connectAgent(t.url, admin, {
      transports: ['polling'],
      extraHeaders: { origin: 'https://embed.example' },
    });
    try {
      assert.deepEqual(await fine.chatsOpen, { chats: [] });
    } finally {
      fine.socket.close();
    }
  });

  test('a WebSocket handshake with a foreign Origin does not connect: the upgrade is answered 403', async () => {
    await refusedAtConnect(t.url, admin, {
      transports: ['websocket'],
      extraHeaders: { origin: 'http://evil.example' },
    });
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(`${t.url}/socket.io/?EIO=4&transport=websocket`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          origin: 'http://evil.example',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      req.on('response', (res) => resolve(res.statusCode));
      req.on('upgrade', () => resolve(101));
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 403);
    const fine = await connectAgent(t.url, admin, {
      transports: ['websocket'],
      extraHeaders: { origin: 'https://embed.example' },
    });
    fine.socket.close();
  });
});

const localOrigins =
  'without --public-url, the page at localhost and at 127.0.0.1 may both open sockets; other origins may not';
test(localOrigins, async () => {
  const t = await startTestServer();
  try {
    const port = new URL(t.url).port;
    const handshake = async (origin: string) => {
      const res = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
      await res.body?.cancel();
      return res.status;
    };
    assert.equal(await handshake(`http://127.0.0.1:${port}`), 200);
    assert.equal(await handshake(`http://localhost:${port}`), 200);
    assert.equal(await handshake(`http://localhost:1`), 403);
    assert.equal(await handshake('http://evil.example'), 403);
  } finally {
    await t.close();
  }
});

const forgedForwardedFor =
  'a forged X-Forwarded-For cannot reset the login limit without --trust-proxy; ' +
  'one account tried from many addresses is limited too';
test(forgedForwardedFor, async () => {
  const t = await startTestServer({ loginAttempts: 2 });
  try {
    await t.createAdmin('root');
    const attempt = (ip: string, password = 'wrong password!') =>
      t.api('POST', '/api/login', { body: { username: 'root', password }, headers: { 'x-forwarded-for': ip } });
    assert.equal((await attempt('10.0.0.1')).status, 401);
    assert.equal((await attempt('10.0.0.2')).status, 401);
    const limited = await attempt('10.0.0.3', PASSWORD);
    assert.equal(limited.status, 429, 'the header is ignored: all attempts came from one address');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  } finally {
    await t.close();
  }
  const p = await startTestServer({ loginAttempts: 2, trustProxy: true });
  try {
    await p.createAdmin('root');
    // Behind a proxy each address has its own budget, but the account as a whole has 10×.
    for (let i = 0; i < 20; i++) {
      const res = await p.api('POST', '/api/login', {
        body: { username: 'root', password: 'wrong password!' },
        headers: { 'x-forwarded-for': `10.1.0.${i}` },
      });
      assert.equal(res.status, 401, `attempt ${i}`);
    }
    const res = await p.api('POST', '/api/login', {
      body: { username: 'root', password: PASSWORD },
      headers: { 'x-forwarded-for': '10.1.1.1' },
    });
    assert.equal(res.status, 429);
  } finally {
    await p.close();
  }
});
