import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld, type World } from '../helpers/chat.js';
import { assertError, ISO_UTC } from '../helpers/staff.js';
import { emitAck } from '../helpers/sockets.js';

/**
 * Contract v2, "History and search": GET /api/chats/history on the real server (SQLite here,
 * PostgreSQL with `npm run test:postgres`). Alice had chats A (Grace, rated) and B (Zoë), Bob had C
 * (Ada); D (Bob, about a refund too) is still open, so it is in no history.
 */
async function historyWorld() {
  const w = await startWorld(['alice', 'bob']);
  const alice = await w.agentOnline('alice');
  const chat = async (agent: typeof alice, visitor: string, lines: string[], end = true, note?: string) => {
    const v = await w.startAndConnect(await w.join(visitor));
    for (const [i, body] of lines.entries()) {
      const from = i % 2 === 0 ? v.socket! : agent.socket;
      const ack = await emitAck(from, 'chat:send', i % 2 === 0 ? { body } : { chatId: v.chatId, body });
      assert.equal(ack.ok, true, JSON.stringify(ack));
    }
    if (note) {
      const body = { body: note, clientMsgId: `note-${v.chatId}` };
      assert.equal((await w.t.api('POST', `/api/chats/${v.chatId}/notes`, { token: agent.token, body })).status, 201);
    }
    if (end) assert.equal((await w.t.api('POST', `/api/chats/${v.chatId}/end`, { token: agent.token })).status, 204);
    return v;
  };
  const a = await chat(
    alice,
    'Grace Hopper',
    ['My invoice shows the wrong CAFÉ address', 'I will fix the invoice address now', 'Thanks!'],
    true,
    'Escalated to billing, ticket 991',
  );
  const rated = await w.t.api('POST', '/api/chat/rating', { token: a.userToken, body: { score: 5, comment: 'Great' } });
  assert.equal(rated.status, 201);
  const b = await chat(alice, 'Zoë Ünal', ['Order 42 never arrived', 'Sorry, let me check that']);
  assert.equal(
    (await w.t.api('PUT', '/api/me/status', { token: alice.token, body: { status: 'offline' } })).status,
    200,
  );
  const bob = await w.agentOnline('bob');
  const c = await chat(bob, 'Ada Lovelace', ['Refund please for order 7', 'Refund issued']);
  const d = await chat(bob, 'Open Olga', ['A refund question, still open'], false);
  const history = (token: string | undefined, query = '') => w.t.api('GET', `/api/chats/history${query}`, { token });
  const ids = async (token: string, query = '') => {
    const res = await history(token, query);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.chats.map((x: { chatId: string }) => x.chatId);
  };
  return { w, alice, bob, a: a.chatId!, b: b.chatId!, c: c.chatId!, d, history, ids };
}

let world: Awaited<ReturnType<typeof historyWorld>>;
let w: World;
test.before(async () => {
  world = await historyWorld();
  w = world.w;
});
test.after(() => w.close());

test('history: agents see the ended chats they took part in, admins all; newest end first; others 401', async () => {
  const { alice, bob, a, b, c, d, history, ids } = world;
  assert.deepEqual(await ids(alice.token), [b, a]);
  assert.deepEqual(await ids(bob.token), [c]);
  assert.deepEqual(await ids(w.adminToken), [c, b, a]);

  const res = await history(alice.token);
  assert.deepEqual(Object.keys(res.body), ['chats']);
  const [zoe, grace] = res.body.chats;
  assert.equal(grace.visitor.name, 'Grace Hopper');
  assert.deepEqual(grace.agent, { username: 'alice', name: 'Alice Agent' });
  assert.match(grace.startedAt, ISO_UTC);
  assert.match(grace.endedAt, ISO_UTC);
  assert.ok(grace.endedAt >= grace.startedAt);
  assert.equal(grace.messageCount, 4, 'three messages and a note');
  assert.equal(grace.rating.score, 5);
  assert.equal(grace.rating.comment, 'Great');
  assert.match(grace.rating.ratedAt, ISO_UTC);
  assert.equal('snippet' in grace, false);
  assert.equal(zoe.visitor.name, 'Zoë Ünal');
  assert.equal(zoe.messageCount, 2);
  assert.equal('rating' in zoe, false);

  // The same rule as GET /api/chats/:chatId: what history lists opens; what it does not is refused.
  for (const [i, id] of [b, a].entries()) {
    const detail = await w.t.api('GET', `/api/chats/${id}`, { token: alice.token });
    assert.equal(detail.status, 200);
    assert.equal(detail.body.transcript.length, res.body.chats[i].messageCount);
  }
  assertError(await w.t.api('GET', `/api/chats/${c}`, { token: alice.token }), 403, 'forbidden');
  assert.equal((await w.t.api('GET', `/api/chats/${c}`, { token: w.adminToken })).status, 200);

  assertError(await history(undefined), 401, 'unauthorized');
  assertError(await history(d.userToken), 401, 'unauthorized');
  assertError(await history('not-a-token'), 401, 'unauthorized');
});

test('history search: words in messages (any case, any accent, the last word as a prefix) and the visitor name', async () => {
  const { alice, bob, a, b, c, history, ids } = world;
  assert.deepEqual(await ids(alice.token, '?q=invoice'), [a]);
  assert.deepEqual(await ids(alice.token, '?q=cafe'), [a]);
  assert.deepEqual(await ids(alice.token, '?q=Café'), [a]);
  assert.deepEqual(await ids(alice.token, '?q=INVOICE%20wrong'), [a]);
  assert.deepEqual(await ids(alice.token, '?q=invoice%20refund'), [], 'every word');
  assert.deepEqual(await ids(alice.token, '?q=hopper%20thanks%20invoice'), [a], 'anywhere in the chat, name too');
  assert.deepEqual(await ids(alice.token, '?q=zoe'), [b], 'by the visitor name');
  assert.deepEqual(await ids(alice.token, '?q=%C3%9CNAL'), [b]);
  assert.deepEqual(await ids(alice.token, '?q=refund'), [], 'not a chat of hers');
  assert.deepEqual(await ids(bob.token, '?q=refund'), [c], 'the open chat about a refund is not history');
  assert.deepEqual(await ids(w.adminToken, '?q=ord'), [c, b], 'the last word is a prefix');
  assert.deepEqual(await ids(w.adminToken, '?q=order%2042'), [b]);
  assert.deepEqual(await ids(w.adminToken, '?q=ord%2042'), [], 'only the last word is a prefix');
  assert.deepEqual(await ids(w.adminToken, '?q=rder'), [], 'words, not substrings');
  assert.deepEqual(await ids(w.adminToken, '?q=%22%27%3A*()'), [c, b, a], 'no words: no search');

  const hit = (await history(alice.token, '?q=address')).body.chats[0];
  assert.equal(hit.snippet, 'My invoice shows the wrong CAFÉ address', 'the first message that matches');
  const note = (await history(alice.token, '?q=billing%20ticket')).body.chats;
  assert.deepEqual(
    note.map((x: { chatId: string; snippet: string }) => [x.chatId, x.snippet]),
    [[a, 'Escalated to billing, ticket 991']],
    'internal notes are searched too (staff data)',
  );
  assert.deepEqual(await ids(bob.token, '?q=billing'), []);
  const byName = (await history(alice.token, '?q=grace')).body.chats[0];
  assert.equal(byName.chatId, a);
  assert.equal('snippet' in byName, false, 'only the name matched');
  assert.equal((await history(bob.token, '?q=issued')).body.chats[0].snippet, 'Refund issued');
});

test('history filters: agent, from, to; pages with next and before', async () => {
  const { alice, bob, a, b, c, history, ids } = world;
  assert.deepEqual(await ids(w.adminToken, '?agent=bob'), [c]);
  assert.deepEqual(await ids(w.adminToken, '?agent=alice'), [b, a]);
  assert.deepEqual(await ids(w.adminToken, '?agent=nobody'), []);
  assert.deepEqual(await ids(bob.token, '?agent=alice'), [], 'an agent still sees only its own');
  assert.deepEqual(await ids(alice.token, '?agent=alice&q=order'), [b]);

  const first = await history(w.adminToken, '?limit=2');
  assert.deepEqual(
    first.body.chats.map((x: { chatId: string }) => x.chatId),
    [c, b],
  );
  assert.equal(typeof first.body.next, 'string');
  const second = await history(w.adminToken, `?limit=2&before=${encodeURIComponent(first.body.next)}`);
  assert.deepEqual(
    second.body.chats.map((x: { chatId: string }) => x.chatId),
    [a],
  );
  assert.equal('next' in second.body, false);
  const exact = await history(w.adminToken, '?limit=3');
  assert.equal('next' in exact.body, false, 'no next page when the page holds the last chat');

  // Times behind the server's back: A ended on Jan 1st, B on the 2nd, C on the 3rd (10:00 UTC).
  const day = (d: number) => Date.parse(`2026-01-0${d}T10:00:00Z`);
  for (const [id, d] of [
    [a, 1],
    [b, 2],
    [c, 3],
  ] as const) {
    await w.t.sql('UPDATE chats SET ended_at = $1 WHERE id = $2', [day(d), id]);
  }
  assert.deepEqual(await ids(w.adminToken, '?from=2026-01-02'), [c, b]);
  assert.deepEqual(await ids(w.adminToken, '?to=2026-01-02'), [a]);
  assert.deepEqual(await ids(w.adminToken, '?from=2026-01-02&to=2026-01-03'), [b]);
  assert.deepEqual(await ids(w.adminToken, '?from=2026-01-02T10:00:00Z&to=2026-01-02T10:00:00.001Z'), [b]);
  assert.deepEqual(await ids(w.adminToken, '?from=2026-01-02T11:00:00%2B01:00'), [c, b], 'with an offset');
  const endedB = (await history(w.adminToken, '?q=zoe')).body.chats[0].endedAt;
  assert.equal(endedB, '2026-01-02T10:00:00.000Z');

  // Chats that ended at the same moment keep the order they ended in, and the cursor its place among them.
  for (const id of [a, b, c]) await w.t.sql('UPDATE chats SET ended_at = $1 WHERE id = $2', [day(5), id]);
  const all = await ids(w.adminToken);
  assert.deepEqual(all, [c, b, a]);
  const seen: string[] = [];
  let next: string | undefined;
  do {
    const page = await history(w.adminToken, `?limit=1${next ? `&before=${next}` : ''}`);
    seen.push(...page.body.chats.map((x: { chatId: string }) => x.chatId));
    next = page.body.next;
  } while (next);
  assert.deepEqual(seen, all);
  assert.deepEqual(await ids(alice.token), [b, a]);
});

test('history: every bad parameter is a 400', async () => {
  const { history } = world;
  const bad = [
    'limit=0',
    'limit=101',
    'limit=abc',
    'limit=1.5',
    'limit=',
    `q=${'x'.repeat(201)}`,
    'agent=',
    `agent=${'a'.repeat(65)}`,
    'from=yesterday',
    'from=2026-13-45',
    'from=2026-01-01T25:00:00Z',
    `from=${'2'.repeat(41)}`,
    'to=01/02/2026',
    'to=',
    'from=2026-01-02&to=2026-01-01',
    'from=2026-01-02&to=2026-01-02',
    'before=garbage!',
    `before=${Buffer.from('12~').toString('base64url')}`,
    `before=${Buffer.from('x~abc').toString('base64url')}`,
    `before=${'A'.repeat(121)}`,
    'before=',
  ];
  for (const query of bad) {
    const res = await history(w.adminToken, `?${query}`);
    assertError(res, 400, 'invalid_request');
    assert.doesNotMatch(res.body.error.message, /Invalid|expected/, `a sentence for a person: ${query}`);
  }
  assert.equal((await history(w.adminToken, `?limit=100&q=${'x'.repeat(200)}`)).status, 200);
  assert.equal((await history(w.adminToken, '?limit=1')).status, 200);
});
