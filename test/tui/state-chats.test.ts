import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chatList,
  chatsReducer,
  emptyChats,
  openChatCount,
  selectedChat,
  totalUnread,
  type ChatsState,
} from '../../tui/state/chats.js';
import { isWaiting, mergeMessages } from '../../tui/state/transcript.js';
import { message, visitorSays } from './helpers/fakes.js';

const agent = { role: 'agent' as const, name: 'Alice A', username: 'alice' };
const open = (...chats: { chatId: string; name: string; transcript?: ReturnType<typeof message>[] }[]) =>
  ({
    type: 'chats:open',
    payload: {
      chats: chats.map((c) => ({
        chatId: c.chatId,
        visitor: { name: c.name },
        startedAt: '2026-11-25T10:00:00.000Z',
        transcript: c.transcript ?? [],
      })),
    },
  }) as const;
const assigned = (
  chatId: string,
  name: string,
  reason: 'new' | 'transfer' | 'requeue' = 'new',
  transcript: ReturnType<typeof message>[] = [],
) => ({ type: 'chat:assigned', payload: { chatId, visitor: { name }, reason, transcript } }) as const;
const away = { viewing: false };

describe('transcript merging', () => {
  it('keeps each message once, ordered by seq, whatever order they arrive in', () => {
    const a = visitorSays('c1', 1, 'Grace', 'one');
    const b = message('c1', 2, agent, 'two');
    const c = visitorSays('c1', 3, 'Grace', 'three');
    const merged = mergeMessages([c, a], [b, a, c]);
    assert.deepEqual(
      merged.map((m) => m.body),
      ['one', 'two', 'three'],
    );
  });

  it('a chat waits for an answer while the visitor spoke last (system notes aside)', () => {
    const sys = message('c1', 3, { role: 'system', name: 'Switchboard' }, 'Alice A transferred the chat to Bob B.');
    assert.equal(isWaiting([visitorSays('c1', 1, 'Grace', 'hi'), sys]), true);
    assert.equal(isWaiting([visitorSays('c1', 1, 'Grace', 'hi'), message('c1', 2, agent, 'hello')]), false);
    assert.equal(isWaiting([]), false);
  });
});

describe('chats reducer', () => {
  it('chats:open lists the chats in order and selects the first', () => {
    const s = chatsReducer(emptyChats, open({ chatId: 'a', name: 'Grace' }, { chatId: 'b', name: 'Ada' }));
    assert.deepEqual(
      chatList(s).map((c) => c.visitor.name),
      ['Grace', 'Ada'],
    );
    assert.equal(s.selectedId, 'a');
  });

  it('a chat announced by both chats:open and chat:assigned appears once (dedupe by chatId)', () => {
    let s = chatsReducer(
      emptyChats,
      open({ chatId: 'a', name: 'Grace', transcript: [visitorSays('a', 1, 'Grace', 'hi')] }),
    );
    s = chatsReducer(s, assigned('a', 'Grace', 'new', [visitorSays('a', 1, 'Grace', 'hi')]));
    assert.equal(s.order.length, 1);
    assert.equal(s.byId.a!.transcript.length, 1);
  });

  const reconnectRestores =
    'a reconnect restores from chats:open: new messages merged by id and seq, vanished chats dropped, ended ones kept';
  it(reconnectRestores, () => {
    let s = chatsReducer(
      emptyChats,
      open(
        { chatId: 'a', name: 'Grace', transcript: [visitorSays('a', 1, 'Grace', 'one')] },
        { chatId: 'b', name: 'Ada' },
        { chatId: 'c', name: 'Lin' },
      ),
    );
    s = chatsReducer(s, { type: 'chat:ended', payload: { chatId: 'c', by: 'visitor' } });
    // While disconnected: Grace wrote twice, Ada's chat was requeued.
    s = chatsReducer(
      s,
      open({
        chatId: 'a',
        name: 'Grace',
        transcript: [
          visitorSays('a', 3, 'Grace', 'three'),
          visitorSays('a', 1, 'Grace', 'one'),
          visitorSays('a', 2, 'Grace', 'two'),
        ],
      }),
      away,
    );
    assert.deepEqual(s.order, ['a', 'c']);
    assert.deepEqual(
      s.byId.a!.transcript.map((m) => m.seq),
      [1, 2, 3],
    );
    assert.equal(s.byId.a!.unread, 2, 'the two messages that came in while away are unread');
    assert.ok(s.byId.c!.ended);
  });

  it('counts unread visitor messages only for chats not on screen, and selecting reads them', () => {
    let s = chatsReducer(emptyChats, open({ chatId: 'a', name: 'Grace' }, { chatId: 'b', name: 'Ada' }));
    s = chatsReducer(s, { type: 'chat:message', payload: visitorSays('b', 1, 'Ada', 'hello?') });
    s = chatsReducer(s, { type: 'chat:message', payload: visitorSays('a', 1, 'Grace', 'hi') });
    assert.equal(s.byId.b!.unread, 1);
    assert.equal(s.byId.a!.unread, 0, 'the selected chat is being read');
    s = chatsReducer(s, { type: 'chat:message', payload: visitorSays('b', 1, 'Ada', 'hello?') });
    assert.equal(s.byId.b!.unread, 1, 'a repeated message (same id) is not counted twice');
    s = chatsReducer(s, { type: 'chat:message', payload: visitorSays('a', 2, 'Grace', 'still there?') }, away);
    assert.equal(s.byId.a!.unread, 1, 'on another screen, even the selected chat collects unread');
    assert.equal(totalUnread(s), 2);
    s = chatsReducer(s, { type: 'chat:step', delta: 1 });
    assert.equal(s.selectedId, 'b');
    assert.equal(s.byId.b!.unread, 0);
  });

  it('a new chat arriving unseen starts with its trailing visitor messages unread', () => {
    let s = chatsReducer(emptyChats, open({ chatId: 'a', name: 'Grace' }));
    s = chatsReducer(
      s,
      assigned('b', 'Ada', 'requeue', [
        visitorSays('b', 1, 'Ada', 'x'),
        message('b', 2, agent, 'y'),
        visitorSays('b', 3, 'Ada', 'z'),
      ]),
    );
    assert.equal(s.byId.b!.unread, 1);
  });

  it('chat:step wraps around; chat:removed selects the neighbour', () => {
    let s: ChatsState = chatsReducer(
      emptyChats,
      open({ chatId: 'a', name: 'A' }, { chatId: 'b', name: 'B' }, { chatId: 'c', name: 'C' }),
    );
    s = chatsReducer(s, { type: 'chat:step', delta: -1 });
    assert.equal(s.selectedId, 'c');
    s = chatsReducer(s, { type: 'chat:step', delta: 1 });
    assert.equal(s.selectedId, 'a');
    s = chatsReducer(s, { type: 'chat:select', chatId: 'b' });
    s = chatsReducer(s, { type: 'chat:removed', payload: { chatId: 'b', reason: 'transferred' } });
    assert.equal(s.selectedId, 'c');
    assert.deepEqual(s.order, ['a', 'c']);
  });

  it('an ended chat stays, read-only, until closed; it does not count as open', () => {
    let s = chatsReducer(emptyChats, open({ chatId: 'a', name: 'A' }, { chatId: 'b', name: 'B' }));
    s = chatsReducer(s, { type: 'chat:ended', payload: { chatId: 'a', by: 'visitor' } });
    assert.equal(openChatCount(s), 1);
    assert.deepEqual(selectedChat(s)?.ended, { by: 'visitor' });
    s = chatsReducer(s, { type: 'chat:close' });
    assert.deepEqual(s.order, ['b']);
    s = chatsReducer(s, { type: 'chat:close' });
    assert.deepEqual(s.order, ['b'], 'an open chat is not closed by chat:close');
  });

  it('messages for chats this agent does not hold are ignored', () => {
    const s = chatsReducer(emptyChats, { type: 'chat:message', payload: visitorSays('zz', 1, 'X', 'hi') });
    assert.equal(s, emptyChats);
  });

  it('a new chat without messages gets its start time from the first message', () => {
    let s = chatsReducer(emptyChats, assigned('a', 'Grace'));
    assert.equal(s.byId.a!.startedAt, '');
    const m = visitorSays('a', 1, 'Grace', 'hi');
    s = chatsReducer(s, { type: 'chat:message', payload: m });
    assert.equal(s.byId.a!.startedAt, m.sentAt);
  });
});
