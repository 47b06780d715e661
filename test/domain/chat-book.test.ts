import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatBook, type LiveChat } from '../../server/domain/chat-book.js';
import { buildMessage, chatFor, messageView } from '../../server/domain/chat-rules.js';
import { AppError } from '../../server/protocol/errors.js';

const chat = (id: string, agent: LiveChat['agent'] = { username: 'alice', name: 'Alice A' }): LiveChat => ({
  id, visitorName: 'Grace', agent, status: agent ? 'active' : 'queued', startedAt: 0, lastSeq: 0, queueEntryId: `q-${id}`,
});

test('ChatBook counts open chats per agent through assign, requeue and removal', () => {
  const book = new ChatBook();
  book.add(chat('a'));
  book.add(chat('b'));
  book.add(chat('c', { username: 'bob', name: 'Bob B' }));
  assert.equal(book.openChatsOf('alice'), 2);
  book.assign('a', { username: 'bob', name: 'Bob B' });
  assert.equal(book.openChatsOf('alice'), 1);
  assert.equal(book.openChatsOf('bob'), 2);
  book.assign('b', null);
  assert.equal(book.get('b')!.status, 'queued');
  assert.equal(book.openChatsOf('alice'), 0);
  assert.deepEqual(book.agentsWithChats(), ['bob']);
  book.remove('c');
  assert.deepEqual(book.chatsOf('bob').map((c) => c.id), ['a']);
  assert.equal(book.nextSeq('a'), 1);
  assert.equal(book.nextSeq('a'), 2);
});

test('messages name sender and receiver as they are at the moment of sending', () => {
  const live = chat('a');
  const fromVisitor = buildMessage(live, { role: 'visitor' }, 'hi', 1, 'm1', Date.UTC(2026, 10, 25, 22));
  assert.deepEqual(messageView(fromVisitor), {
    id: 'm1', chatId: 'a', seq: 1, body: 'hi', sentAt: '2026-11-25T22:00:00.000Z',
    from: { role: 'visitor', name: 'Grace' }, to: { role: 'agent', name: 'Alice A', username: 'alice' },
  });
  const fromAgent = messageView(buildMessage(live, { role: 'agent', name: 'Alice A', username: 'alice' }, 'hello', 2, 'm2', 0));
  assert.deepEqual(fromAgent.from, { role: 'agent', name: 'Alice A', username: 'alice' });
  assert.deepEqual(fromAgent.to, { role: 'visitor', name: 'Grace' });
  const system = messageView(buildMessage(live, { role: 'system' }, 'note', 3, 'm3', 0));
  assert.equal(system.from.role, 'system');
  assert.equal(system.to, undefined);
  const waiting = messageView(buildMessage(chat('q', null), { role: 'visitor' }, 'anyone?', 1, 'm4', 0));
  assert.equal(waiting.to, undefined, 'no receiver while the chat waits in the queue');
});

test('chatFor lets a visitor reach only its chat and an agent only the chats it holds', () => {
  const live = chat('a');
  const code = (fn: () => unknown) => {
    try {
      fn();
      return 'ok';
    } catch (e) {
      return (e as AppError).code;
    }
  };
  assert.equal(code(() => chatFor({ role: 'visitor', chatId: 'a' }, 'a', live, false)), 'ok');
  assert.equal(code(() => chatFor({ role: 'visitor', chatId: 'b' }, 'a', live, false)), 'forbidden');
  assert.equal(code(() => chatFor({ role: 'visitor', chatId: 'a' }, 'a', undefined, true)), 'gone');
  assert.equal(code(() => chatFor({ role: 'agent', username: 'alice', name: 'A' }, 'a', live, false)), 'ok');
  assert.equal(code(() => chatFor({ role: 'agent', username: 'bob', name: 'B' }, 'a', live, false)), 'forbidden');
  assert.equal(code(() => chatFor({ role: 'agent', username: 'alice', name: 'A' }, 'a', undefined, true)), 'forbidden');
  assert.equal(code(() => chatFor({ role: 'agent', username: 'alice', name: 'A' }, 'zz', undefined, false)), 'not_found');
});
