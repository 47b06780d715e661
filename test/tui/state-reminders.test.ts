import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatsReducer, emptyChats } from '../../tui/state/chats.js';
import { reminderText, waitingChats } from '../../tui/state/reminders.js';
import { message, visitorSays } from './helpers/fakes.js';

const T0 = Date.parse('2026-12-02T10:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const said = (chatId: string, seq: number, name: string, s: number) => ({
  ...visitorSays(chatId, seq, name, 'hi'),
  sentAt: at(s),
});
const view = { viewing: false };

describe('reminders of visitors waiting for a reply', () => {
  it('the chats whose visitor spoke last, long enough ago; the longest wait first; answered ones drop out', () => {
    let s = chatsReducer(
      emptyChats,
      {
        type: 'chats:open',
        payload: {
          chats: [
            { chatId: 'a', visitor: { name: 'Ada' }, startedAt: at(0), transcript: [said('a', 1, 'Ada', 20)] },
            { chatId: 'g', visitor: { name: 'Grace' }, startedAt: at(0), transcript: [said('g', 1, 'Grace', 5)] },
            { chatId: 'n', visitor: { name: 'New' }, startedAt: at(0), transcript: [said('n', 1, 'New', 50)] },
          ],
        },
      },
      view,
    );
    const now = T0 + 60_000;
    assert.deepEqual(
      waitingChats(s, now, 30_000).map((w) => w.name),
      ['Grace', 'Ada'],
    );
    assert.equal(reminderText(waitingChats(s, now, 30_000), now), '2 chats wait for a reply (Grace for 55s)');
    const alice = { role: 'agent', name: 'Alice A', username: 'alice' } as const;
    s = chatsReducer(s, { type: 'chat:message', payload: message('g', 2, alice, 'On it!') }, view);
    assert.equal(reminderText(waitingChats(s, now, 30_000), now), 'Ada has waited 40s for a reply');
    s = chatsReducer(s, { type: 'chat:ended', payload: { chatId: 'a', by: 'visitor' } }, view);
    assert.deepEqual(waitingChats(s, now, 30_000), []);
    assert.equal(reminderText([], now), '');
  });
});
