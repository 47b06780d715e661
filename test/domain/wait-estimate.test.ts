import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  capacityOf,
  DEFAULT_CHAT_SECONDS,
  estimateWaitSeconds,
  typicalChatSeconds,
} from '../../server/domain/wait-estimate.js';

test('no agent, or no slot: no estimate', () => {
  assert.equal(estimateWaitSeconds(0, capacityOf([]), 300), null);
  assert.equal(estimateWaitSeconds(3, capacityOf([{ openChats: 0, maxChats: 0 }]), 300), null);
});

test('a free slot for everyone ahead: no wait', () => {
  const cap = capacityOf([
    { openChats: 1, maxChats: 2 },
    { openChats: 0, maxChats: 2 },
  ]);
  assert.deepEqual(cap, { agents: 2, slots: 4, free: 3 });
  assert.equal(estimateWaitSeconds(0, cap, 300), 0);
  assert.equal(estimateWaitSeconds(2, cap, 300), 0);
});

test('every slot busy: (ahead − free + 1) chats must end, at slots ÷ duration per second', () => {
  const full = capacityOf([
    { openChats: 2, maxChats: 2 },
    { openChats: 3, maxChats: 2 }, // over its (lowered) limit: no free slot, never negative
  ]);
  assert.deepEqual(full, { agents: 2, slots: 4, free: 0 });
  assert.equal(estimateWaitSeconds(0, full, 300), 75);
  assert.equal(estimateWaitSeconds(3, full, 300), 300);
  const oneFree = capacityOf([{ openChats: 4, maxChats: 5 }]);
  assert.equal(estimateWaitSeconds(1, oneFree, 100), 20, 'one chat must end, 5 slots of 100 s');
  assert.equal(estimateWaitSeconds(1, oneFree, 101), 21, 'rounded up');
});

test('the typical duration: the default fills in for the first three chats, then the mean of the last fifty', () => {
  assert.equal(typicalChatSeconds([]), DEFAULT_CHAT_SECONDS);
  assert.equal(typicalChatSeconds([60]), (60 + 2 * 300) / 3);
  assert.equal(typicalChatSeconds([60, 120]), (60 + 120 + 300) / 3);
  assert.equal(typicalChatSeconds([60, 120, 180]), 120);
  const recent = [...Array.from({ length: 50 }, () => 100), ...Array.from({ length: 100 }, () => 1000)];
  assert.equal(typicalChatSeconds(recent), 100, 'only the fifty most recent count');
  assert.equal(typicalChatSeconds([1, 1, 1]), 5, 'shorter than 5 s counts as 5 s');
  assert.equal(typicalChatSeconds([1e9, 1e9, 1e9]), 7200, 'longer than 2 h counts as 2 h');
});
