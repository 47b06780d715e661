import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { collect, emitAck, eventually } from '../helpers/sockets.js';
import { startCli, type LiveCli } from './live-cli.js';
import { cliUser, oneLine } from './run-cli.js';

const TIME = '\\[\\d\\d:\\d\\d\\]';
/** A busy machine may take seconds to start node. */
const STARTUP = 20_000;

/** Resolves once `check` holds, polling every 20 ms, or rejects after `ms`. */
async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('visit: join, wait, get an agent, chat both ways through stdin/stdout; end of input ends the chat', async () => {
  const w = await startWorld(['alice', 'bob']);
  const user = await cliUser();
  let visit: LiveCli | undefined;
  try {
    visit = startCli(['visit', '--name', 'Grace', '--server', w.t.url], { configDir: user.configDir });
    await visit.line('stderr', /^joined the queue as Grace$/, STARTUP);
    await visit.line('stderr', /^0 people ahead · 0 agents online$/);

    const alice = await w.agentOnline('alice'); // queue:turn reaches the waiting visitor at once
    const assigned = await eventually(alice.socket, 'chat:assigned', (p: any) => p.visitor.name === 'Grace', 15_000);
    const chatId = assigned.chatId as string;
    await visit.line('stdout', /^\* chatting with Alice Agent$/);
    const atAlice = collect(alice.socket, 'chat:message');

    visit.write('Hello, my order is late\n');
    await visit.line('stdout', new RegExp(`^${TIME} Grace → Alice Agent: Hello, my order is late$`));
    await until('the message at the agent', () => atAlice.some((m) => m.body === 'Hello, my order is late'));

    const sent = await emitAck(alice.socket, 'chat:send', {
      chatId,
      body: 'Sorry! \x1b[2J\x1b]0;pwned\x07\u009b31m\u202eLet me check',
    });
    assert.equal(sent.ok, true, JSON.stringify(sent));
    const shown = await visit.line('stdout', /Alice Agent → Grace:/);
    assert.match(shown, new RegExp(`^${TIME} Alice Agent → Grace: `));
    assert.ok(shown.endsWith('Sorry! \\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\u202eLet me check'), shown);
    assert.doesNotMatch(
      visit.stdout,
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/,
      'no raw control characters reach the terminal',
    );

    // Five lines at once: over the 3 messages/s limit, yet every one arrives, in order.
    const burst = ['one', 'two', 'three', 'four', 'five'];
    visit.write(burst.map((b) => `${b}\n`).join(''));
    await until(
      'the whole burst at the agent',
      () => atAlice.filter((m) => burst.includes(m.body)).length === 5,
      15_000,
    );
    assert.deepEqual(
      atAlice.filter((m) => m.from.role === 'visitor').map((m) => m.body),
      ['Hello, my order is late', ...burst],
    );

    // A transfer: the note comes first, then who the visitor is chatting with now.
    const bob = await w.agentOnline('bob');
    assert.equal((await emitAck(alice.socket, 'chat:transfer', { chatId, to: 'bob' })).ok, true);
    await visit.line('stdout', /^\* now chatting with Bob Agent$/);
    assert.match(visit.stdout, /\* Alice Agent transferred the chat to Bob Agent\.\n\* now chatting with Bob Agent\n$/);

    const ended = eventually(bob.socket, 'chat:ended', (p: any) => p.chatId === chatId, 10_000);
    visit.endInput();
    assert.equal((await ended).by, 'visitor');
    assert.equal(await visit.exited(), 0);
    assert.match(visit.stdout, /\* you ended the chat\n$/);
    // The place is polled once more on queue:turn, just before the chat starts; nothing else on stderr.
    assert.deepEqual(visit.stderr.trimEnd().split('\n'), [
      'joined the queue as Grace',
      '0 people ahead · 0 agents online',
      '0 people ahead · 1 agent online',
    ]);
  } finally {
    visit?.kill();
    await user.remove();
    await w.close();
  }
});

test('visit --json: behind another visitor, started on queue:turn, ended by the agent', async () => {
  const w = await startWorld(['alice']);
  const user = await cliUser();
  let visit: LiveCli | undefined;
  try {
    const alice = await w.agentOnline('alice');
    const ann = await w.join('Ann'); // in front, never starts
    visit = startCli(['visit', '--name', 'Grace', '--json', '--server', w.t.url], { configDir: user.configDir });
    const event =
      (name: string, data: (d: any) => boolean = () => true) =>
      (l: string) => {
        const e = JSON.parse(l);
        return e.event === name && data(e.data);
      };
    await visit.line(
      'stdout',
      event('queue:status', (d) => d.ahead === 1 && d.agentsOnline === 1),
      STARTUP,
    );
    // Grace is next: queue:turn
    assert.equal((await w.t.api('DELETE', '/api/queue', { token: ann.queueToken })).status, 204);
    const started = JSON.parse(await visit.line('stdout', event('chat:started')));
    assert.deepEqual(started.data.agent, { name: 'Alice Agent' });
    await visit.line(
      'stdout',
      event('chat:history', (d) => d.status === 'active'),
    );

    assert.equal(
      (await emitAck(alice.socket, 'chat:send', { chatId: started.data.chatId, body: 'Hi Grace' })).ok,
      true,
    );
    await visit.line(
      'stdout',
      event('chat:message', (m) => m.body === 'Hi Grace' && m.from.role === 'agent'),
    );
    assert.equal((await emitAck(alice.socket, 'chat:end', { chatId: started.data.chatId })).ok, true);
    await visit.line(
      'stdout',
      event('chat:ended', (d) => d.by === 'agent' && d.chatId === started.data.chatId),
    );
    assert.equal(await visit.exited(), 0);

    const lines = visit.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((e) => e.event),
      [
        'queue:joined',
        'queue:status',
        'queue:status',
        'chat:started',
        'connection',
        'chat:history',
        'chat:message',
        'chat:ended',
      ],
    );
    assert.ok(lines.every((e) => Object.keys(e).join() === 'event,data,at'));
    assert.equal(visit.stderr, '');
  } finally {
    visit?.kill();
    await user.remove();
    await w.close();
  }
});

test('visit: /end while waiting leaves the queue; bad name is a usage error; no server is exit 1', async () => {
  const w = await startWorld([]);
  const user = await cliUser();
  try {
    const [left, badName, noName, unreachable] = await Promise.all([
      user.run(['visit', '--name', 'Grace', '--server', w.t.url], { input: '/end\n' }),
      user.run(['visit', '--name', 'Bad\u0007Name', '--server', w.t.url]),
      user.run(['visit', '--server', w.t.url]),
      user.run(['visit', '--name', 'Grace', '--server', 'http://127.0.0.1:9']),
    ]);
    assert.equal(left.code, 0, left.stderr);
    assert.match(left.stderr, /left the queue\n$/);
    assert.equal(badName.code, 2);
    assert.match(oneLine(badName), /\(invalid_request\)$/);
    assert.equal(noName.code, 2);
    assert.match(noName.stderr, /required option '--name <name>' not specified/);
    assert.equal(unreachable.code, 1);
    assert.match(oneLine(unreachable), /^error: cannot reach the server at http:\/\/127\.0\.0\.1:9/);
    const next = await w.t.api('POST', '/api/queue', {
      body: { name: 'Next' },
      headers: { 'x-forwarded-for': '10.9.9.9' },
    });
    assert.equal(next.body.ahead, 0, 'Grace is no longer in the queue');
  } finally {
    await user.remove();
    await w.close();
  }
});
