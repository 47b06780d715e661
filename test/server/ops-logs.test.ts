import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/paths.js';
import { PASSWORD } from '../helpers/server.js';
import { spawnServer, type ServerProcess } from '../helpers/process-server.js';
import { connect } from '../helpers/sockets.js';

const BIN = join(PROJECT_ROOT, 'bin/switchboard.js');
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
type Line = Record<string, any>;

const parse = (output: string): Line[] =>
  output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

/** The log lines with this message (and these fields), waiting a little for them to be written. */
async function lines(server: ServerProcess, msg: string, fields: Line = {}, atLeast = 1): Promise<Line[]> {
  const match = (l: Line) => l.msg === msg && Object.entries(fields).every(([k, v]) => l[k] === v);
  for (let i = 0; ; i++) {
    const found = parse(server.output()).filter(match);
    if (found.length >= atLeast || i === 30) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function one(server: ServerProcess, msg: string, fields: Line = {}): Promise<Line> {
  const found = await lines(server, msg, fields);
  assert.equal(found.length, 1, `one "${msg}" line ${JSON.stringify(fields)}:\n${server.output()}`);
  return found[0]!;
}

function client(url: string) {
  return async (method: string, path: string, o: { token?: string; body?: unknown; headers?: Line } = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.body ? { 'content-type': 'application/json' } : {}),
        ...o.headers,
      },
      body: o.body ? JSON.stringify(o.body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  };
}

const LOCAL = /^(::ffff:)?127\.0\.0\.1$/;

test('security events, admin actions and requests are logged, with ISO times and no secrets', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-ops-log-'));
  const made = spawnSync(
    process.execPath,
    [BIN, 'admin', 'create', 'root', '--name', 'Root', '--password-stdin', '--data-dir', dataDir],
    { input: PASSWORD, env: { ...process.env, SWITCHBOARD_LOG_LEVEL: '' } },
  );
  assert.equal(made.status, 0, made.stderr.toString());
  const created = parse(made.stderr.toString()).filter((l) => l.msg === 'admin created');
  assert.equal(created.length, 1, `the CLI logs the admin it created: ${made.stderr}`);
  assert.equal(created[0]!.username, 'root');
  assert.equal(created[0]!.actor, userInfo().username, 'the actor is the system user who ran the command');
  assert.equal(created[0]!.via, 'cli');
  assert.match(created[0]!.time, ISO);
  assert.ok(!made.stderr.toString().includes(PASSWORD));

  const server = await spawnServer(['--data-dir', dataDir, '--log-level', 'debug', '--login-attempts', '3']);
  const api = client(server.url);
  const secrets: string[] = [PASSWORD];
  try {
    // Logins: the successful one with the address; each failure with its reason class.
    const ok = await api('POST', '/api/login', { body: { username: 'root', password: PASSWORD } });
    assert.equal(ok.status, 200);
    const root = ok.body.token as string;
    secrets.push(root);
    assert.match((await one(server, 'login', { username: 'root' })).address, LOCAL);

    const wrong = 'wrong-password-123';
    const long = `${'long-password-'.repeat(6)}!`;
    secrets.push(wrong, long);
    assert.equal((await api('POST', '/api/login', { body: { username: 'root', password: wrong } })).status, 401);
    assert.equal((await api('POST', '/api/login', { body: { username: 'Root', password: long } })).status, 401);
    assert.equal((await api('POST', '/api/login', { body: { username: 'nobody', password: wrong } })).status, 401);
    const failed = await lines(server, 'login failed', {}, 3);
    assert.deepEqual(
      failed.map((l) => [l.username, l.reason, l.level]),
      [
        ['root', 'wrong_password', 40],
        ['root', 'password_too_long', 40],
        ['nobody', 'unknown_user', 40],
      ],
    );
    for (const l of failed) assert.match(l.address, LOCAL);

    // Lockout: the failure that uses up the attempts says so; the refusals after it are sampled.
    for (let i = 0; i < 3; i++)
      assert.equal((await api('POST', '/api/login', { body: { username: 'mallory', password: wrong } })).status, 401);
    const locked = await one(server, 'login locked out', { username: 'mallory' });
    assert.match(locked.address, LOCAL);
    assert.ok(locked.seconds > 0 && locked.seconds <= 900, JSON.stringify(locked));
    for (let i = 0; i < 3; i++)
      assert.equal((await api('POST', '/api/login', { body: { username: 'mallory', password: wrong } })).status, 429);
    const lockedOut = await one(server, 'rate limited', { limit: 'login', username: 'mallory' });
    assert.equal(lockedOut.by, 'username+address');
    assert.match(lockedOut.address, LOCAL);
    assert.ok(lockedOut.retryAfter > 0);

    // Tokens refused over HTTP (staff auth) and at socket handshakes.
    assert.equal((await api('GET', '/api/me', { token: 'not.a.token' })).status, 401);
    assert.equal((await api('GET', '/api/me')).status, 401);
    const refused = await lines(server, 'token refused', {}, 2);
    assert.deepEqual(
      refused.map((l) => [l.reason, l.method, l.path]),
      [
        ['invalid', 'GET', '/api/me'],
        ['missing', 'GET', '/api/me'],
      ],
    );
    await assert.rejects(connect(server.url, '/agent', { token: 'not.a.token' }), /unauthorized/);
    await assert.rejects(connect(server.url, '/visitor', {}), /unauthorized/);
    const agentRefusal = await one(server, 'handshake refused', { namespace: '/agent' });
    assert.equal(agentRefusal.reason, 'invalid');
    assert.match(agentRefusal.address, LOCAL);
    assert.equal((await one(server, 'handshake refused', { namespace: '/visitor' })).reason, 'missing');

    // A browser page from another site may not open sockets.
    const foreign = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'http://evil.example' },
    });
    assert.equal(foreign.status, 403);
    const origin = await one(server, 'origin refused', { origin: 'http://evil.example' });
    assert.equal(origin.path, '/socket.io/');
    assert.match(origin.address, LOCAL);

    // Admin actions name the admin who did them.
    const inv = await api('POST', '/api/admin/invites', {
      token: root,
      body: { username: 'bob', name: 'Bob B', email: 'bob@example.test' },
    });
    assert.equal(inv.status, 201);
    const inviteToken = new URL(inv.body.registerUrl).hash.replace('#token=', '');
    secrets.push(inviteToken, inv.body.registerUrl);
    assert.equal((await one(server, 'invite sent', { username: 'bob' })).actor, 'root');
    assert.equal(
      (await api('POST', '/api/register', { body: { token: inviteToken, password: PASSWORD } })).status,
      201,
    );
    const body = 'a private note that stays out of the log';
    secrets.push(body);
    assert.equal((await api('POST', '/api/agent-messages', { token: root, body: { to: 'bob', body } })).status, 201);
    assert.equal((await api('PATCH', '/api/admin/agents/bob', { token: root, body: { maxChats: 3 } })).status, 200);
    const changed = await one(server, 'agent changed', { username: 'bob' });
    assert.equal(changed.actor, 'root');
    assert.equal(changed.maxChats, 3);
    assert.equal((await api('DELETE', '/api/admin/agents/bob', { token: root })).status, 204);
    assert.equal((await one(server, 'agent deleted', { username: 'bob' })).actor, 'root');

    // Rate limits: a line when one is hit, at most one a minute per key.
    const visitor = 'Grace Visitor-Name';
    secrets.push(visitor);
    const joins = [];
    for (let i = 0; i < 6; i++) joins.push(await api('POST', '/api/queue', { body: { name: visitor } }));
    assert.deepEqual(
      joins.map((j) => j.status),
      [201, 201, 201, 429, 429, 429],
    );
    for (const j of joins.slice(0, 3)) secrets.push(j.body.queueToken);
    const limited = await one(server, 'rate limited', { limit: 'queue_join' });
    assert.match(limited.address, LOCAL);
    assert.equal(limited.level, 40);

    // One line per request at debug: method, path without the query, status, time taken.
    assert.equal((await api('GET', '/api/agent-messages?limit=5', { token: root })).status, 200);
    const req = await one(server, 'request', { method: 'GET', path: '/api/agent-messages' });
    assert.equal(req.level, 20);
    assert.equal(req.status, 200);
    assert.equal(typeof req.ms, 'number');
    assert.deepEqual(Object.keys(req).sort(), ['level', 'method', 'ms', 'msg', 'path', 'status', 'time']);
    assert.equal((await api('GET', '/healthz?probe=secret-query-value')).status, 200);
    secrets.push('secret-query-value');
    await one(server, 'request', { method: 'GET', path: '/healthz', status: 200 });
    const refusedLogins = await lines(server, 'request', { method: 'POST', path: '/api/login', status: 429 }, 3);
    assert.deepEqual(
      refusedLogins.map((l) => l.level),
      [20, 20, 20],
      'every request has its line, refused or not',
    );

    // A logged-out token is refused as revoked.
    assert.equal((await api('POST', '/api/logout', { token: root })).status, 204);
    assert.equal((await api('GET', '/api/me', { token: root })).status, 401);
    assert.equal((await one(server, 'token refused', { reason: 'revoked' })).path, '/api/me');
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const out = server.output();
  for (const l of parse(out)) assert.match(l.time, ISO, `ISO time: ${JSON.stringify(l)}`);
  for (const s of secrets) assert.ok(!out.includes(s), `the log holds ${JSON.stringify(s)}:\n${out}`);
  assert.ok(!/bearer/i.test(out), 'no Authorization header');
});

test('every 5xx answer is logged at error, with the request', async () => {
  // An SMTP server that refuses connections: the invite e-mail fails, the answer is 503.
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-ops-log-'));
  const made = spawnSync(
    process.execPath,
    [BIN, 'admin', 'create', 'root', '--name', 'Root', '--password-stdin', '--data-dir', dataDir],
    { input: PASSWORD },
  );
  assert.equal(made.status, 0, made.stderr.toString());
  const server = await spawnServer([
    '--data-dir',
    dataDir,
    '--log-level',
    'error',
    '--smtp-url',
    `smtp://127.0.0.1:${port}`,
  ]);
  const api = client(server.url);
  try {
    const root = (await api('POST', '/api/login', { body: { username: 'root', password: PASSWORD } })).body.token;
    const inv = await api('POST', '/api/admin/invites', {
      token: root,
      body: { username: 'bob', name: 'Bob B', email: 'bob@example.test' },
    });
    assert.equal(inv.status, 503);
    const failed = await one(server, 'request failed');
    assert.equal(failed.level, 50);
    assert.equal(failed.method, 'POST');
    assert.equal(failed.path, '/api/admin/invites');
    assert.equal(failed.status, 503);
    assert.equal(failed.code, 'unavailable');
    assert.match(failed.time, ISO);
    assert.equal((await one(server, 'invite e-mail could not be sent')).actor, 'root');
    assert.equal(parse(server.output()).filter((l) => l.msg === 'request').length, 0, 'no debug lines at error');
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
