import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';
import { assertError, assertFields, connectAgent, disconnected, ISO_UTC } from '../helpers/staff.js';

/** Admin API (PROTOCOL.md "Admin") and invite registration. */

const PUBLIC_URL = 'https://support.example.com';
const tokenOf = (registerUrl: string) => new URL(registerUrl).hash.replace(/^#token=/, '');

/** POST with a forged Host header (fetch does not let us set it). */
function postWithHost(
  url: string,
  path: string,
  host: string,
  token: string,
  body: unknown,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(url + path, {
      method: 'POST',
      headers: {
        host,
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(data),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('admin API (with --public-url)', () => {
  let t: TestServer;
  let admin: string;
  let agent: string;

  before(async () => {
    t = await startTestServer({ publicUrl: PUBLIC_URL });
    await t.createAdmin('root');
    admin = await t.login('root');
    await t.createAgent(admin, 'alice');
    agent = await t.login('alice');
  });
  after(() => t.close());

  const invite = (username: string, token = admin, email = `${username}@example.test`, name = `Agent ${username}`) =>
    t.api('POST', '/api/admin/invites', { token, body: { username, name, email } });

  test('every /api/admin route answers 401 without a token and 403 forbidden to an agent', async () => {
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/admin/invites', { username: 'zed', name: 'Zed', email: 'zed@example.test' }],
      ['GET', '/api/admin/agents'],
      ['PATCH', '/api/admin/agents/alice', { maxChats: 1 }],
      ['DELETE', '/api/admin/agents/alice'],
      ['DELETE', '/api/admin/agents/root'],
    ];
    for (const [method, path, body] of routes) {
      assertError(await t.api(method, path, { body }), 401, 'unauthorized');
      assertError(await t.api(method, path, { body, token: 'garbage' }), 401, 'unauthorized');
      assertError(await t.api(method, path, { body, token: agent }), 403, 'forbidden');
    }
    // Nothing happened: alice still exists with her settings, zed was never invited.
    const list = await t.api('GET', '/api/admin/agents', { token: admin });
    const alice = list.body.agents.find((a: any) => a.username === 'alice');
    assertFields(alice, { username: 'alice', maxChats: 5 }, 'alice');
    assert.equal((await invite('zed')).status, 201);
  });

  const inviteCreated =
    'invite: 201 {username,email,expiresAt,registerUrl}; the link uses --public-url, never the Host header; ' +
    'the e-mail is in the outbox';
  test(inviteCreated, async () => {
    const res = await postWithHost(t.url, '/api/admin/invites', 'evil.example', admin, {
      username: 'grace',
      name: 'Grace Hopper',
      email: 'grace@example.test',
    });
    assert.equal(res.status, 201);
    assertFields(res.body, { username: 'grace', email: 'grace@example.test' }, 'invite');
    assert.match(res.body.expiresAt, ISO_UTC);
    assert.ok(Date.parse(res.body.expiresAt) > Date.now(), 'the invite expires in the future');
    assert.match(res.body.registerUrl, /^https:\/\/support\.example\.com\/register#token=[A-Za-z0-9_-]{20,}$/);
    assert.doesNotMatch(res.body.registerUrl, /evil\.example/);

    const outbox = join(t.dataDir, 'outbox');
    const files = (await readdir(outbox)).filter((f) => f.includes('grace'));
    assert.equal(files.length, 1, 'one e-mail written for grace');
    const mail = (await readFile(join(outbox, files[0]!), 'utf8')).replace(/=\r?\n/g, '');
    assert.match(mail, /To: grace@example\.test/);
    assert.ok(mail.includes(tokenOf(res.body.registerUrl)), 'the e-mail holds the register token');
    assert.match(mail, /switchboard register/);
  });

  test('invite: 409 conflict when an account or a pending invite holds the username', async () => {
    assert.equal((await invite('henry')).status, 201);
    assertError(await invite('henry'), 409, 'conflict');
    assertError(await invite('alice'), 409, 'conflict');
    assertError(await invite('root'), 409, 'conflict');
  });

  test('register: 201 {username}; the account logs in; a second use and an unknown token are 410 gone', async () => {
    const inv = await invite('ivan');
    const token = tokenOf(inv.body.registerUrl);
    const reg = await t.api('POST', '/api/register', { body: { token, password: 'a fine long password' } });
    assert.equal(reg.status, 201);
    assertFields(reg.body, { username: 'ivan' });

    const again = await t.api('POST', '/api/register', { body: { token, password: 'another long password' } });
    assertError(again, 410, 'gone');
    const login = await t.api('POST', '/api/login', { body: { username: 'ivan', password: 'a fine long password' } });
    assert.equal(login.status, 200, 'the first password holds');
    assertError(
      await t.api('POST', '/api/login', { body: { username: 'ivan', password: 'another long password' } }),
      401,
      'unauthorized',
    );

    assertError(
      await t.api('POST', '/api/register', { body: { token: 'x'.repeat(43), password: 'a fine long password' } }),
      410,
      'gone',
    );
    // A registered username cannot be invited again.
    assertError(await invite('ivan'), 409, 'conflict');
  });

  test('register: an expired invite is 410 gone and no longer holds the username', async () => {
    const inv = await invite('nina');
    // Time travel: the invite's expiry passes (written straight into the server's database).
    await t.sql('UPDATE invites SET expires_at = $1 WHERE username = $2', [Date.now() - 1000, 'nina']);
    assertError(
      await t.api('POST', '/api/register', {
        body: { token: tokenOf(inv.body.registerUrl), password: 'a fine long password' },
      }),
      410,
      'gone',
    );
    assertError(
      await t.api('POST', '/api/login', { body: { username: 'nina', password: 'a fine long password' } }),
      401,
      'unauthorized',
    );
    const fresh = await invite('nina');
    assert.equal(fresh.status, 201, 'an expired invite does not block a new one');
    assert.equal(
      (
        await t.api('POST', '/api/register', {
          body: { token: tokenOf(fresh.body.registerUrl), password: 'a fine long password' },
        })
      ).status,
      201,
    );
  });

  test('register: a weak password or one over 72 bytes is 400 and leaves the invite usable', async () => {
    const inv = await invite('judy');
    const token = tokenOf(inv.body.registerUrl);
    assertError(await t.api('POST', '/api/register', { body: { token, password: 'short' } }), 400, 'invalid_request');
    assertError(
      await t.api('POST', '/api/register', { body: { token, password: '123456789' } }),
      400,
      'invalid_request',
    );
    // 37 characters, 74 bytes: bcrypt would silently ignore the tail.
    assertError(
      await t.api('POST', '/api/register', { body: { token, password: 'é'.repeat(37) } }),
      400,
      'invalid_request',
    );
    assertError(
      await t.api('POST', '/api/register', { body: { token, password: 'p'.repeat(73) } }),
      400,
      'invalid_request',
    );
    const ok = await t.api('POST', '/api/register', { body: { token, password: 'p'.repeat(72) } });
    assert.equal(ok.status, 201, 'exactly 72 bytes is fine, and the invite was still usable');
    assert.equal(
      (await t.api('POST', '/api/login', { body: { username: 'judy', password: 'p'.repeat(72) } })).status,
      200,
    );
    // Sharing the first 72 bytes is not enough: bcrypt would truncate, the server does not.
    assert.equal(
      (await t.api('POST', '/api/login', { body: { username: 'judy', password: `${'p'.repeat(72)}extra` } })).status,
      401,
    );
  });

  test('GET /api/admin/agents lists accounts with username,name,email,role,status,openChats,maxChats', async () => {
    const list = await t.api('GET', '/api/admin/agents', { token: admin });
    assert.equal(list.status, 200);
    assert.ok(Array.isArray(list.body.agents));
    const byName = new Map(list.body.agents.map((a: any) => [a.username, a]));
    for (const a of list.body.agents) {
      for (const k of ['username', 'name', 'email', 'role', 'status', 'openChats', 'maxChats'])
        assert.ok(k in a, `agent ${a.username} lacks ${k}`);
    }
    assertFields(
      byName.get('alice'),
      {
        username: 'alice',
        name: 'Agent alice',
        email: 'alice@example.test',
        role: 'agent',
        status: 'online',
        openChats: 0,
        maxChats: 5,
      },
      'alice',
    );
    assertFields(byName.get('root'), { username: 'root', role: 'admin' }, 'root');
    assert.ok(!byName.has('henry'), 'a pending invite is not an account');
  });

  test('PATCH an agent: 200 with the updated agent, seen by the agent; bad values 400; unknown 404', async () => {
    await t.createAgent(admin, 'kate');
    const kate = await t.login('kate');
    const res = await t.api('PATCH', '/api/admin/agents/kate', { token: admin, body: { maxChats: 2 } });
    assert.equal(res.status, 200);
    assertFields(res.body, { username: 'kate', name: 'Agent kate', maxChats: 2, role: 'agent' }, 'patched');
    assert.equal((await t.api('GET', '/api/me', { token: kate })).body.maxChats, 2);

    const renamed = await t.api('PATCH', '/api/admin/agents/kate', { token: admin, body: { name: '  Kate Bell  ' } });
    assert.equal(renamed.status, 200);
    assertFields(renamed.body, { name: 'Kate Bell', maxChats: 2 }, 'renamed');
    const both = await t.api('PATCH', '/api/admin/agents/kate', {
      token: admin,
      body: { name: 'Kate B', maxChats: 0 },
    });
    assertFields(both.body, { name: 'Kate B', maxChats: 0 }, 'both');
    assertFields((await t.api('GET', '/api/me', { token: kate })).body, { name: 'Kate B', maxChats: 0 }, 'me');

    for (const body of [
      {},
      { maxChats: -1 },
      { maxChats: 101 },
      { maxChats: 1.5 },
      { maxChats: '3' },
      { maxChats: null },
      { name: '' },
      { name: '   ' },
      { name: 'a\u0007b' },
      { name: 'x'.repeat(81) },
      { name: 7 },
      { role: 'admin' },
    ]) {
      assertError(await t.api('PATCH', '/api/admin/agents/kate', { token: admin, body }), 400, 'invalid_request');
    }
    assertFields(
      (await t.api('GET', '/api/me', { token: kate })).body,
      { name: 'Kate B', maxChats: 0, role: 'agent' },
      'unchanged',
    );
    assertError(
      await t.api('PATCH', '/api/admin/agents/nobody', { token: admin, body: { maxChats: 1 } }),
      404,
      'not_found',
    );
  });

  const deleteAgent =
    'DELETE an agent: 204, its tokens are refused, its open socket is closed; admins are 403; unknown 404';
  test(deleteAgent, async () => {
    await t.createAgent(admin, 'leo');
    const first = await t.login('leo');
    const second = await t.login('leo');
    const { socket } = await connectAgent(t.url, first);
    const gone = disconnected(socket, 1000); // within a second

    const res = await fetch(`${t.url}/api/admin/agents/leo`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${admin}` },
    });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');
    assert.equal(await gone, 'io server disconnect');
    for (const token of [first, second]) {
      assertError(await t.api('GET', '/api/me', { token }), 401, 'unauthorized');
      const err = await connectAgent(t.url, token).then(
        (c) => {
          c.socket.close();
          return undefined;
        },
        (e: Error) => e,
      );
      assert.equal(err?.message, 'unauthorized');
    }
    assertError(
      await t.api('POST', '/api/login', { body: { username: 'leo', password: PASSWORD } }),
      401,
      'unauthorized',
    );
    const list = await t.api('GET', '/api/admin/agents', { token: admin });
    assert.ok(!list.body.agents.some((a: any) => a.username === 'leo'));

    assertError(await t.api('DELETE', '/api/admin/agents/leo', { token: admin }), 404, 'not_found');
    assertError(await t.api('DELETE', '/api/admin/agents/nobody', { token: admin }), 404, 'not_found');
    assertError(await t.api('DELETE', '/api/admin/agents/root', { token: admin }), 403, 'forbidden');
    assert.equal((await t.api('GET', '/api/me', { token: admin })).status, 200, 'the admin is still there');
  });
});

describe('admin API (no --public-url)', () => {
  test('the register link uses the listen address, not the Host header', async () => {
    const t = await startTestServer();
    try {
      await t.createAdmin('root');
      const admin = await t.login('root');
      const res = await postWithHost(t.url, '/api/admin/invites', 'evil.example:8080', admin, {
        username: 'mia',
        name: 'Mia',
        email: 'mia@example.test',
      });
      assert.equal(res.status, 201);
      assert.ok(res.body.registerUrl.startsWith(`${t.url}/register#token=`), res.body.registerUrl);
    } finally {
      await t.close();
    }
  });
});
