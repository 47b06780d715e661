import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatFor, isOwnMessage } from '../../server/domain/chat-access.js';
import { ChatBook } from '../../server/domain/chat-book.js';
import { messageView, newMessage, noteText, systemNote } from '../../server/domain/messages.js';
import type { ChatRecord, OpenChatRecord } from '../../server/domain/records.js';
import { transferRefusal } from '../../server/domain/transfer.js';
import type { AppError } from '../../server/protocol/errors.js';

const chat = (
  id: string,
  agent: { username: string; name: string } | null = { username: 'alice', name: 'Alice A' },
  startedAt = 0,
): OpenChatRecord => ({
  id,
  visitorName: 'Grace',
  agentUsername: agent?.username ?? null,
  agentName: agent?.name ?? null,
  status: agent ? 'active' : 'queued',
  startedAt,
  endedAt: null,
  endedBy: null,
  lastSeq: 0,
  queueEntryId: `q-${id}`,
});
const bob = { agentUsername: 'bob', agentName: 'Bob B' };

const chatBookCounts =
  'ChatBook counts open chats per agent through transfer, requeue and end; message numbers only go up unless put back';
test(chatBookCounts, () => {
  const book = new ChatBook();
  book.add(chat('a', undefined, 2));
  book.add(chat('b', undefined, 1));
  book.add(chat('c', { username: 'bob', name: 'Bob B' }));
  assert.equal(book.openChatsOf('alice'), 2);
  assert.deepEqual(
    book.chatsOf('alice').map((c) => c.id),
    ['b', 'a'],
    'oldest first',
  );
  book.update({ id: 'a', ...bob });
  assert.equal(book.openChatsOf('alice'), 1);
  assert.equal(book.openChatsOf('bob'), 2);
  book.update({ id: 'b', status: 'queued', agentUsername: null, agentName: null });
  assert.equal(book.get('b')!.status, 'queued');
  assert.equal(book.openChatsOf('alice'), 0);
  assert.deepEqual(book.agentsWithChats(), ['bob']);
  book.update({ id: 'c', status: 'ended', endedAt: 1, endedBy: 'agent' });
  assert.equal(book.get('c'), undefined, 'an ended chat is forgotten');
  assert.deepEqual(
    book.chatsOf('bob').map((c) => c.id),
    ['a'],
  );
  book.raiseSeq('a', 3);
  book.raiseSeq('a', 2);
  assert.equal(book.get('a')!.lastSeq, 3);
  book.setSeq('a', 1);
  assert.equal(book.get('a')!.lastSeq, 1);
});

test('messages name sender and receiver as they are at the moment of sending; system notes say what happened', () => {
  const open = chat('a');
  const at = Date.UTC(2026, 10, 25, 22);
  const fromVisitor = newMessage(open, { role: 'visitor' }, 'hi', { seq: 1, id: 'm1', at }, null);
  assert.deepEqual(messageView(fromVisitor), {
    id: 'm1',
    chatId: 'a',
    seq: 1,
    body: 'hi',
    sentAt: '2026-11-25T22:00:00.000Z',
    from: { role: 'visitor', name: 'Grace' },
    to: { role: 'agent', name: 'Alice A', username: 'alice' },
  });
  const fromAgent = messageView(
    newMessage(open, { role: 'agent', name: 'Alice A', username: 'alice' }, 'hello', { seq: 2, id: 'm2', at: 0 }, 'k'),
  );
  assert.deepEqual(fromAgent.from, { role: 'agent', name: 'Alice A', username: 'alice' });
  assert.deepEqual(fromAgent.to, { role: 'visitor', name: 'Grace' });
  const note = systemNote(open, { kind: 'transferred', from: 'Alice A', to: 'Bob B' }, { seq: 3, id: 'm3', at: 0 });
  assert.equal(messageView(note).from.role, 'system');
  assert.equal(messageView(note).to, undefined);
  assert.equal(note.body, 'Alice A transferred the chat to Bob B.');
  assert.equal(noteText({ kind: 'joined', agent: 'Bob B' }), 'Bob B joined the chat.');
  assert.match(
    noteText({ kind: 'requeued', agent: 'Alice A' }),
    /^Alice A is no longer available\. You are back at the front of the queue\.$/,
  );
  const waiting = messageView(
    newMessage(chat('q', null), { role: 'visitor' }, 'anyone?', { seq: 1, id: 'm4', at: 0 }, null),
  );
  assert.equal(waiting.to, undefined, 'no receiver while the chat waits in the queue');
});

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as AppError).code;
  }
};

test('chatFor lets a visitor reach only its chat and an agent only the chats it holds', () => {
  const open = chat('a');
  const ended: ChatRecord = { ...open, status: 'ended', endedAt: 1, endedBy: 'visitor' };
  const alice = { role: 'agent' as const, username: 'alice', name: 'A' };
  assert.equal(
    code(() => chatFor({ role: 'visitor', chatId: 'a' }, 'a', open)),
    'ok',
  );
  assert.equal(
    code(() => chatFor({ role: 'visitor', chatId: 'b' }, 'a', open)),
    'forbidden',
  );
  assert.equal(
    code(() => chatFor({ role: 'visitor', chatId: 'a' }, 'a', ended)),
    'gone',
  );
  assert.equal(
    code(() => chatFor(alice, 'a', open)),
    'ok',
  );
  assert.equal(
    code(() => chatFor({ ...alice, username: 'bob' }, 'a', open)),
    'forbidden',
  );
  assert.equal(
    code(() => chatFor(alice, 'a', ended)),
    'forbidden',
  );
  assert.equal(
    code(() => chatFor(alice, 'a', chat('a', null))),
    'forbidden',
    "a queued chat is nobody's",
  );
  assert.equal(
    code(() => chatFor(alice, 'zz', undefined)),
    'not_found',
  );
});

test("a stored message is the actor's own only in its chat, from the same visitor or agent", () => {
  const m = newMessage(
    chat('a'),
    { role: 'agent', name: 'Alice A', username: 'alice' },
    'x',
    { seq: 1, id: 'm', at: 0 },
    'k',
  );
  assert.equal(isOwnMessage({ role: 'agent', username: 'alice', name: 'A' }, 'a', m), true);
  assert.equal(isOwnMessage({ role: 'agent', username: 'bob', name: 'B' }, 'a', m), false);
  assert.equal(isOwnMessage({ role: 'agent', username: 'alice', name: 'A' }, 'b', m), false);
  const v = newMessage(chat('a'), { role: 'visitor' }, 'x', { seq: 2, id: 'v', at: 0 }, 'k');
  assert.equal(isOwnMessage({ role: 'visitor', chatId: 'a' }, 'a', v), true);
  assert.equal(isOwnMessage({ role: 'visitor', chatId: 'b' }, 'a', v), false);
});

test('the transfer rule: an existing colleague, online and connected, below their limit', () => {
  const target = { username: 'bob', account: { name: 'Bob B' }, ready: true, openChats: 1, maxChats: 2 };
  const me = { username: 'alice' };
  assert.equal(transferRefusal(me, target), undefined);
  assert.equal(transferRefusal(me, { ...target, account: undefined })?.code, 'not_found');
  assert.equal(transferRefusal({ username: 'bob' }, target)?.code, 'conflict');
  assert.match(transferRefusal(me, { ...target, ready: false })!.message, /cannot take chats now/);
  assert.match(transferRefusal(me, { ...target, openChats: 2 })!.message, /at their limit/);
});
