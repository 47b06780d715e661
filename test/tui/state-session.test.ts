import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminReducer, emptyAdmin, parseMaxChats } from '../../tui/state/admin.js';
import { firstEmpty, formReducer, formValues, makeForm } from '../../tui/state/form.js';
import { age, windowStart } from '../../tui/state/format.js';
import { emptyPicker, pickerChoices, pickerReducer, pickerTarget } from '../../tui/state/picker.js';
import { initialSession, sessionReducer, type SessionAction, type SessionState } from '../../tui/state/session.js';
import { agentView, me, visitorSays } from './helpers/fakes.js';

const run = (s: SessionState, ...actions: SessionAction[]) => actions.reduce(sessionReducer, s);
const assigned = (chatId: string, name: string, reason: 'new' | 'transfer' | 'requeue' = 'new'): SessionAction => ({
  type: 'chat:assigned',
  payload: { chatId, visitor: { name }, reason, transcript: [] },
});

describe('session reducer', () => {
  it('announces new chats, transfers and requeues once each, with a bell', () => {
    let s = run(initialSession(me()), {
      type: 'chats:open',
      payload: { chats: [{ chatId: 'a', visitor: { name: 'Grace' }, startedAt: '', transcript: [] }] },
    });
    assert.equal(s.bells, 0, 'chats restored on connect do not ring');
    s = run(s, assigned('a', 'Grace'));
    assert.equal(s.bells, 0, 'a chat already listed by chats:open is not new');
    s = run(s, assigned('b', 'Ada'));
    assert.equal(s.notice?.text, 'New chat: Ada');
    s = run(s, assigned('c', 'Lin', 'transfer'));
    assert.equal(s.notice?.text, 'Chat with Lin transferred to you');
    s = run(s, assigned('d', 'Kim', 'requeue'));
    assert.equal(s.notice?.text, 'Chat with Kim came back from the queue');
    assert.equal(s.bells, 3);
  });

  it('reports chats that end or leave', () => {
    let s = run(initialSession(me()), assigned('a', 'Grace'), assigned('b', 'Ada'));
    s = run(s, { type: 'chat:ended', payload: { chatId: 'a', by: 'visitor' } });
    assert.equal(s.notice?.text, 'Grace ended the chat');
    const id = s.notice!.id;
    s = run(s, { type: 'chat:ended', payload: { chatId: 'a', by: 'visitor' } });
    assert.equal(s.notice!.id, id, 'a repeated chat:ended says nothing new');
    s = run(s, { type: 'chat:removed', payload: { chatId: 'b', reason: 'requeued' } });
    assert.equal(s.notice?.text, 'Chat with Ada went back to the queue');
  });

  it('tracks the connection: reconnecting with attempts, refused on unauthorized', () => {
    let s = run(initialSession(me()), { type: 'connection', connected: true });
    assert.deepEqual(s.connection, { state: 'connected', attempts: 0 });
    s = run(
      s,
      { type: 'connection', connected: false },
      { type: 'connection', connected: false, error: 'xhr poll error' },
      { type: 'connection', connected: false, error: 'timeout' },
    );
    assert.equal(s.connection.state, 'reconnecting');
    assert.equal(s.connection.attempts, 2);
    s = run(s, { type: 'connection', connected: false, error: 'unauthorized' });
    assert.equal(s.connection.state, 'refused');
  });

  it('messages are unread while the agent is on another screen, and read when they come back', () => {
    let s = run(
      initialSession(me()),
      assigned('a', 'Grace'),
      { type: 'view', view: 'messages' },
      { type: 'chat:message', payload: visitorSays('a', 1, 'Grace', 'hi') },
    );
    assert.equal(s.chats.byId.a!.unread, 1);
    s = run(s, { type: 'view', view: 'chats' });
    assert.equal(s.chats.byId.a!.unread, 0);
  });

  it('an incoming agent message is announced unless its conversation is on screen', () => {
    const m = { id: 'x1', from: 'bob', to: 'alice', body: 'hi', sentAt: '2026-11-25T10:00:00.000Z' };
    let s = run(
      initialSession(me()),
      { type: 'colleagues', list: [{ username: 'bob', name: 'Bob B' }] },
      { type: 'agent-message', payload: m },
    );
    assert.equal(s.notice?.text, 'Message from Bob B (^G)');
    s = run(s, { type: 'view', view: 'messages' }, { type: 'agent-message', payload: { ...m, id: 'x2' } });
    assert.equal(s.agentMessages.unread.bob, undefined);
  });

  it('follows agent:status and agent:updated for this account', () => {
    const s = run(
      initialSession(me()),
      { type: 'agent:status', payload: { status: 'offline' } },
      { type: 'agent:updated', payload: agentView('alice', { maxChats: 2, name: 'Alice Z' }) },
    );
    assert.equal(s.me.status, 'offline');
    assert.equal(s.me.maxChats, 2);
    assert.equal(s.me.name, 'Alice Z');
  });
});

describe('dialog reducers', () => {
  it('form: focus wraps, values are trimmed except secrets, empty fields are found', () => {
    let f = makeForm([
      { name: 'user', label: 'User' },
      { name: 'pw', label: 'Password', secret: true },
    ]);
    f = formReducer(f, { type: 'edit', edit: { type: 'insert', text: ' bob ' } });
    f = formReducer(f, { type: 'focus', delta: -1 });
    assert.equal(f.focus, 1);
    assert.equal(firstEmpty(f), 1);
    f = formReducer(f, { type: 'edit', edit: { type: 'insert', text: ' secret ' } });
    assert.deepEqual(formValues(f), { user: 'bob', pw: ' secret ' });
  });

  it('picker: available agents first, filter by username or name, typed username as fallback', () => {
    let p = pickerReducer(emptyPicker, {
      type: 'loaded',
      agents: [
        { username: 'dan', name: 'Dan D', status: 'offline', connected: false, openChats: 0, maxChats: 5 },
        { username: 'bob', name: 'Bob B', status: 'online', connected: true, openChats: 1, maxChats: 5 },
        { username: 'cy', name: 'Cy C', status: 'online', connected: true, openChats: 5, maxChats: 5 },
      ],
    });
    assert.deepEqual(
      pickerChoices(p).map((c) => c.username),
      ['bob', 'cy', 'dan'],
    );
    p = pickerReducer(p, { type: 'step', delta: -1 });
    assert.equal(pickerTarget(p), 'dan');
    p = pickerReducer(p, { type: 'edit', edit: { type: 'insert', text: 'cy c' } });
    assert.deepEqual(
      pickerChoices(p).map((c) => c.username),
      ['cy'],
    );
    p = pickerReducer(p, { type: 'edit', edit: { type: 'set', text: 'Zed' } });
    assert.equal(pickerTarget(p), 'zed');
  });

  it('admin: admin accounts cannot be changed here; max chats must be 0–100', () => {
    let s = adminReducer(emptyAdmin, {
      type: 'loaded',
      agents: [agentView('bob'), agentView('root', { role: 'admin' })],
    });
    assert.equal(s.selected, 'bob');
    s = adminReducer(s, { type: 'step', delta: 1 });
    s = adminReducer(s, { type: 'open-delete' });
    assert.equal(s.dialog, null);
    assert.match(s.error ?? '', /server machine/);
    s = adminReducer(s, { type: 'step', delta: -1 });
    s = adminReducer(s, { type: 'open-max-chats' });
    assert.equal(s.dialog?.kind, 'maxChats');
    assert.equal(parseMaxChats('7'), 7);
    assert.equal(typeof parseMaxChats('101'), 'string');
    assert.equal(typeof parseMaxChats('-1'), 'string');
  });

  it('formats ages and keeps the selection inside list windows', () => {
    const now = Date.parse('2026-11-25T12:00:00.000Z');
    assert.equal(age('2026-11-25T12:00:00.000Z', now), 'now');
    assert.equal(age('2026-11-25T11:59:30.000Z', now), '30s');
    assert.equal(age('2026-11-25T11:57:00.000Z', now), '3m');
    assert.equal(age('2026-11-25T09:00:00.000Z', now), '3h');
    assert.equal(windowStart(3, 2, 5), 0);
    assert.equal(windowStart(20, 19, 5), 15);
    assert.equal(windowStart(20, 10, 5), 8);
  });
});
