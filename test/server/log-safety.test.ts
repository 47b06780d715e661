import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from '../helpers/process-server.js';

const EVIL = '\u001b]0;pwn\u0007\u001b[2J';
const SECRET_PASSWORD = 'hunter2-but-longer';
const SECRET_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.c2lnbmF0dXJl';

test('text from strangers never reaches the server log raw (no ESC or BEL bytes in its output)', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-log-'));
  const server = await spawnServer(['--data-dir', dataDir, '--log-level', 'debug']);
  try {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const join1 = await post('/api/queue', { name: `Eve${EVIL}` });
    assert.equal(join1.status, 400, 'control characters are refused in names');
    const join2 = await post('/api/queue', { name: 'Eve' });
    assert.equal(join2.status, 201);
    await post('/api/login', { username: `x${EVIL}`, password: EVIL });
    await post('/api/login', { username: 'eve', password: SECRET_PASSWORD });
    await fetch(`${server.url}/api/${encodeURIComponent(EVIL)}?token=${SECRET_TOKEN}`);
    await post('/api/chat/start', {}, 'not.a.token');
    await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${SECRET_TOKEN}` } });
    await new Promise((r) => setTimeout(r, 200));
    const out = server.output();
    assert.ok(out.includes('"level"'), 'the log was captured');
    assert.ok(!out.includes('\u001b') && !out.includes('\u0007'), 'no raw escape bytes in the log');

    // The operator's lines are there, and carry the strangers' text only escaped, never a secret.
    const lines = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    const failed = lines.filter((l) => l.msg === 'login failed');
    assert.deepEqual(
      failed.map((l) => [l.username, l.reason]),
      [
        [`x${EVIL}`.toLowerCase(), 'unknown_user'],
        ['eve', 'unknown_user'],
      ],
    );
    assert.ok(lines.some((l) => l.msg === 'request' && l.path.startsWith('/api/') && l.status === 404));
    assert.ok(lines.some((l) => l.msg === 'token refused' && l.reason === 'invalid'));
    for (const secret of [SECRET_PASSWORD, SECRET_TOKEN, 'not.a.token', EVIL])
      assert.ok(!out.includes(secret), `the log holds ${JSON.stringify(secret)}`);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
