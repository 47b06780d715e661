import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgentMessage } from '../../server/protocol/models.js';
import {
  agentMessagesReducer,
  conversations,
  emptyAgentMessages,
  readMarkerTarget,
  thread,
  totalAgentUnread,
} from '../../tui/state/agent-messages.js';

let n = 0;
const msg = (from: string, to: string, body: string, minute = ++n): AgentMessage => ({
  id: `m${minute}`,
  from,
  to,
  body,
  sentAt: `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z`,
});
const away = { viewing: false };

describe('agent messages reducer', () => {
  it('history is read; later messages to me count as unread per sender, mine never', () => {
    const history = [msg('bob', 'alice', 'old'), msg('alice', 'bob', 'reply')];
    let s = agentMessagesReducer(
      emptyAgentMessages('alice'),
      { type: 'agent-messages:page', messages: history, initial: true },
      away,
    );
    assert.equal(totalAgentUnread(s), 0);
    assert.equal(s.cursor, history[1]!.id);
    s = agentMessagesReducer(s, { type: 'agent-message', payload: msg('carol', 'alice', 'hi') }, away);
    s = agentMessagesReducer(s, { type: 'agent-message', payload: msg('alice', 'carol', 'hey') }, away);
    s = agentMessagesReducer(s, { type: 'agent-message', payload: msg('carol', 'alice', 'lunch?') }, away);
    assert.deepEqual(s.unread, { carol: 2 });
  });

  it('the same message live and by polling counts once; the poll cursor only moves with polls', () => {
    const live = msg('bob', 'alice', 'ping');
    let s = agentMessagesReducer(emptyAgentMessages('alice'), { type: 'agent-message', payload: live }, away);
    assert.equal(s.cursor, undefined, 'a live message does not move the cursor: earlier ones may still be missing');
    s = agentMessagesReducer(s, { type: 'agent-messages:page', messages: [live] }, away);
    assert.equal(s.messages.length, 1);
    assert.deepEqual(s.unread, { bob: 1 });
    assert.equal(s.cursor, live.id);
    s = agentMessagesReducer(s, { type: 'agent-messages:reset-cursor' }, away);
    assert.equal(s.cursor, undefined);
  });

  it('conversations: latest first, then known agents without messages (offline too); selecting reads', () => {
    let s = emptyAgentMessages('alice');
    s = agentMessagesReducer(
      s,
      {
        type: 'colleagues',
        list: [
          { username: 'alice', name: 'Alice A' },
          { username: 'dan', name: 'Dan D', status: 'offline' },
          { username: 'bob', name: 'Bob B', status: 'online' },
        ],
      },
      away,
    );
    s = agentMessagesReducer(
      s,
      { type: 'agent-messages:page', messages: [msg('bob', 'alice', 'a')], initial: true },
      away,
    );
    s = agentMessagesReducer(s, { type: 'agent-message', payload: msg('erin', 'alice', 'b') }, away);
    const list = conversations(s);
    assert.deepEqual(
      list.map((c) => c.username),
      ['erin', 'bob', 'dan'],
    );
    assert.equal(list.find((c) => c.username === 'dan')!.status, 'offline');
    assert.equal(s.selected, 'bob', 'the first conversation is selected');
    s = agentMessagesReducer(s, { type: 'agent-messages:step', delta: -1 }, { viewing: true });
    assert.equal(s.selected, 'erin');
    assert.equal(s.unread.erin, undefined);
    assert.deepEqual(
      thread(s, 'bob').map((m) => m.body),
      ['a'],
    );
  });

  it('selecting an agent nobody wrote to yet opens an empty conversation; never yourself', () => {
    let s = agentMessagesReducer(emptyAgentMessages('alice'), { type: 'agent-messages:select', username: 'zoe' });
    assert.equal(s.selected, 'zoe');
    assert.deepEqual(
      conversations(s).map((c) => c.username),
      ['zoe'],
    );
    s = agentMessagesReducer(s, { type: 'agent-messages:select', username: 'alice' });
    assert.equal(s.selected, 'zoe');
  });

  it("at start the server's read marker says what is unread; reading moves it, never past an unread one", () => {
    const [a, b, c, d] = [
      msg('bob', 'alice', 'read before'),
      msg('carol', 'alice', 'unread 1'),
      msg('alice', 'carol', 'mine'),
      msg('bob', 'alice', 'unread 2'),
    ];
    let s = agentMessagesReducer(
      emptyAgentMessages('alice'),
      { type: 'agent-messages:page', messages: [a!, b!, c!, d!], initial: true, read: { readUpTo: a!.id, unread: 2 } },
      away,
    );
    assert.deepEqual(s.unread, { carol: 1, bob: 1 });
    assert.equal(readMarkerTarget(s), undefined, 'nothing new was read');
    // Reading bob's conversation cannot move the marker past carol's unread message.
    s = agentMessagesReducer(s, { type: 'agent-messages:select', username: 'bob' }, { viewing: true });
    assert.deepEqual(s.unread, { carol: 1 });
    assert.equal(readMarkerTarget(s), undefined);
    s = agentMessagesReducer(s, { type: 'agent-messages:select', username: 'carol' }, { viewing: true });
    assert.deepEqual(s.unread, {});
    assert.equal(readMarkerTarget(s), d!.id, 'everything read: up to the last received message');
    s = agentMessagesReducer(s, { type: 'agent-messages:read', read: { readUpTo: d!.id, unread: 0 } }, away);
    assert.equal(readMarkerTarget(s), undefined, 'the server has it');
  });

  it('a marker read in another session clears what it covers here; without a known marker, the last n', () => {
    const [a, b] = [msg('bob', 'alice', 'one'), msg('bob', 'alice', 'two')];
    let s = agentMessagesReducer(
      emptyAgentMessages('alice'),
      { type: 'agent-messages:page', messages: [a!, b!], initial: true, read: { readUpTo: null, unread: 1 } },
      away,
    );
    assert.deepEqual(s.unread, { bob: 1 }, 'the marker is unknown here (e.g. its message was deleted): the last one');
    s = agentMessagesReducer(s, { type: 'agent-messages:read', read: { readUpTo: b!.id, unread: 0 } }, away);
    assert.deepEqual(s.unread, {});
  });
});
