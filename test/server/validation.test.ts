import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestServer, type ApiAnswer, type TestServer } from '../helpers/server.js';
import { startWorld } from '../helpers/chat.js';
import { emitAck } from '../helpers/sockets.js';
import { assertError, connectAgent } from '../helpers/staff.js';

/** Edge validation (PROTOCOL.md "Conventions"): bad input is a 4xx with the error shape, never a 500. */

/** The exact error shape: `{error:{code, message}}`, snake_case code, nothing leaked (no stack). */
function assertErrorShape(res: ApiAnswer, what: string): void {
  assert.ok(res.status >= 400 && res.status < 500, `${what}: status ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(typeof res.body, 'object', `${what}: body is not JSON: ${String(res.body).slice(0, 200)}`);
  assert.deepEqual(Object.keys(res.body), ['error'], what);
  assert.match(res.body.error.code, /^[a-z]+(_[a-z]+)*$/, what);
  assert.equal(typeof res.body.error.message, 'string', what);
  assert.doesNotMatch(res.body.error.message, /\n\s+at /, `${what}: a stack trace leaked`);
}

describe('request validation', () => {
  let t: TestServer;
  let admin: string;
  let agent: string;

  before(async () => {
    t = await startTestServer({ messagesPerSecond: 1000 });
    await t.createAdmin('root');
    admin = await t.login('root');
    await t.createAgent(admin, 'alice');
    await t.createAgent(admin, 'bob');
    agent = await t.login('alice');
  });
  after(() => t.close());

  /** Every route that reads a JSON body, with a token that gets it past authentication. */
  const bodyRoutes = (): [string, string, string | undefined][] => [
    ['POST', '/api/login', undefined],
    ['POST', '/api/register', undefined],
    ['PUT', '/api/me/status', agent],
    ['POST', '/api/admin/invites', admin],
    ['PATCH', '/api/admin/agents/bob', admin],
    ['POST', '/api/agent-messages', agent],
  ];

  test('malformed JSON is 400 invalid_request on every route that reads a body', async () => {
    for (const [method, path, token] of bodyRoutes()) {
      for (const raw of ['{', '{"username": "a",}', 'not json', "{'a': 1}", '']) {
        const res = await t.api(method, path, { token, body: raw, headers: { 'content-type': 'application/json' } });
        assertError(res, 400, 'invalid_request');
        assertErrorShape(res, `${method} ${path} ${JSON.stringify(raw)}`);
      }
      // No body at all.
      assertError(await t.api(method, path, { token }), 400, 'invalid_request');
    }
  });

  test('missing fields and wrong types are 400 invalid_request', async () => {
    const cases: [string, string, string | undefined, unknown][] = [
      ['POST', '/api/login', undefined, {}],
      ['POST', '/api/login', undefined, { username: 'alice' }],
      ['POST', '/api/login', undefined, { password: 'correct horse battery' }],
      ['POST', '/api/login', undefined, { username: 123, password: 'correct horse battery' }],
      ['POST', '/api/login', undefined, { username: 'alice', password: ['correct horse battery'] }],
      ['POST', '/api/login', undefined, []],
      ['POST', '/api/login', undefined, null],
      ['POST', '/api/login', undefined, 'alice'],
      ['POST', '/api/register', undefined, { password: 'a long enough password' }],
      ['POST', '/api/register', undefined, { token: 42, password: 'a long enough password' }],
      ['POST', '/api/register', undefined, { token: 'abc' }],
      ['PUT', '/api/me/status', agent, { status: true }],
      ['PUT', '/api/me/status', agent, null],
      ['POST', '/api/admin/invites', admin, { username: 'zoe', name: 'Zoe' }],
      ['POST', '/api/admin/invites', admin, { username: 'zoe', email: 'zoe@example.test' }],
      ['POST', '/api/admin/invites', admin, { name: 'Zoe', email: 'zoe@example.test' }],
      ['POST', '/api/admin/invites', admin, { username: 'Zoe', name: 'Zoe', email: 'zoe@example.test' }],
      ['POST', '/api/admin/invites', admin, { username: 'z', name: 'Zoe', email: 'zoe@example.test' }],
      ['POST', '/api/admin/invites', admin, { username: '-zoe', name: 'Zoe', email: 'zoe@example.test' }],
      ['POST', '/api/admin/invites', admin, { username: 'z'.repeat(33), name: 'Zoe', email: 'zoe@example.test' }],
      ['POST', '/api/admin/invites', admin, { username: 'zoe', name: 'Zoe', email: 'not an address' }],
      ['POST', '/api/admin/invites', admin, { username: 'zoe', name: 'Zo\u0000e', email: 'zoe@example.test' }],
      ['POST', '/api/admin/invites', admin, { username: 'zoe', name: 7, email: 'zoe@example.test' }],
      ['PATCH', '/api/admin/agents/bob', admin, { maxChats: 'many' }],
      ['PATCH', '/api/admin/agents/bob', admin, []],
      ['PATCH', '/api/admin/agents/NOT_A_USERNAME', admin, { maxChats: 1 }],
      ['POST', '/api/agent-messages', agent, { to: 'bob' }],
      ['POST', '/api/agent-messages', agent, { to: 5, body: 'hi' }],
      ['POST', '/api/agent-messages', agent, { to: 'bob', body: { text: 'hi' } }],
    ];
    for (const [method, path, token, body] of cases) {
      const res = await t.api(method, path, { token, body: JSON.stringify(body) });
      assertError(res, 400, 'invalid_request');
      assertErrorShape(res, `${method} ${path} ${JSON.stringify(body)}`);
    }
    assertError(await t.api('GET', '/api/agent-messages?limit=abc', { token: agent }), 400, 'invalid_request');
    assertError(await t.api('GET', '/api/agent-messages?limit=0', { token: agent }), 400, 'invalid_request');
    // None of the refused invites created anything.
    const list = await t.api('GET', '/api/admin/agents', { token: admin });
    assert.deepEqual(list.body.agents.map((a: any) => a.username).sort(), ['alice', 'bob', 'root']);
    assert.equal(
      (
        await t.api('POST', '/api/admin/invites', {
          token: admin,
          body: { username: 'zoe', name: 'Zoe', email: 'zoe@example.test' },
        })
      ).status,
      201,
    );
  });

  test('a body over 64 KiB is 413 payload_too_large, with or without Content-Length', async () => {
    const big = JSON.stringify({ username: 'alice', password: 'x'.repeat(65 * 1024) });
    const res = await t.api('POST', '/api/login', { body: big });
    assertError(res, 413, 'payload_too_large');
    assertErrorShape(res, 'login 65 KiB');
    for (const [method, path, token] of bodyRoutes()) {
      assertError(
        await t.api(method, path, { token, body: JSON.stringify({ to: 'bob', body: 'y'.repeat(70 * 1024) }) }),
        413,
        'payload_too_large',
      );
    }
    // Streamed (chunked) with no Content-Length: the limit still holds.
    const streamed = await fetch(`${t.url}/api/agent-messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent}` },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 10; i++)
            c.enqueue(new TextEncoder().encode(i === 0 ? '{"to":"bob","body":"' : 'z'.repeat(8 * 1024)));
          c.enqueue(new TextEncoder().encode('"}'));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal((await streamed.json()).error.code, 'payload_too_large');
    // Just under the limit is read (and then judged on its content).
    const under = await t.api('POST', '/api/login', {
      body: JSON.stringify({ username: 'alice', password: 'x'.repeat(60 * 1024) }),
    });
    assertError(under, 400, 'invalid_request');
    assert.equal((await t.api('GET', '/healthz')).status, 200);
  });

  test('unknown routes are 404 not_found with the error shape', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['POST', '/api/nope'],
      ['DELETE', '/api/me'],
      ['GET', '/api/login'],
      ['GET', '/no/such/page'],
    ] as const) {
      const res = await t.api(method, path, { token: agent });
      assertError(res, 404, 'not_found');
      assertErrorShape(res, `${method} ${path}`);
    }
  });

  test('random junk at every POST/PUT/PATCH/DELETE route never gets a 500 and always the error shape', async () => {
    const junkText = fc.oneof(
      fc.json(),
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record({
          username: fc.anything(),
          password: fc.anything(),
          token: fc.anything(),
          name: fc.anything(),
          email: fc.anything(),
        })
        .map((v) => JSON.stringify(v) ?? 'null'),
      fc
        .record({ to: fc.oneof(fc.constant('bob'), fc.string()), body: fc.oneof(fc.string(), fc.anything()) })
        .map((v) => JSON.stringify(v) ?? 'null'),
      fc
        .record(
          {
            maxChats: fc.oneof(fc.integer(), fc.double(), fc.anything()),
            name: fc.oneof(fc.string(), fc.anything()),
            status: fc.string(),
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v) ?? 'null'),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    const routes: [string, string, string | undefined][] = [
      ...bodyRoutes(),
      ['POST', '/api/logout', 'junk.token.here'],
      ['DELETE', '/api/admin/agents/nobody', admin],
    ];
    for (const [method, path, token] of routes) {
      await fc.assert(
        fc.asyncProperty(junkText, async (text) => {
          const res = await t.api(method, path, { token, body: text, headers: { 'content-type': 'application/json' } });
          if (res.status >= 400) assertErrorShape(res, `${method} ${path} ${JSON.stringify(text).slice(0, 200)}`);
          else assert.ok(res.status < 300, `${method} ${path}: ${res.status}`);
        }),
        { numRuns: 40 },
      );
    }
    // Junk in paths and queries too.
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), async (s) => {
        const q = await t.api(
          'GET',
          `/api/agent-messages?after=${encodeURIComponent(s)}&limit=${encodeURIComponent(s)}`,
          { token: agent },
        );
        if (q.status >= 400) assertErrorShape(q, `after=${s}`);
        const p = await t.api('PATCH', `/api/admin/agents/${encodeURIComponent(s)}`, {
          token: admin,
          body: { maxChats: 1 },
        });
        if (p.status >= 400) assertErrorShape(p, `PATCH ${s}`);
      }),
      { numRuns: 60 },
    );
    assert.equal((await t.api('GET', '/api/me', { token: admin })).status, 200, 'the server is still up');
  });
});

describe('socket events', () => {
  /** `{ok:false, error:{code, message}}` with a contract-style code. */
  const assertAckError = (ack: any, what: string, code?: string) => {
    assert.equal(ack?.ok, false, `${what}: ${JSON.stringify(ack)}`);
    assert.match(ack.error?.code ?? '', /^[a-z]+(_[a-z]+)*$/, what);
    assert.notEqual(ack.error.code, 'internal', `${what}: ${JSON.stringify(ack)}`);
    assert.equal(typeof ack.error.message, 'string', what);
    if (code) assert.equal(ack.error.code, code, `${what}: ${JSON.stringify(ack)}`);
  };

  const everyEventAnswered =
    'every event an agent emits is answered through its ack, junk included, and the connection survives';
  test(everyEventAnswered, async () => {
    const t = await startTestServer();
    try {
      await t.createAdmin('root');
      const token = await t.login('root');
      const { socket } = await connectAgent(t.url, token);
      try {
        for (const event of ['chat:send', 'chat:end', 'chat:transfer']) {
          for (const payload of [
            null,
            'x',
            42,
            [],
            {},
            { chatId: 5 },
            { chatId: '', body: '' },
            { chatId: 'x'.repeat(100), to: 7 },
          ]) {
            assertAckError(
              await emitAck(socket, event, payload),
              `${event} ${JSON.stringify(payload)}`,
              'invalid_request',
            );
          }
          // Emitted with an ack but no payload: the ack is not taken for the payload.
          const bare = await socket.timeout(3000).emitWithAck(event);
          assertAckError(bare, `${event} without payload`, 'invalid_request');
          assert.match(bare.error.message, /chatId/, `${event} without payload: ${bare.error.message}`);
        }
        assertAckError(
          await emitAck(socket, 'chat:send', { chatId: 'no-such-chat', body: 'hello' }),
          'chat:send to an unknown chat',
        );
        assertAckError(await emitAck(socket, 'chat:end', { chatId: 'no-such-chat' }), 'chat:end of an unknown chat');
        assertAckError(await emitAck(socket, 'no:such-event', { a: 1 }), 'unknown event', 'invalid_request');

        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom('chat:send', 'chat:end', 'chat:transfer', 'chat:typing'),
            fc.anything(),
            async (event, payload) => {
              assertAckError(
                await emitAck(socket, event, payload),
                `${event} ${String(JSON.stringify(payload)).slice(0, 100)}`,
              );
            },
          ),
          { numRuns: 80 },
        );
        assert.equal(socket.connected, true);
        assert.equal((await t.api('GET', '/api/me', { token })).status, 200);
      } finally {
        socket.close();
      }
    } finally {
      await t.close();
    }
  });

  test('a visitor chat:end emitted with only an ack ends the chat', async () => {
    const w = await startWorld(['alice']);
    try {
      await w.agentOnline('alice');
      const v = await w.startAndConnect(await w.join('Grace'));
      assert.deepEqual(await v.socket!.timeout(3000).emitWithAck('chat:end'), { ok: true });
    } finally {
      await w.close();
    }
  });
});
