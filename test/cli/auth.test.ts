import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { PASSWORD, startTestServer, type TestServer } from '../helpers/server.js';
import { cliUser, json, oneLine, runCli, type CliUser } from './run-cli.js';

/** A port where nothing listens. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

describe('switchboard login / whoami / status / logout', () => {
  let t: TestServer;
  let admin: CliUser;
  before(async () => {
    t = await startTestServer();
    await t.createAdmin('root', PASSWORD, 'Root Admin');
    admin = await cliUser();
  });
  after(async () => {
    await admin.remove();
    await t.close();
  });

  test('--help lists the staff commands and every command has its own help', async () => {
    const top = await runCli(['--help'], { configDir: admin.configDir });
    assert.equal(top.code, 0);
    for (const cmd of ['login', 'logout', 'whoami', 'status', 'register', 'agents', 'messages'])
      assert.match(top.stdout, new RegExp(`\\n  ${cmd}\\b`));
    const helps = await Promise.all(
      [['login'], ['agents', 'delete'], ['messages', 'list']].map((c) =>
        runCli([...c, '--help'], { configDir: admin.configDir }),
      ),
    );
    for (const h of helps) {
      assert.equal(h.code, 0);
      assert.match(h.stdout, /--server <url>/);
    }
    assert.match(helps[0]!.stdout, /--password-stdin/);
    assert.match(helps[1]!.stdout, /--yes/);
  });

  test('without a login every staff command says so, exit 1', async () => {
    const r = await admin.run(['whoami']);
    assert.equal(r.code, 1);
    assert.equal(oneLine(r), 'error: not logged in: run switchboard login');
    assert.equal(r.stdout, '');
  });

  test('wrong password: one line from the server, exit 1, nothing remembered', async () => {
    const r = await admin.run(['login', '--server', t.url, '--username', 'root', '--password-stdin'], {
      input: 'not the password\n',
    });
    assert.equal(r.code, 1);
    assert.equal(oneLine(r), 'error: Wrong username or password. (unauthorized)');
    const whoami = await admin.run(['whoami']);
    assert.equal(whoami.code, 1);
  });

  const usageErrors =
    'usage errors exit 2: missing username off a terminal, password with no terminal, bad URL, bad status';
  test(usageErrors, async () => {
    const [noUser, noTty, badUrl, badStatus] = await Promise.all([
      admin.run(['login', '--server', t.url, '--password-stdin'], { input: PASSWORD }),
      admin.run(['login', '--server', t.url, '--username', 'root']),
      admin.run(['login', '--server', 'ftp://x', '--username', 'root', '--password-stdin'], { input: PASSWORD }),
      admin.run(['status', 'away']),
    ]);
    assert.equal(noUser.code, 2);
    assert.match(oneLine(noUser), /^error: give --username/);
    assert.equal(noTty.code, 2);
    assert.equal(oneLine(noTty), 'error: no terminal to ask for the password: use --password-stdin');
    assert.equal(badUrl.code, 2);
    assert.match(oneLine(badUrl), /^error: invalid server URL "ftp:\/\/x"/);
    assert.equal(badStatus.code, 2);
    assert.match(badStatus.stderr, /Allowed choices are online, offline/);
  });

  test('a server that is not running: one clear line, exit 1', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const r = await admin.run(['login', '--server', url, '--username', 'root', '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(r.code, 1);
    assert.match(oneLine(r), new RegExp(`^error: cannot reach the server at ${url} \\(ECONNREFUSED\\)`));
  });

  const loginRemembers =
    'login remembers server, username and token in a 0600 file without the password; the token is reused';
  test(loginRemembers, async () => {
    const r = await admin.run(['login', '--server', `${t.url}/`, '--username', 'Root', '--password-stdin', '--json'], {
      input: `${PASSWORD}\n`,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const data = json(r);
    assert.deepEqual(data.user, { username: 'root', name: 'Root Admin', role: 'admin' });
    assert.equal(data.server, t.url);
    assert.equal(data.token, undefined, 'the token is not printed');

    const cfg = await admin.config();
    assert.equal(cfg.mode, 0o600);
    assert.equal(cfg.json.server, t.url);
    assert.equal(cfg.json.username, 'root');
    assert.equal(typeof cfg.json.token, 'string');
    assert.ok(!cfg.raw.includes(PASSWORD), 'the password is never stored');

    // Another invocation, no --server: the remembered server and token are used.
    const me = await admin.run(['whoami', '--json']);
    assert.equal(me.code, 0, me.stderr);
    assert.deepEqual(json(me), {
      username: 'root',
      name: 'Root Admin',
      role: 'admin',
      status: 'online',
      maxChats: 5,
      openChats: 0,
      server: t.url,
    });
    const human = await admin.run(['whoami']);
    assert.equal(human.stdout, `root (Root Admin), admin on ${t.url}: online, 0/5 open chats\n`);
  });

  test('status offline/online changes what the server reports', async () => {
    const off = await admin.run(['status', 'offline']);
    assert.equal(off.code, 0, off.stderr);
    assert.match(off.stdout, /you are offline/);
    assert.equal(json(await admin.run(['whoami', '--json'])).status, 'offline');
    const on = await admin.run(['status', 'online', '--json']);
    assert.deepEqual(json(on), { status: 'online' });
    assert.equal(json(await admin.run(['whoami', '--json'])).status, 'online');
  });

  test('the remembered token is never sent to another server', async () => {
    const other = `http://127.0.0.1:${await closedPort()}`;
    const r = await admin.run(['whoami', '--server', other]);
    assert.equal(r.code, 1);
    assert.equal(oneLine(r), `error: not logged in to ${other}: run switchboard login --server ${other}`);
  });

  test('SWITCHBOARD_TOKEN and SWITCHBOARD_SERVER serve scripts with no config', async () => {
    const printed = await admin.run(
      ['login', '--server', t.url, '--username', 'root', '--password-stdin', '--print-token'],
      { input: PASSWORD },
    );
    assert.equal(printed.code, 0, printed.stderr);
    const token = printed.stdout.trim();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const script = await cliUser();
    try {
      const r = await script.run(['whoami', '--json'], {
        env: { SWITCHBOARD_SERVER: t.url, SWITCHBOARD_TOKEN: token },
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(json(r).username, 'root');
    } finally {
      await script.remove();
    }
  });

  const logoutEnds =
    'logout ends the session: the token is forgotten, the next command fails, a second logout is quiet';
  test(logoutEnds, async () => {
    const { token } = (await admin.config()).json as { token: string };
    const r = await admin.run(['logout']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `logged out root from ${t.url}; you are offline\n`);
    const cfg = await admin.config();
    assert.equal(cfg.json.token, undefined);
    assert.equal(cfg.json.server, t.url, 'the server is kept for the next login');
    assert.equal(cfg.mode, 0o600);

    const me = await admin.run(['whoami']);
    assert.equal(me.code, 1);
    assert.equal(oneLine(me), 'error: not logged in: run switchboard login');
    // The old token is revoked on the server, not only forgotten here.
    assert.equal((await t.api('GET', '/api/me', { token })).status, 401);

    const again = await admin.run(['logout', '--json']);
    assert.equal(again.code, 0);
    assert.equal(json(again).loggedOut, false);
  });

  test('a token revoked on the server: exit 1 with the remedy', async () => {
    const login = await admin.run(['login', '--username', 'root', '--password-stdin'], { input: PASSWORD });
    assert.equal(login.code, 0, login.stderr);
    const { token } = (await admin.config()).json as { token: string };
    assert.equal((await t.api('POST', '/api/logout', { token })).status, 204);
    const r = await admin.run(['agents', 'list']);
    assert.equal(r.code, 1);
    assert.equal(
      oneLine(r),
      'error: Missing, invalid, expired or revoked token. Run: switchboard login (unauthorized)',
    );
    const out = await admin.run(['logout']);
    assert.equal(out.code, 0, 'logging out of an ended session succeeds');
    assert.equal((await admin.config()).json.token, undefined);
  });
});
