import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld, type Visitor, type World } from '../helpers/chat.js';
import { PASSWORD } from '../helpers/server.js';
import { emitAck, eventually, nextEvent } from '../helpers/sockets.js';
import { cliUser, json, oneLine, type CliUser } from './run-cli.js';

/**
 * A body a visitor could send to take over an agent's terminal: clear screen, set title, CSI in C1
 * form, bidi override.
 */
const HOSTILE = 'hi \x1b[2J\x1b]0;pwned\x07 \u009b31m \u202eevil';
const NEUTRALISED = 'hi \\u001b[2J\\u001b]0;pwned\\u0007 \\u009b31m \\u202eevil';
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

describe('switchboard chats list / show / send / end / transfer', () => {
  let w: World;
  let alice: CliUser;
  let bob: CliUser;
  let nobody: CliUser;
  let grace: Visitor & { history: any };
  let chatId: string;
  before(async () => {
    w = await startWorld(['alice', 'bob']);
    [alice, bob, nobody] = await Promise.all([cliUser(), cliUser(), cliUser()]);
    for (const [user, name] of [
      [alice, 'alice'],
      [bob, 'bob'],
    ] as const) {
      const r = await user.run(['login', '--server', w.t.url, '--username', name, '--password-stdin'], {
        input: PASSWORD,
      });
      assert.equal(r.code, 0, r.stderr);
    }
    await w.agentOnline('alice'); // only Alice is routable when Grace starts
    grace = await w.startAndConnect(await w.join('Grace'));
    chatId = grace.chatId!;
    assert.equal(grace.history.agent.name, 'Alice Agent');
  });
  after(async () => {
    await Promise.all([alice.remove(), bob.remove(), nobody.remove()]);
    await w.close();
  });

  test('list: a table of open chats, then --json with counts and the last message', async () => {
    const empty = await alice.run(['chats', 'list']);
    assert.equal(empty.code, 0, empty.stderr);
    const rows = empty.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(/\s{2,}/));
    assert.deepEqual(rows[0], ['CHAT', 'VISITOR', 'STARTED', 'MESSAGES', 'LAST MESSAGE']);
    assert.equal(rows.length, 2);
    assert.deepEqual([rows[1]![0], rows[1]![1], rows[1]![3], rows[1]![4]], [chatId, 'Grace', '0', '-']);
    assert.match(rows[1]![2]!, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);

    assert.equal((await emitAck(grace.socket!, 'chat:send', { body: HOSTILE })).ok, true);
    const [table, asJson, bobs] = await Promise.all([
      alice.run(['chats', 'list']),
      alice.run(['chats', 'list', '--json']),
      bob.run(['chats', 'list']),
    ]);
    assert.deepEqual(
      table.stdout
        .trimEnd()
        .split('\n')[1]!
        .split(/\s{2,}/)
        .slice(3),
      ['1', 'just now'],
    );
    const [chat] = json(asJson).chats;
    assert.deepEqual(
      [chat.chatId, chat.visitor.name, chat.messages, chat.lastMessage.body],
      [chatId, 'Grace', 1, HOSTILE],
    );
    assert.equal(bobs.stdout, 'no open chats\n');
  });

  test('show: the transcript with time, sender → receiver, neutralised controls; --json is the chat', async () => {
    const shown = await alice.run(['chats', 'show', chatId]);
    assert.equal(shown.code, 0, shown.stderr);
    const lines = shown.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, new RegExp(`^chat ${chatId} with Grace, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`));
    // The visitor's context (indented lines), then the transcript.
    const first = lines.slice(1).find((l) => !l.startsWith('  '))!;
    assert.match(first, /^\d{4}-\d\d-\d\d \d\d:\d\d {2}Grace → Alice Agent: /);
    assert.ok(first.endsWith(NEUTRALISED), first);
    assert.doesNotMatch(shown.stdout, RAW_CONTROL);

    const detail = json(await alice.run(['chats', 'show', chatId, '--json']));
    assert.deepEqual([detail.chatId, detail.status, detail.agent.username], [chatId, 'active', 'alice']);
    assert.equal(detail.transcript[0].body, HOSTILE);
  });

  test('send: words, or standard input with -; the visitor receives them', async () => {
    const atGrace = nextEvent(grace.socket!, 'chat:message', 20_000);
    const sent = await alice.run(['chats', 'send', chatId, 'Hello', 'Grace,', 'how', 'can', 'I', 'help?']);
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(sent.stdout, /^sent to Grace at \d{4}-\d\d-\d\d \d\d:\d\d\n$/);
    assert.equal((await atGrace).body, 'Hello Grace, how can I help?');

    const fromStdin = await alice.run(['chats', 'send', chatId, '-', '--json'], { input: 'line one\nline two\n' });
    assert.equal(fromStdin.code, 0, fromStdin.stderr);
    const { message } = json(fromStdin);
    assert.deepEqual(
      [message.body, message.from.username, message.to.name, message.seq],
      ['line one\nline two', 'alice', 'Grace', 3],
    );

    const shown = await alice.run(['chats', 'show', chatId]);
    assert.match(shown.stdout, /Alice Agent → Grace: line one\n {18}line two\n$/, 'continuation lines are indented');
  });

  test('errors: not found / forbidden / not logged in are exit 1 with one line; bad arguments exit 2', async () => {
    const [missing, notTheirs, notTheirsShow, loggedOut, noText, emptyStdin, blank, noAgent, extra] = await Promise.all(
      [
        alice.run(['chats', 'show', 'no-such-chat']),
        bob.run(['chats', 'send', chatId, 'let me in']),
        bob.run(['chats', 'show', chatId, '--json']),
        nobody.run(['chats', 'list']),
        alice.run(['chats', 'send', chatId]),
        alice.run(['chats', 'send', chatId, '-'], { input: '' }),
        alice.run(['chats', 'send', chatId, '   ']),
        alice.run(['chats', 'transfer', chatId]),
        alice.run(['chats', 'end', chatId, 'now']),
      ],
    );
    assert.equal(missing.code, 1);
    assert.match(oneLine(missing), /^error: .+ \(not_found\)$/);
    assert.equal(notTheirs.code, 1);
    assert.match(oneLine(notTheirs), /^error: .+ \(forbidden\)$/);
    assert.equal(notTheirsShow.code, 1);
    assert.equal(notTheirsShow.stdout, '', 'nothing on stdout for a failure, even with --json');
    assert.equal(loggedOut.code, 1);
    assert.equal(oneLine(loggedOut), 'error: not logged in: run switchboard login');
    for (const r of [noText, emptyStdin, blank, noAgent, extra]) assert.equal(r.code, 2, JSON.stringify(r));
    assert.match(noText.stderr, /missing required argument 'text'/);
    assert.equal(oneLine(emptyStdin), 'error: empty message: give the text, or - to read it from standard input');
    assert.match(noAgent.stderr, /missing required argument 'agent'/);
    assert.match(extra.stderr, /too many arguments/);
  });

  test('transfer to another agent, then that agent ends the chat', async () => {
    const bobLive = await w.agentOnline('bob');
    const [unknown, self] = await Promise.all([
      alice.run(['chats', 'transfer', chatId, 'nobody']),
      alice.run(['chats', 'transfer', chatId, 'alice']),
    ]);
    assert.equal(unknown.code, 1);
    assert.match(oneLine(unknown), /\(not_found\)$/);
    assert.equal(self.code, 1);
    assert.match(oneLine(self), /\(conflict\)$/);

    const moved = await alice.run(['chats', 'transfer', chatId, 'Bob']);
    assert.equal(moved.code, 0, moved.stderr);
    assert.equal(moved.stdout, `transferred chat ${chatId} to bob\n`);
    assert.equal(
      (await eventually(bobLive.socket, 'chat:assigned', (p: any) => p.chatId === chatId)).reason,
      'transfer',
    );
    assert.equal((await eventually(grace.socket!, 'chat:agent')).name, 'Bob Agent');
    assert.equal((await alice.run(['chats', 'list'])).stdout, 'no open chats\n');
    assert.equal(json(await bob.run(['chats', 'list', '--json'])).chats[0].chatId, chatId);

    const ended = nextEvent(grace.socket!, 'chat:ended', 20_000);
    const end = await bob.run(['chats', 'end', chatId, '--json']);
    assert.equal(end.code, 0, end.stderr);
    assert.deepEqual(json(end), { chatId, ended: true });
    assert.equal((await ended).by, 'agent');

    const [again, shown] = await Promise.all([bob.run(['chats', 'end', chatId]), bob.run(['chats', 'show', chatId])]);
    assert.equal(again.code, 1);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(
      shown.stdout.split('\n')[0]!,
      new RegExp(`^chat ${chatId} with Grace, started .*, ended .* by agent$`),
    );
    const shownJson = json(await alice.run(['chats', 'show', chatId, '--json']));
    assert.equal(shownJson.status, 'ended', 'alice took part before the transfer');
  });
});
