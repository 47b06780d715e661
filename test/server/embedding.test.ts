import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWorld } from '../helpers/chat.js';
import { connect, emitAck } from '../helpers/sockets.js';

const cors = 'a site in --allowed-origins may call the visitor API from the browser (CORS); others get no CORS grant';
test(cors, async () => {
  const w = await startWorld([], { allowedOrigins: 'https://shop.example' });
  try {
    const preflight = await fetch(`${w.t.url}/api/queue`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
    const join = await fetch(`${w.t.url}/api/queue`, {
      method: 'POST',
      headers: { origin: 'https://shop.example', 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' },
      body: JSON.stringify({ name: 'Grace' }),
    });
    assert.equal(join.status, 201);
    assert.equal(join.headers.get('access-control-allow-origin'), 'https://shop.example');
    const foreign = await fetch(`${w.t.url}/api/queue`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  } finally {
    await w.close();
  }
});

test('unknown events with an ack are answered on /visitor and /queue too', async () => {
  const w = await startWorld(['alice']);
  try {
    await w.agentOnline('alice');
    const grace = await w.startAndConnect(await w.join('Grace'));
    const waiting = await w.join('Waiting');
    const res = await emitAck(grace.socket!, 'chat:dance', {});
    assert.deepEqual(res.ok, false);
    assert.equal(res.error.code, 'invalid_request');
    const q = w.track(await connect(w.t.url, '/queue', { token: waiting.queueToken }));
    assert.equal((await emitAck(q, 'queue:skip', {})).error.code, 'invalid_request');
  } finally {
    await w.close();
  }
});
