import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { PASSWORD } from '../helpers/server.js';
import { connectFor, emitAck } from '../helpers/sockets.js';
import { cliUser, json } from './run-cli.js';

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

test("chats show: the visitor's context under the first line, the rating once given; --json has both", async () => {
  const w = await startWorld(['alice']);
  const alice = await cliUser();
  try {
    const login = await alice.run(['login', '--server', w.t.url, '--username', 'alice', '--password-stdin'], {
      input: PASSWORD,
    });
    assert.equal(login.code, 0, login.stderr);
    await w.agentOnline('alice');
    const body = {
      name: 'Grace',
      email: 'grace@example.com',
      page: { url: 'https://shop.example.com/orders/1234', title: 'Order \u001b[2J#1234', referrer: 'https://ex.org/' },
      attributes: { plan: 'pro', orders: 7, vip: true },
    };
    const headers = { 'user-agent': 'TestBrowser/1.0', 'accept-language': 'de-CH,de;q=0.9' };
    const joined = await w.t.api('POST', '/api/queue', { body, headers });
    assert.equal(joined.status, 201, JSON.stringify(joined.body));
    const started = await w.t.api('POST', '/api/chat/start', { token: joined.body.queueToken });
    const chatId = started.body.chatId as string;
    const { socket } = await connectFor(w.t.url, '/visitor', { token: started.body.userToken }, 'chat:history');
    w.track(socket);
    await emitAck(socket, 'chat:send', { body: 'Where is my order?' });

    const shown = await alice.run(['chats', 'show', chatId]);
    assert.equal(shown.code, 0, shown.stderr);
    const lines = shown.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(1, 6), [
      `  visitor     Grace <grace@example.com> · first chat · id ${joined.body.visitorId}`,
      '  page        Order \\u001b[2J#1234 · https://shop.example.com/orders/1234',
      '  came from   https://ex.org/',
      '  attributes  plan=pro · orders=7 · vip=true',
      '  browser     TestBrowser/1.0 · de-CH',
    ]);
    assert.match(lines[6]!, /Grace → Alice Agent: Where is my order\?$/);
    assert.doesNotMatch(shown.stdout, RAW_CONTROL);

    const asJson = json(await alice.run(['chats', 'show', chatId, '--json']));
    assert.deepEqual(asJson.visitor, {
      name: 'Grace',
      email: 'grace@example.com',
      page: body.page,
      attributes: body.attributes,
      userAgent: 'TestBrowser/1.0',
      locale: 'de-CH',
      visitorId: joined.body.visitorId,
      previousChats: 0,
    });

    // Ended and rated: the rating is shown too.
    await emitAck(socket, 'chat:end', {});
    const rated = await w.t.api('POST', '/api/chat/rating', {
      token: started.body.userToken,
      body: { score: 4, comment: 'Quick and kind' },
    });
    assert.equal(rated.status, 201);
    const after = await alice.run(['chats', 'show', chatId]);
    assert.ok(after.stdout.includes('\n  rating      4/5 "Quick and kind"\n'), after.stdout);
    assert.deepEqual(json(await alice.run(['chats', 'show', chatId, '--json'])).rating, rated.body.rating);
  } finally {
    await alice.remove();
    await w.close();
  }
});
