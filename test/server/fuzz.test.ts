import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startWorld } from '../helpers/chat.js';
import { connect, emitAck } from '../helpers/sockets.js';

/** Any JSON-ish value a client could send, including shapes close to the real payloads. */
const junk = fc.oneof(
  fc.anything(),
  fc.jsonValue(),
  fc.record(
    { name: fc.anything(), body: fc.anything(), chatId: fc.anything(), to: fc.anything(), clientMsgId: fc.anything() },
    { requiredKeys: [] },
  ),
  fc.record(
    { body: fc.string({ maxLength: 5000 }), clientMsgId: fc.oneof(fc.string({ maxLength: 80 }), fc.integer()) },
    { requiredKeys: [] },
  ),
  fc.string({ maxLength: 300 }),
);

function assertErrorShape(status: number, body: any, what: string) {
  assert.ok(status < 500, `${what}: ${status} ${JSON.stringify(body)}`);
  if (status >= 400) {
    assert.match(body?.error?.code ?? '', /^[a-z]+(_[a-z]+)*$/, `${what}: ${JSON.stringify(body)}`);
    assert.equal(typeof body.error.message, 'string', what);
  }
}

const fuzzed =
  'thousands of arbitrary values at the visitor and chat routes and at every socket event: always the contract error ' +
  'shape, no crash';
test(fuzzed, async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  const w = await startWorld(['alice'], { messagesPerSecond: 1000000, queueJoinsPerMinute: 1000000 });
  try {
    const alice = await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    const waiting = await w.join('Waiting');
    const q = w.track(await connect(w.t.url, '/queue', { token: waiting.queueToken }));
    let cases = 0;

    const routes: [string, string, string | undefined][] = [
      ['POST', '/api/queue', undefined],
      ['GET', '/api/queue/status', waiting.queueToken],
      ['POST', '/api/chat/start', 'x.y.z'],
      ['DELETE', '/api/queue', grace.userToken],
      ['POST', `/api/chats/${grace.chatId}/messages`, alice.token],
      ['POST', `/api/chats/${grace.chatId}/transfer`, alice.token],
      ['POST', '/api/chats/nope/end', alice.token],
    ];
    for (const [method, path, token] of routes) {
      await fc.assert(
        fc.asyncProperty(junk, async (value) => {
          cases++;
          const text = JSON.stringify(value) ?? 'undefined';
          const headers = {
            'content-type': 'application/json',
            'x-forwarded-for': `10.7.${cases % 250}.${cases % 199}`,
          };
          // A GET carries its junk in the query string.
          const res =
            method === 'GET'
              ? await w.t.api(method, `${path}?q=${encodeURIComponent(text)}&after=${encodeURIComponent(text)}`, {
                  token,
                  headers,
                })
              : await w.t.api(method, path, { token, body: text, headers });
          assertErrorShape(res.status, res.body, `${method} ${path} ${text.slice(0, 120)}`);
        }),
        { numRuns: 150 },
      );
    }

    const sockets = [
      { socket: alice.socket, events: ['chat:send', 'chat:end', 'chat:transfer', 'nope'] },
      { socket: grace.socket!, events: ['chat:send', 'chat:end', 'nope'] },
      { socket: q, events: ['queue:anything'] },
    ];
    for (const { socket, events } of sockets) {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...events), junk, async (event, payload) => {
          cases++;
          // chat:end with a valid shape would really end the chat: keep the conversation going.
          if (
            event === 'chat:end' &&
            payload &&
            typeof payload === 'object' &&
            !Array.isArray(payload) &&
            socket === grace.socket
          )
            return;
          if (event === 'chat:end' && (payload as any)?.chatId === grace.chatId) return;
          const ack = await emitAck(socket, event, payload);
          assert.equal(typeof ack?.ok, 'boolean', `${event} ${JSON.stringify(payload)?.slice(0, 120)}`);
          if (!ack.ok) {
            assert.match(ack.error.code, /^[a-z]+(_[a-z]+)*$/);
            assert.notEqual(ack.error.code, 'internal', JSON.stringify(ack));
          }
        }),
        { numRuns: 300 },
      );
      assert.ok(socket.connected, 'the connection survives junk');
    }
    assert.ok(cases >= 1900, `${cases} cases`);
    assert.equal((await w.t.api('GET', '/healthz')).status, 200, 'still serving');
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await w.close();
  }
});
