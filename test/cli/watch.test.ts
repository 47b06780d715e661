import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { PASSWORD } from '../helpers/server.js';
import { ISO_UTC } from '../helpers/staff.js';
import { emitAck } from '../helpers/sockets.js';
import { startCli } from './live-cli.js';
import { cliUser, oneLine } from './run-cli.js';

const parse = (line: string) => JSON.parse(line) as { event: string; data: any; at: string };
const isEvent =
  (event: string, data: (d: any) => boolean = () => true) =>
  (line: string) => {
    const e = parse(line);
    return e.event === event && data(e.data);
  };

const watchPrints =
  'watch prints JSON lines for an assignment and a message, and watching does not make the agent routable';
test(watchPrints, async () => {
  const w = await startWorld(['alice']);
  const alice = await cliUser();
  const watchers: ReturnType<typeof startCli>[] = [];
  try {
    const login = await alice.run(['login', '--server', w.t.url, '--username', 'alice', '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(login.code, 0, login.stderr);
    const all = startCli(['watch'], { configDir: alice.configDir });
    const onlyMessages = startCli(['watch', '--events', 'chat:message,connection'], { configDir: alice.configDir });
    watchers.push(all, onlyMessages);
    const STARTUP = 20_000; // a busy machine may take seconds to start node
    await all.line(
      'stdout',
      isEvent('connection', (d) => d.connected === true),
      STARTUP,
    );
    await all.line(
      'stdout',
      isEvent('chats:open', (d) => Array.isArray(d.chats) && d.chats.length === 0),
    );
    await onlyMessages.line(
      'stdout',
      isEvent('connection', (d) => d.connected === true),
      STARTUP,
    );

    // Alice is online and watching, but a passive connection is not a live one: nobody can reach her.
    const grace = await w.join('Grace');
    assert.deepEqual((await w.status(grace)).body, { ahead: 0, agentsOnline: 0, estimatedWaitSeconds: null });
    const refused = await w.start(grace);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'no_agent_available');

    const agent = await w.agentOnline('alice'); // a real, routable connection
    const started = await w.startAndConnect(grace);
    const assigned = parse(await all.line('stdout', isEvent('chat:assigned')));
    assert.deepEqual(
      [assigned.data.chatId, assigned.data.visitor.name, assigned.data.visitor.previousChats, assigned.data.reason],
      [started.chatId, 'Grace', 0, 'new'],
    );
    assert.match(assigned.at, ISO_UTC);

    assert.equal((await emitAck(started.socket!, 'chat:send', { body: 'hi \x1b[31mthere\u009b' })).ok, true);
    const message = parse(await all.line('stdout', isEvent('chat:message')));
    assert.deepEqual(
      [message.data.chatId, message.data.from.name, message.data.body],
      [started.chatId, 'Grace', 'hi \x1b[31mthere\u009b'],
    );
    assert.doesNotMatch(all.stdout, /[\u001b\u009b]/, 'control characters are escaped in the JSON text');
    await onlyMessages.line('stdout', isEvent('chat:message'));
    assert.equal((await emitAck(agent.socket, 'chat:end', { chatId: started.chatId })).ok, true);
    await all.line(
      'stdout',
      isEvent('chat:ended', (d) => d.by === 'agent'),
    );

    all.child.kill('SIGINT');
    onlyMessages.child.kill('SIGTERM');
    assert.equal(await all.exited(), 0);
    assert.equal(await onlyMessages.exited(), 0);
    assert.equal(all.stderr, '');
    const lines = all.stdout.split('\n');
    assert.equal(lines.pop(), '', 'every line is complete');
    for (const l of lines) {
      const e = parse(l);
      assert.deepEqual(Object.keys(e), ['event', 'data', 'at']);
    }
    assert.deepEqual(
      onlyMessages.stdout
        .trimEnd()
        .split('\n')
        .map((l) => parse(l).event),
      ['connection', 'chat:message'],
    );
  } finally {
    for (const c of watchers) c.kill();
    await alice.remove();
    await w.close();
  }
});

test('watch: unknown --events is a usage error; no login or a refused token is exit 1 with one line', async () => {
  const w = await startWorld([]);
  const user = await cliUser();
  try {
    const [bad, notLoggedIn, badToken] = await Promise.all([
      user.run(['watch', '--server', w.t.url, '--events', 'chat:message,chat:mesage']),
      user.run(['watch']),
      user.run(['watch', '--server', w.t.url], { env: { SWITCHBOARD_TOKEN: 'not-a-token' } }),
    ]);
    assert.equal(bad.code, 2);
    assert.match(oneLine(bad), /^error: unknown event "chat:mesage" \(known: chats:open, .*connection\)$/);
    assert.equal(notLoggedIn.code, 1);
    assert.equal(oneLine(notLoggedIn), 'error: not logged in: run switchboard login');
    assert.equal(badToken.code, 1);
    assert.equal(oneLine(badToken), `error: ${w.t.url} refused the token (unauthorized): run switchboard login`);
  } finally {
    await user.remove();
    await w.close();
  }
});
