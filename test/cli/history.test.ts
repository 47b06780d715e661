import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld, type World } from '../helpers/chat.js';
import { PASSWORD } from '../helpers/server.js';
import { emitAck } from '../helpers/sockets.js';
import { cliUser, json, type CliUser } from './run-cli.js';

const HOSTILE = 'refund \x1b[2J\x1b]0;pwned\x07 \u202eevil';
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

/** A table's rows split into cells (columns are two spaces or more apart). */
const rowsOf = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => l.split(/\s{2,}/));

describe('switchboard chats history', () => {
  let w: World;
  let alice: CliUser;
  let bob: CliUser;
  const chatIds: string[] = [];
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
    const agent = await w.agentOnline('alice');
    for (const [name, body] of [
      ['Grace', 'My parcel never came'],
      ['Zoë', HOSTILE],
      ['Ada', 'Where is my refund for the parcel?'],
    ] as const) {
      const v = await w.startAndConnect(await w.join(name));
      assert.equal((await emitAck(v.socket!, 'chat:send', { body })).ok, true);
      assert.equal((await emitAck(agent.socket, 'chat:send', { chatId: v.chatId, body: 'On it' })).ok, true);
      assert.equal((await w.t.api('POST', `/api/chats/${v.chatId}/end`, { token: agent.token })).status, 204);
      if (name === 'Grace') {
        const rated = await w.t.api('POST', '/api/chat/rating', { token: v.userToken, body: { score: 4 } });
        assert.equal(rated.status, 201);
      }
      chatIds.unshift(v.chatId!);
    }
  });
  after(async () => {
    await Promise.all([alice.remove(), bob.remove()]);
    await w.close();
  });

  test('a table newest first: ended, visitor, agent, messages, rating; bob took part in none', async () => {
    const r = await alice.run(['chats', 'history']);
    assert.equal(r.code, 0, r.stderr);
    const rows = rowsOf(r.stdout);
    assert.deepEqual(rows[0], ['CHAT', 'ENDED', 'VISITOR', 'AGENT', 'MESSAGES', 'RATING']);
    assert.deepEqual(
      rows.slice(1).map((c) => c[0]),
      chatIds,
    );
    assert.deepEqual(rows[3]!.slice(2), ['Grace', 'Alice Agent', '2', '4/5']);
    assert.match(rows[3]![1]!, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.deepEqual(rows[1]!.slice(2), ['Ada', 'Alice Agent', '2', '-']);
    assert.equal((await bob.run(['chats', 'history'])).stdout, 'no ended chats\n');
  });

  test('--q: matches with snippets, controls neutralised; --json is the page', async () => {
    const r = await alice.run(['chats', 'history', '--q', 'PARC']);
    assert.equal(r.code, 0, r.stderr);
    const rows = rowsOf(r.stdout);
    assert.equal(rows[0]![6], 'SNIPPET');
    assert.deepEqual(
      rows.slice(1).map((c) => [c[0], c[6]]),
      [
        [chatIds[0], 'Where is my refund for the parcel?'],
        [chatIds[2], 'My parcel never came'],
      ],
    );
    const hostile = await alice.run(['chats', 'history', '--q', 'refund', '--limit', '5']);
    assert.doesNotMatch(hostile.stdout, RAW_CONTROL);
    assert.match(hostile.stdout, /refund \\u001b\[2J/);

    const page = json(await alice.run(['chats', 'history', '--q', 'zoe', '--json']));
    assert.deepEqual(Object.keys(page), ['chats']);
    assert.equal(page.chats[0].chatId, chatIds[1]);
    assert.equal(page.chats[0].visitor.name, 'Zoë');
    assert.equal(page.chats[0].messageCount, 2);
    assert.equal((await alice.run(['chats', 'history', '--q', 'nothing'])).stdout, 'no chats match\n');
  });

  test('--limit: the last line is the command for the next page, which prints it', async () => {
    const seen: string[] = [];
    let args = ['chats', 'history', '--limit', '1', '--agent', 'alice'];
    for (let i = 0; i < 5; i++) {
      const r = await alice.run(args);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      const more = lines.at(-1)!.startsWith('more: ') ? lines.pop()! : undefined;
      seen.push(
        ...rowsOf(lines.join('\n'))
          .slice(1)
          .map((c) => c[0]!),
      );
      if (!more) break;
      const command = more.slice('more: '.length).split(' ');
      assert.deepEqual(command.slice(0, 3), ['switchboard', 'chats', 'history']);
      assert.deepEqual(command.slice(3, 7), ['--agent', 'alice', '--limit', '1']);
      assert.equal(command[7], '--before');
      args = command.slice(1);
    }
    assert.deepEqual(seen, chatIds);
    const json1 = json(await alice.run(['chats', 'history', '--limit', '2', '--json']));
    assert.equal(typeof json1.next, 'string');
  });

  test('bad options exit 2 with the server reason; no login exits 3', async () => {
    for (const [args, reason] of [
      [['--limit', '0'], /limit must be at least 1/],
      [['--limit', '500'], /limit must be at most 100/],
      [['--from', 'yesterday'], /from must be an ISO 8601 date/],
      [['--before', 'nonsense!'], /before must be a cursor/],
      [['--q', 'x'.repeat(201)], /q must be at most 200 characters/],
    ] as const) {
      const r = await alice.run(['chats', 'history', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, reason);
    }
    const stranger = await cliUser();
    try {
      const r = await stranger.run(['chats', 'history']);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /not logged in/);
    } finally {
      await stranger.remove();
    }
  });
});
