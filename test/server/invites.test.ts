import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';
import { parseMail, startTestSmtp } from '../helpers/smtp.js';

const PUBLIC = 'https://support.example.test';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const tokenOf = (registerUrl: string) => new URL(registerUrl).hash.replace(/^#token=/, '');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function adminToken(t: TestServer): Promise<string> {
  await t.createAdmin('root');
  return t.login('root');
}

const inviteBody = (username: string) => ({ username, name: `Agent ${username}`, email: `${username}@example.test` });

/** POST through node:http so the Host header can say something else than the address we connect to. */
function postWithHost(
  t: TestServer,
  path: string,
  host: string,
  token: string,
  body: unknown,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      t.url + path,
      {
        method: 'POST',
        headers: {
          host,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test('an invite goes out over SMTP with the public register link and CLI command; the token works once', async () => {
  const smtp = await startTestSmtp();
  const t = await startTestServer({ smtpUrl: smtp.url, publicUrl: PUBLIC });
  try {
    const admin = await adminToken(t);
    // The Host header of the admin's request must not leak into the link.
    const res = await postWithHost(t, '/api/admin/invites', 'evil.example.test', admin, inviteBody('alice'));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.username, 'alice');
    assert.equal(res.body.email, 'alice@example.test');
    assert.ok(Date.parse(res.body.expiresAt) > Date.now(), 'expiresAt lies in the future');
    assert.match(res.body.registerUrl, /^https:\/\/support\.example\.test\/register#token=[A-Za-z0-9_-]{20,}$/);
    const token = tokenOf(res.body.registerUrl);

    const [mail] = await smtp.waitFor(1);
    assert.equal(smtp.received.length, 1, 'exactly one mail');
    assert.deepEqual(mail!.to, ['alice@example.test']);
    assert.match(mail!.headers.get('to') ?? '', /alice@example\.test/);
    assert.ok(mail!.subject.length > 0, 'the mail has a subject');
    // nodemailer may wrap long lines (quoted-printable): the decoded text must hold both forms whole.
    assert.ok(mail!.text.includes(`${PUBLIC}/register#token=${token}`), `register link in:\n${mail!.text}`);
    assert.match(
      mail!.text,
      new RegExp(`switchboard register --server ${escapeRe(PUBLIC)} --token ${escapeRe(token)}(\\s|$)`),
    );
    assert.ok(
      !mail!.raw.includes('evil.example.test') && !mail!.text.includes('127.0.0.1'),
      'the link comes from --public-url only',
    );

    const first = await t.api('POST', '/api/register', { body: { token, password: PASSWORD } });
    assert.equal(first.status, 201);
    assert.deepEqual(first.body, { username: 'alice' });
    assert.ok(await t.login('alice'), 'the new agent can log in');

    const again = await t.api('POST', '/api/register', { body: { token, password: 'another long password' } });
    assert.equal(again.status, 410);
    assert.equal(again.body.error.code, 'gone');
    assert.equal(typeof again.body.error.message, 'string');

    const unknown = await t.api('POST', '/api/register', { body: { token: 'x'.repeat(43), password: PASSWORD } });
    assert.equal(unknown.status, 410, 'an unknown token is 410 too');
  } finally {
    await t.close();
    await smtp.close();
  }
});

const inviteStorage =
  'only a sha256 hash of the invite token is stored; an expired invite is 410; ' +
  'a weak password is 400 and keeps the invite';
test(inviteStorage, async () => {
  const t = await startTestServer();
  try {
    const admin = await adminToken(t);
    const inv = await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('bob') });
    assert.equal(inv.status, 201);
    const token = tokenOf(inv.body.registerUrl);
    const late = await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('carol') });
    const lateToken = tokenOf(late.body.registerUrl);

    const rows = await t.sql('SELECT * FROM invites ORDER BY username');
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.username, 'bob');
    assert.equal(rows[0]!.token_hash, sha256(token));
    assert.match(String(rows[0]!.token_hash), /^[0-9a-f]{64}$/);
    for (const row of rows)
      for (const v of Object.values(row))
        assert.ok(!String(v).includes(token) && !String(v).includes(lateToken), 'no column holds a token');
    // Not in any byte of the SQLite database, its WAL or its journal either (none with PostgreSQL).
    for (const f of readdirSync(t.dataDir).filter((n) => n.startsWith('switchboard.db'))) {
      const bytes = readFileSync(join(t.dataDir, f));
      assert.ok(!bytes.includes(token) && !bytes.includes(lateToken), `${f} holds no plain token`);
    }

    const weak = await t.api('POST', '/api/register', { body: { token, password: 'short' } });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.code, 'invalid_request');
    assert.equal(
      (await t.api('POST', '/api/register', { body: { token, password: PASSWORD } })).status,
      201,
      'a refused password does not use up the invite',
    );

    await t.sql('UPDATE invites SET expires_at = $1 WHERE username = $2', [Date.now() - 60_000, 'carol']);
    assert.equal((await t.sql('SELECT expires_at FROM invites WHERE username = $1', ['carol'])).length, 1);
    const expired = await t.api('POST', '/api/register', { body: { token: lateToken, password: PASSWORD } });
    assert.equal(expired.status, 410);
    assert.equal(expired.body.error.code, 'gone');
    const login = await t.api('POST', '/api/login', { body: { username: 'carol', password: PASSWORD } });
    assert.equal(login.status, 401, 'no account was created from the expired invite');
  } finally {
    await t.close();
  }
});

test('a pending invite or an account holds the username: 409', async () => {
  const t = await startTestServer();
  try {
    const admin = await adminToken(t);
    assert.equal((await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('dave') })).status, 201);
    const dup = await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('dave') });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, 'conflict');
    const taken = await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('root') });
    assert.equal(taken.status, 409);
  } finally {
    await t.close();
  }
});

test('without --smtp-url the invite lands in <dataDir>/outbox as a private .eml file holding the link', async () => {
  const t = await startTestServer();
  try {
    const admin = await adminToken(t);
    const res = await postWithHost(t, '/api/admin/invites', 'evil.example.test', admin, inviteBody('erin'));
    assert.equal(res.status, 201);
    // No --public-url: links use the address the server listens on, whatever the Host header said.
    assert.ok(res.body.registerUrl.startsWith(`${t.url}/register#token=`), res.body.registerUrl);
    const token = tokenOf(res.body.registerUrl);

    const outbox = join(t.dataDir, 'outbox');
    assert.ok(existsSync(outbox), 'outbox folder exists');
    const files = readdirSync(outbox);
    assert.equal(files.length, 1, files.join(', '));
    assert.match(files[0]!, /\.eml$/);
    const file = join(outbox, files[0]!);
    assert.equal(statSync(file).mode & 0o777, 0o600, 'the mail file is readable by the server user only');
    assert.equal(statSync(outbox).mode & 0o077, 0, 'the outbox folder is not open to others');

    const mail = parseMail(readFileSync(file, 'utf8'));
    assert.match(mail.headers.get('to') ?? '', /erin@example\.test/);
    assert.ok(mail.text.includes(`${t.url}/register#token=${token}`), mail.text);
    assert.ok(mail.text.includes(`switchboard register --server ${t.url} --token ${token}`), mail.text);
    assert.ok(!mail.raw.includes('evil.example.test'));

    assert.equal((await t.api('POST', '/api/register', { body: { token, password: PASSWORD } })).status, 201);
  } finally {
    await t.close();
  }
});

test('an unreachable SMTP server: the admin gets a clear error and the server keeps running', async () => {
  const port = await closedPort();
  const t = await startTestServer({ smtpUrl: `smtp://mailer:s3cret-pass@127.0.0.1:${port}`, publicUrl: PUBLIC });
  try {
    const admin = await adminToken(t);
    const started = Date.now();
    const res = await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('frank') });
    assert.ok(Date.now() - started < 15_000, 'the answer does not hang');
    assert.equal(res.status, 503, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'unavailable');
    const message: string = res.body.error.message;
    assert.match(message, /e-mail could not be sent/i);
    assert.match(message, new RegExp(`SMTP server 127\\.0\\.0\\.1:${port} refused the connection`));
    assert.ok(!message.includes('s3cret-pass'), 'the SMTP password never shows in the answer');

    assert.equal((await t.api('GET', '/healthz')).status, 200, 'server still up');
    assert.equal((await t.api('GET', '/api/admin/agents', { token: admin })).status, 200, 'API still answers');
  } finally {
    await t.close();
  }
});

test('after a failed e-mail the admin can invite the same username again', async () => {
  const port = await closedPort();
  const t = await startTestServer({ smtpUrl: `smtp://127.0.0.1:${port}`, publicUrl: PUBLIC });
  try {
    const admin = await adminToken(t);
    assert.equal((await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('gina') })).status, 503);
    const retry = await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('gina') });
    assert.equal(retry.status, 503, 'the unsent invite must not block the username (409)');
  } finally {
    await t.close();
  }
});

test('an SMTP server that never greets: the invite answers 503 within the configured timeout', async () => {
  const sockets = new Set<Socket>();
  const silent = createServer((s) => sockets.add(s)); // accepts, then says nothing
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as { port: number }).port;
  // Timeouts may be tuned in the URL's query string; the default waits at most 10 s for the greeting.
  const t = await startTestServer({ smtpUrl: `smtp://127.0.0.1:${port}?greetingTimeout=300`, publicUrl: PUBLIC });
  try {
    const admin = await adminToken(t);
    const started = Date.now();
    const res = await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('hugo') });
    assert.ok(Date.now() - started < 5000, `answered after ${Date.now() - started} ms`);
    assert.equal(res.status, 503);
    assert.match(res.body.error.message, new RegExp(`SMTP server 127\\.0\\.0\\.1:${port} did not answer in time`));
    assert.equal((await t.api('GET', '/healthz')).status, 200);
  } finally {
    await t.close();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
  }
});

test('pending invites are listed, resent with a new link (the old one dies, a new e-mail) and revoked', async () => {
  const smtp = await startTestSmtp();
  const t = await startTestServer({ smtpUrl: smtp.url, publicUrl: PUBLIC });
  try {
    const admin = await adminToken(t);
    await t.createAgent(admin, 'zed');
    const agent = await t.login('zed');
    const first = await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('dora') });
    await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('eve') });
    await smtp.waitFor(3);

    const listed = await t.api('GET', '/api/admin/invites', { token: admin });
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.invites.map((i: any) => [i.username, i.name, i.email, i.invitedBy]),
      [
        ['dora', 'Agent dora', 'dora@example.test', 'root'],
        ['eve', 'Agent eve', 'eve@example.test', 'root'],
      ],
      'zed registered: only the pending ones',
    );
    assert.ok(listed.body.invites.every((i: any) => Date.parse(i.expiresAt) > Date.parse(i.createdAt)));
    assert.equal((await t.api('GET', '/api/admin/invites', { token: agent })).status, 403);

    const resent = await t.api('POST', '/api/admin/invites/dora/resend', { token: admin });
    assert.equal(resent.status, 201, JSON.stringify(resent.body));
    const [, , , mail] = await smtp.waitFor(4);
    assert.ok(mail!.text.includes(resent.body.registerUrl), 'the new link went out by e-mail');
    const old = await t.api('POST', '/api/register', {
      body: { token: tokenOf(first.body.registerUrl), password: PASSWORD },
    });
    assert.equal(old.status, 410, 'the old link is dead');
    const fresh = await t.api('POST', '/api/register', {
      body: { token: tokenOf(resent.body.registerUrl), password: PASSWORD },
    });
    assert.equal(fresh.status, 201);

    assert.equal((await t.api('DELETE', '/api/admin/invites/eve', { token: admin })).status, 204);
    assert.equal((await t.api('DELETE', '/api/admin/invites/eve', { token: admin })).status, 404);
    assert.equal((await t.api('POST', '/api/admin/invites/eve/resend', { token: admin })).status, 404);
    assert.equal(
      (await t.api('POST', '/api/admin/invites/dora/resend', { token: admin })).status,
      404,
      'dora registered',
    );
    assert.deepEqual((await t.api('GET', '/api/admin/invites', { token: admin })).body.invites, []);
    const again = await t.api('POST', '/api/admin/invites', { token: admin, body: inviteBody('eve') });
    assert.equal(again.status, 201, 'a revoked invite frees the username at once');
    assert.equal((await t.api('DELETE', '/api/admin/invites/Not%20A%20Name', { token: admin })).status, 400);
  } finally {
    await t.close();
    await smtp.close();
  }
});
