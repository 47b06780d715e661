import { test } from 'node:test';
import assert from 'node:assert/strict';
import { internalNote, visibleToVisitor } from '../../server/domain/internal-notes.js';
import { messageView, noteText } from '../../server/domain/messages.js';
import { reassignCandidates, waitedTooLong, waitingSince } from '../../server/domain/reassign.js';
import type { ChatRecord, MessageRecord } from '../../server/domain/records.js';

type Seen = Pick<MessageRecord, 'fromRole' | 'sentAt' | 'internal'>;
const visitor = (sentAt: number): Seen => ({ fromRole: 'visitor', sentAt });
const agent = (sentAt: number): Seen => ({ fromRole: 'agent', sentAt });
const note = (sentAt: number): Seen => ({ fromRole: 'agent', sentAt, internal: true });
const system = (sentAt: number): Seen => ({ fromRole: 'system', sentAt });

test('waitingSince: nothing owed without a visitor message after the last agent reply', () => {
  assert.equal(waitingSince(0, []), undefined);
  assert.equal(waitingSince(0, [visitor(10), agent(20)]), undefined);
  assert.equal(waitingSince(0, [agent(5)]), undefined);
  assert.equal(waitingSince(0, [system(5)]), undefined);
});

test('waitingSince: the first visitor message after the last agent reply starts the clock', () => {
  assert.equal(waitingSince(0, [visitor(10)]), 10);
  assert.equal(waitingSince(0, [visitor(10), visitor(30)]), 10);
  assert.equal(waitingSince(0, [visitor(10), agent(20), visitor(40), visitor(50)]), 40);
});

test('waitingSince: an internal note is no reply', () => {
  assert.equal(waitingSince(0, [visitor(10), note(20)]), 10);
  assert.equal(waitingSince(0, [visitor(10), note(20), agent(30)]), undefined);
});

test("waitingSince: the current agent's clock starts when it got the chat (start, or the last system note)", () => {
  // Written while queued, before the chat started.
  assert.equal(waitingSince(100, [visitor(10)]), 100);
  // Moved (transfer, reassignment, hand-over from the queue): the new agent has the whole period.
  assert.equal(waitingSince(0, [visitor(10), system(60)]), 60);
  assert.equal(waitingSince(0, [visitor(10), system(60), visitor(70)]), 60);
  assert.equal(waitingSince(0, [visitor(10), system(60), system(120)]), 120);
  // A note later than the visitor's message does not restart a wait that began after it.
  assert.equal(waitingSince(0, [system(5), visitor(10)]), 10);
});

test('waitedTooLong: 0 is off; else at least that many seconds', () => {
  assert.equal(waitedTooLong(0, 10_000_000, 0), false);
  assert.equal(waitedTooLong(undefined, 10_000, 1), false);
  assert.equal(waitedTooLong(1000, 1999, 1), false);
  assert.equal(waitedTooLong(1000, 2000, 1), true);
  assert.equal(waitedTooLong(1000, 61_000, 60), true);
});

test('reassignCandidates: never the holder, never anyone who let the chat wait before', () => {
  const load = (username: string) => ({ username, openChats: 0, maxChats: 5, idleSince: 0 });
  const all = ['alice', 'bob', 'carol', 'dave'].map(load);
  assert.deepEqual(
    reassignCandidates(all, 'bob', ['alice']).map((a) => a.username),
    ['carol', 'dave'],
  );
  assert.deepEqual(reassignCandidates(all, 'bob', ['alice', 'carol', 'dave']), []);
});

test('reassigned note text; internal notes carry internal: true and are kept from the visitor', () => {
  assert.equal(
    noteText({ kind: 'reassigned', from: 'Alice', to: 'Bob', seconds: 60 }),
    'Alice did not answer in 60 s; the chat moved to Bob.',
  );
  const chat = { id: 'c1', lastSeq: 3 } as ChatRecord;
  const n = internalNote(chat, { username: 'alice', name: 'Alice' }, 'VIP', { seq: 4, id: 'm4', at: 0 }, 'k1');
  assert.equal(n.internal, true);
  assert.equal(n.toRole, null);
  const view = messageView(n);
  assert.equal(view.internal, true);
  assert.equal(view.to, undefined);
  const plain = { ...n, id: 'm5', seq: 5, internal: undefined };
  assert.equal(messageView(plain).internal, undefined);
  assert.deepEqual(
    visibleToVisitor([n, plain]).map((m) => m.seq),
    [5],
  );
  const onlyPlain = [plain];
  assert.equal(visibleToVisitor(onlyPlain), onlyPlain);
});
