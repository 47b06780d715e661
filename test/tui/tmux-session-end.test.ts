import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTokenService, LIFETIME_SECONDS, loadOrCreateSecret } from '../../server/security/tokens.js';
import { startWorld, type World } from '../helpers/chat.js';
import { builtApp, hasTmux, Terminal } from './helpers/tmux.js';

/**
 * A session the server ends while the TUI runs (account deleted, logged out elsewhere, token
 * expired): the TUI says so and shows the login screen, forgetting the token.
 */
describe('the TUI when the server ends its session (tmux)', { skip: !hasTmux && 'tmux is not installed' }, () => {
  let world: World;
  const terminals: Terminal[] = [];
  const dirs: string[] = [];

  before(async () => {
    assert.ok(builtApp(), 'run `npm run build` first (the test runs the built bin/switchboard.js)');
    world = await startWorld(['alice', 'bob', 'carol']);
  });

  after(async () => {
    for (const t of terminals) t.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await world?.close();
  });

  const open = (o: { configDir?: string } = {}) => {
    const t = new Terminal({ server: world.t.url, columns: 80, rows: 24, ...o });
    terminals.push(t);
    return t;
  };

  const loginScreenSaying = (t: Terminal, text: RegExp) =>
    t.waitScreen((s) => s.includes('agent login') && text.test(s.replace(/[│\s]+/g, ' ')));

  it('the account is deleted by an admin: "your session ended" and the login screen', async () => {
    const t = open();
    await t.logIn('bob');
    const res = await world.t.api('DELETE', '/api/admin/agents/bob', { token: world.adminToken });
    assert.equal(res.status, 204);
    const s = await loginScreenSaying(t, /Your session ended \(.*account was removed.*\)/);
    assert.ok(!s.includes('reconnecting'));
    assert.equal(t.readConfig().token, undefined, 'the token is forgotten');
    assert.equal(t.readConfig().username, 'bob', 'the username stays for the next login');
  });

  it('logged out elsewhere (the same token): the same, and the app stays usable', async () => {
    const t = open();
    await t.logIn('alice');
    const token = t.readConfig().token!;
    const res = await world.t.api('POST', '/api/logout', { token });
    assert.equal(res.status, 204);
    await loginScreenSaying(t, /Your session ended \(.*logged out.*\)/);
    t.type('correct horse battery');
    t.keys('Enter');
    await t.waitScreen((s) => s.includes('Waiting for visitors') && s.includes('● connected'));
  });

  it('logging out in the app itself (^Q l) says so, not "your session ended"', async () => {
    const t = terminals[1]!;
    t.keys('C-q');
    await t.waitScreen('l log out');
    t.type('l');
    const s = await loginScreenSaying(t, /Logged out\. Your open chats went back to the queue\./);
    assert.ok(!s.includes('Your session ended'));
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok(!t.screen().includes('Your session ended'), 'a late answer does not change the message');
  });

  it('the token expires: auth:expired, then "your session ended (it expired)"', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'switchboard-tui-'));
    dirs.push(configDir);
    // A real token of the server's, signed as if issued long ago: it expires 10 s from now.
    const secret = loadOrCreateSecret(world.t.dataDir);
    const early = () => Date.now() - (LIFETIME_SECONDS.staff - 10) * 1000;
    const signed = await createTokenService(secret, early).sign('staff', {
      sub: 'carol',
      name: 'Carol Agent',
      role: 'agent',
    });
    await world.t.server.deps.store.createSession({
      jti: signed.jti,
      username: 'carol',
      createdAt: Date.now(),
      expiresAt: signed.exp,
    });
    Terminal.writeConfig(configDir, { server: world.t.url, username: 'carol', token: signed.token });
    const t = open({ configDir });
    await t.waitScreen('Carol Agent (carol)');
    await loginScreenSaying(t, /Your session ended \(it expired\)/);
    assert.equal(t.readConfig().token, undefined);
  });
});
