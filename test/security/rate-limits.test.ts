import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeConfig } from '../../server/config.js';
import { AppError } from '../../server/protocol/errors.js';
import { createRateLimits } from '../../server/security/rate-limits.js';

const retryAfter = async (p: Promise<void>) => {
  try {
    await p;
    return 0;
  } catch (e) {
    assert.ok(e instanceof AppError && e.code === 'rate_limited');
    return e.retryAfter!;
  }
};

test('login backoff: each further lockout of a username+address doubles the wait', async () => {
  // A 1-second window stands in for the real 15 minutes.
  const limits = createRateLimits(makeConfig({ loginAttempts: 1 }), 'memory', { loginWindowSeconds: 1 });
  assert.equal(await retryAfter(limits.loginAllowed('alice', '10.0.0.1')), 0);
  await limits.loginFailed('alice', '10.0.0.1');
  assert.equal(await retryAfter(limits.loginAllowed('alice', '10.0.0.1')), 1, 'first lockout: one window');
  assert.equal(await retryAfter(limits.loginAllowed('alice', '10.0.0.2')), 0, 'another address is not locked');
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal(await retryAfter(limits.loginAllowed('alice', '10.0.0.1')), 0, 'the window passed');
  await limits.loginFailed('alice', '10.0.0.1');
  assert.equal(await retryAfter(limits.loginAllowed('alice', '10.0.0.1')), 2, 'second lockout: twice as long');
  await new Promise((r) => setTimeout(r, 2100));
  await limits.loginFailed('alice', '10.0.0.1');
  assert.equal(await retryAfter(limits.loginAllowed('alice', '10.0.0.1')), 4, 'third lockout: four times');
});
