import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../helpers/server.js';

test('GET /healthz answers ok with the version; unknown routes get the contract error body', async () => {
  const t = await startTestServer();
  try {
    const health = await t.api('GET', '/healthz');
    assert.equal(health.status, 200);
    assert.deepEqual(health.body, { ok: true, version: '0.1.0' });
    const missing = await t.api('GET', '/api/nope');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');
  } finally {
    await t.close();
  }
});
