import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';
import { cliUser, oneLine, runCli, type CliUser } from './run-cli.js';

/** Messages of the CLI (and the API behind it) are written for people. */
describe('what the CLI says', () => {
  let t: TestServer;
  let admin: CliUser;
  before(async () => {
    t = await startTestServer({ loginAttempts: 1 });
    await t.createAdmin('root', PASSWORD, 'Root Admin');
    admin = await cliUser();
    const r = await admin.run(['login', '--server', t.url, '--username', 'ROOT', '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^logged in as root /);
  });
  after(async () => {
    await admin.remove();
    await t.close();
  });

  test('a rate limit says once when to try again', async () => {
    const user = await cliUser();
    try {
      const login = (input: string) =>
        user.run(['login', '--server', t.url, '--username', 'nobody', '--password-stdin'], { input });
      assert.equal((await login('wrong password')).code, 1);
      const limited = await login('wrong password');
      assert.equal(limited.code, 1);
      const line = oneLine(limited);
      assert.match(line, /^error: Too many failed logins; try again in \d+ s\. \(rate_limited\)$/);
      assert.equal(line.match(/try again/gi)?.length, 1, line);
    } finally {
      await user.remove();
    }
  });

  test('validation errors are sentences about the field, not zod’s wording', async () => {
    const tooMany = await admin.run(['agents', 'set-max-chats', 'root', '1000']);
    assert.equal(tooMany.code, 2);
    assert.equal(oneLine(tooMany), 'error: maxChats must be at most 100 (invalid_request)');

    const message = async (method: string, path: string, body: unknown, token?: string) =>
      (await t.api(method, path, { body, token })).body.error.message;
    const root = await t.login('root');
    assert.equal(await message('POST', '/api/login', {}), 'username is required');
    assert.equal(await message('POST', '/api/login', { username: 'root' }), 'password is required');
    assert.equal(await message('POST', '/api/login', { username: 7, password: 'x' }), 'username must be text');
    assert.equal(await message('POST', '/api/login', [1]), 'the request must be a JSON object');
    assert.equal(
      await message('POST', '/api/register', { token: 'x', password: 'short' }),
      'password must be at least 10 characters',
    );
    assert.equal(
      await message('PUT', '/api/me/status', { status: 'away' }, root),
      'status must be one of: online, offline',
    );
    assert.equal(
      await message('PATCH', '/api/admin/agents/root', { maxChats: 1.5 }, root),
      'maxChats must be a whole number',
    );
    assert.equal(await message('PATCH', '/api/admin/agents/root', { colour: 'red' }, root), 'unknown field: colour');
    assert.equal(
      await message('POST', '/api/admin/invites', { username: 'bob', name: '', email: 'bob@example.test' }, root),
      'name must not be empty',
    );
  });

  test('usernames are lowercased as the TUI does', async () => {
    const invited = await admin.run([
      'agents',
      'invite',
      ' Carol ',
      '--name',
      'Carol C',
      '--email',
      'carol@example.test',
    ]);
    assert.equal(invited.code, 0, invited.stderr);
    assert.match(invited.stdout, /^invited carol <carol@example\.test>/);
    const set = await admin.run(['agents', 'set-max-chats', 'ROOT', '4']);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /^root may now hold 4 open chats/);
  });

  test('a usage error is one line and a pointer to --help', async () => {
    for (const [args, line] of [
      [['agents'], 'error: missing command: agents invite|invites|revoke|resend|list|delete|set-max-chats'],
      [['admin'], 'error: missing command: admin create|delete|list'],
      [['agents', 'frobnicate'], "error: unknown command 'frobnicate'"],
      [['admin', 'delete'], "error: missing required argument 'username'"],
    ] as const) {
      const r = await runCli([...args], { configDir: admin.configDir });
      assert.equal(r.code, 2, JSON.stringify(r));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `${line}\n(add --help for usage)\n`);
    }
  });
});
