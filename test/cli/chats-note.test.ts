import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld, type Visitor, type World } from '../helpers/chat.js';
import { PASSWORD } from '../helpers/server.js';
import { collect, emitAck, eventually } from '../helpers/sockets.js';
import { cliUser, json, oneLine, type CliUser } from './run-cli.js';

describe('switchboard chats note', () => {
  let w: World;
  let alice: CliUser;
  let bob: CliUser;
  let grace: Visitor & { history: any };
  let chatId: string;
  before(async () => {
    w = await startWorld(['alice', 'bob']);
    [alice, bob] = await Promise.all([cliUser(), cliUser()]);
    for (const [user, name] of [
      [alice, 'alice'],
      [bob, 'bob'],
    ] as const) {
      const r = await user.run(['login', '--server', w.t.url, '--username', name, '--password-stdin'], {
        input: PASSWORD,
      });
      assert.equal(r.code, 0, r.stderr);
    }
    await w.agentOnline('alice');
    grace = await w.startAndConnect(await w.join('Grace'));
    chatId = grace.chatId!;
  });
  after(async () => {
    await Promise.all([alice.remove(), bob.remove()]);
    await w.close();
  });

  test('note: words or stdin; --json is the message; show marks it [note]; the visitor never sees it', async () => {
    const visitorSaw = collect(grace.socket!, 'chat:message');
    await emitAck(grace.socket!, 'chat:send', { body: 'Where is my parcel?' });
    const added = await alice.run(['chats', 'note', chatId, 'Parcel', 'lost,', 'refund', 'her']);
    assert.equal(added.code, 0, added.stderr);
    assert.match(
      added.stdout,
      /^note added at \d{4}-\d\d-\d\d \d\d:\d\d \(agents only; the visitor does not see it\)\n$/,
    );

    const fromStdin = await alice.run(['chats', 'note', chatId, '-', '--json'], { input: 'line one\nline two\n' });
    assert.equal(fromStdin.code, 0, fromStdin.stderr);
    const { message } = json(fromStdin);
    assert.deepEqual(
      [message.body, message.internal, message.from.username, message.seq],
      ['line one\nline two', true, 'alice', 3],
    );

    const sent = await alice.run(['chats', 'send', chatId, 'Checking!']);
    assert.equal(sent.code, 0, sent.stderr);
    const shown = await alice.run(['chats', 'show', chatId]);
    assert.equal(shown.code, 0, shown.stderr);
    const transcript = shown.stdout
      .trimEnd()
      .split('\n')
      .filter((l) => /^\d{4}-/.test(l) || l.startsWith(' '.repeat(18)))
      .map((l) => l.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d {2}/, ''));
    assert.deepEqual(transcript.slice(-5), [
      'Grace → Alice Agent: Where is my parcel?',
      '[note] Alice Agent: Parcel lost, refund her',
      '[note] Alice Agent: line one',
      `${' '.repeat(18)}line two`,
      'Alice Agent → Grace: Checking!',
    ]);
    await eventually(grace.socket!, 'chat:message', (m) => m.body === 'Checking!');
    // (A sender does not get its own message back live.)
    assert.deepEqual(
      visitorSaw.map((m) => m.body),
      ['Checking!'],
    );
  });

  test('errors: not your chat is exit 1 (forbidden); no text, empty stdin or a too long note exit 2', async () => {
    const [notTheirs, noText, emptyStdin, tooLong] = await Promise.all([
      bob.run(['chats', 'note', chatId, 'sneaky']),
      alice.run(['chats', 'note', chatId]),
      alice.run(['chats', 'note', chatId, '-'], { input: '  \n' }),
      alice.run(['chats', 'note', chatId, '-'], { input: 'x'.repeat(4001) }),
    ]);
    assert.equal(notTheirs.code, 1);
    assert.match(oneLine(notTheirs), /^error: .+ \(forbidden\)$/);
    assert.equal(noText.code, 2);
    assert.match(noText.stderr, /missing required argument 'text'/);
    assert.equal(emptyStdin.code, 2);
    assert.equal(tooLong.code, 2, 'the server refused it as invalid input');
    assert.match(oneLine(tooLong), /at most 4000 characters/);
  });
});
