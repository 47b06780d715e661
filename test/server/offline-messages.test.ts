import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startTestSmtp } from '../helpers/smtp.js';
import { assertError, ISO_UTC } from '../helpers/staff.js';
import { connectFor, nextEvent } from '../helpers/sockets.js';

const leave = (t: TestServer, body: unknown, headers: Record<string, string> = {}) =>
  t.api('POST', '/api/offline-messages', { body, headers });

async function staff(t: TestServer) {
  await t.createAdmin('root', undefined, 'Root Admin');
  const root = await t.login('root');
  await t.createAgent(root, 'alice', undefined, 'Alice Agent');
  return { root, alice: await t.login('alice') };
}

test('a visitor leaves a message; staff hear of it live, list it, reply by e-mail in the visitor’s language, close it', async () => {
  const smtp = await startTestSmtp();
  const t = await startTestServer({ smtpUrl: smtp.url });
  try {
    const { root, alice } = await staff(t);
    const invites = (await smtp.waitFor(1)).length; // alice's invitation
    const agent = await connectFor(t.url, '/agent', { token: alice }, 'chats:open');
    const live = nextEvent(agent.socket, 'offline-message');
    const page = { url: 'https://shop.example.test/orders/7', title: 'Bestellung 7' };
    const left = await leave(
      t,
      { name: '  Grete  ', email: 'grete@example.test', body: 'Wo ist meine Bestellung?\nNummer 7.', page },
      { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' },
    );
    assert.equal(left.status, 201);
    assert.deepEqual(Object.keys(left.body), ['id']);
    const { id } = left.body;
    const expected = {
      id,
      name: 'Grete',
      email: 'grete@example.test',
      body: 'Wo ist meine Bestellung?\nNummer 7.',
      page,
      status: 'open',
      replies: [],
    };
    const { message } = await live;
    assert.match(message.createdAt, ISO_UTC);
    assert.deepEqual({ ...message, createdAt: undefined }, { ...expected, createdAt: undefined });

    const second = await leave(t, { name: 'Ada', email: 'ada@example.test', body: 'Second one' });
    const listed = await t.api('GET', '/api/offline-messages', { token: alice });
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.messages.map((m: { id: string }) => m.id),
      [second.body.id, id],
      'open ones, newest first',
    );
    assert.deepEqual(listed.body.messages[1], message);
    assert.deepEqual((await t.api('GET', `/api/offline-messages/${id}`, { token: alice })).body, { message });
    assert.equal(listed.body.messages[0].page, undefined, 'no page told: no page field');

    const reply = await t.api('POST', `/api/offline-messages/${id}/reply`, {
      token: alice,
      body: { body: 'Sie ist unterwegs und kommt morgen an.' },
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.message.status, 'answered');
    const mail = (await smtp.waitFor(invites + 1))[invites];
    assert.deepEqual(mail!.to, ['grete@example.test']);
    assert.equal(mail!.subject, 'Re: Ihre Nachricht an unser Support-Team');
    assert.match(mail!.text, /^Hallo Grete,/);
    assert.match(mail!.text, /Sie ist unterwegs und kommt morgen an\./);
    assert.match(mail!.text, /— Alice Agent/);
    assert.match(mail!.text, /Sie schrieben:\n> Wo ist meine Bestellung\?\n> Nummer 7\./);

    const answered = await t.api('GET', '/api/offline-messages?status=answered', { token: root });
    assert.equal(answered.body.messages.length, 1);
    const [one] = answered.body.messages;
    assert.equal(one.status, 'answered');
    assert.equal(one.replies.length, 1);
    assert.deepEqual(one.replies[0].by, { username: 'alice', name: 'Alice Agent' });
    assert.equal(one.replies[0].body, 'Sie ist unterwegs und kommt morgen an.');
    assert.match(one.replies[0].sentAt, ISO_UTC);
    assert.deepEqual(
      (await t.api('GET', '/api/offline-messages', { token: root })).body.messages.map((m: { id: string }) => m.id),
      [second.body.id],
      'the default lists open ones only',
    );

    assert.equal((await t.api('POST', `/api/offline-messages/${id}/close`, { token: alice })).status, 204);
    assert.equal(
      (await t.api('POST', `/api/offline-messages/${id}/close`, { token: alice })).status,
      204,
      'again: still closed',
    );
    const closed = await t.api('GET', '/api/offline-messages?status=closed', { token: alice });
    assert.deepEqual(
      closed.body.messages.map((m: { id: string; status: string }) => [m.id, m.status]),
      [[id, 'closed']],
    );
    const all = await t.api('GET', '/api/offline-messages?status=all', { token: alice });
    assert.equal(all.body.messages.length, 2);
    // A closed message takes no more replies, and no mail goes out.
    assertError(
      await t.api('POST', `/api/offline-messages/${id}/reply`, { token: alice, body: { body: 'One more thing' } }),
      409,
      'conflict',
    );
    assert.equal(smtp.received.length, invites + 1);

    // A language without a locale file falls back to English.
    const other = await leave(
      t,
      { name: 'Kim', email: 'kim@example.test', body: 'Hi' },
      { 'accept-language': 'ko-KR' },
    );
    await t.api('POST', `/api/offline-messages/${other.body.id}/reply`, { token: root, body: { body: 'Hello!' } });
    const english = (await smtp.waitFor(invites + 2))[invites + 1];
    assert.equal(english!.subject, 'Re: your message to our support team');
    assert.match(english!.text, /^Hello Kim,\n\nHello!\n\n— Root Admin\n\nYou wrote:\n> Hi\n/);
    agent.socket.close();
  } finally {
    await t.close();
    await smtp.close();
  }
});

test('staff only, unknown ids are 404, every limit is a 400', async () => {
  const t = await startTestServer({ queueJoinsPerMinute: 1000 });
  try {
    const { alice } = await staff(t);
    assertError(await t.api('GET', '/api/offline-messages'), 401, 'unauthorized');
    assertError(await t.api('POST', '/api/offline-messages/x/close'), 401, 'unauthorized');
    assertError(await t.api('POST', '/api/offline-messages/x/reply', { body: { body: 'hi' } }), 401, 'unauthorized');
    const queueToken = (await t.api('POST', '/api/queue', { body: { name: 'V' } })).body.queueToken;
    assertError(await t.api('GET', '/api/offline-messages', { token: queueToken }), 401, 'unauthorized');
    assertError(await t.api('POST', '/api/offline-messages/nope/close', { token: alice }), 404, 'not_found');
    assertError(await t.api('GET', '/api/offline-messages/nope', { token: alice }), 404, 'not_found');
    assertError(await t.api('GET', '/api/offline-messages/nope'), 401, 'unauthorized');
    assertError(
      await t.api('POST', '/api/offline-messages/nope/reply', { token: alice, body: { body: 'hi' } }),
      404,
      'not_found',
    );
    assertError(await t.api('GET', '/api/offline-messages?status=new', { token: alice }), 400, 'invalid_request');
    assertError(await t.api('GET', '/api/offline-messages?limit=0', { token: alice }), 400, 'invalid_request');

    const ok = { name: 'Ada', email: 'ada@example.test', body: 'Hello' };
    const local = 'a'.repeat(64);
    const email254 = `${local}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(56)}.test`;
    assert.equal(email254.length, 254);
    const atLimits = [
      { ...ok, name: 'n'.repeat(64) },
      { ...ok, email: email254 },
      { ...ok, body: 'x'.repeat(4000) },
      { ...ok, page: { url: `https://e.test/${'p'.repeat(2048 - 15)}`, title: 't'.repeat(256) } },
    ];
    for (const body of atLimits) assert.equal((await leave(t, body)).status, 201, JSON.stringify(body).slice(0, 80));
    const tooMuch: [unknown, RegExp][] = [
      [{ email: 'ada@example.test', body: 'Hello' }, /name/],
      [{ ...ok, name: '   ' }, /name/],
      [{ ...ok, name: 'n'.repeat(65) }, /name/],
      [{ ...ok, name: 'bell\u0007' }, /control/],
      [{ name: 'Ada', body: 'Hello' }, /email/],
      [{ ...ok, email: 'not an address' }, /email/],
      [{ ...ok, email: `x${email254}` }, /email/],
      [{ ...ok, body: '' }, /message/],
      [{ ...ok, body: '   ' }, /message/],
      [{ ...ok, body: 'x'.repeat(4001) }, /message/],
      [{ ...ok, page: { url: 'javascript:alert(1)' } }, /page\.url/],
      [{ ...ok, page: { url: `https://e.test/${'p'.repeat(2048 - 14)}` } }, /page\.url/],
      [{ ...ok, page: { title: 't'.repeat(257) } }, /page\.title/],
      [{ ...ok, page: { referrer: 'ftp://e.test/' } }, /page\.referrer/],
      [{ ...ok, page: { color: 'red' } }, /color/],
      [[1, 2], /object/],
    ];
    for (const [body, re] of tooMuch) {
      const res = await leave(t, body);
      assertError(res, 400, 'invalid_request');
      assert.match(res.body.error.message, re, JSON.stringify(body).slice(0, 80));
    }
    const id = (await leave(t, ok)).body.id;
    for (const body of [{}, { body: '' }, { body: 'x'.repeat(4001) }]) {
      assertError(
        await t.api('POST', `/api/offline-messages/${id}/reply`, { token: alice, body }),
        400,
        'invalid_request',
      );
    }
  } finally {
    await t.close();
  }
});

test('messages from one address are limited like queue joins (429 with Retry-After), apart from the joins', async () => {
  const t = await startTestServer({ queueJoinsPerMinute: 2 });
  try {
    const ok = { name: 'Ada', email: 'ada@example.test', body: 'Hello' };
    assert.equal((await leave(t, ok)).status, 201);
    assert.equal((await leave(t, ok)).status, 201);
    const third = await leave(t, ok);
    assertError(third, 429, 'rate_limited');
    assert.ok(Number(third.headers.get('retry-after')) >= 1);
    assert.equal((await t.api('POST', '/api/queue', { body: { name: 'Ada' } })).status, 201, 'joins count apart');
  } finally {
    await t.close();
  }
});
