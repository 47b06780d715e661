import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../tui/app/App.js';
import { FakeApi, fakeBackend, MemoryStore } from './helpers/fakes.js';
import { KEY, plain, press, until, waitFrame } from './helpers/ink.js';

afterEach(() => cleanup());
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

async function onMessages(pollMs = 60_000) {
  const api = new FakeApi();
  api.colleaguesValue = [
    { username: 'bob', name: 'Bob B', status: 'online', connected: true, openChats: 1, maxChats: 5 },
    { username: 'dan', name: 'Dan D', status: 'offline', connected: false, openChats: 0, maxChats: 5 },
    { username: 'root', name: 'Root R', status: 'online', connected: false, openChats: 0, maxChats: 5 },
  ];
  api.messages = [
    { id: 'a1', from: 'bob', to: 'alice', body: 'Can you take the 3pm shift?', sentAt: minutesAgo(10) },
    { id: 'a2', from: 'alice', to: 'bob', body: 'Sure', sentAt: minutesAgo(9) },
  ];
  const f = fakeBackend(api);
  const store = new MemoryStore({ server: 'http://sb.test', username: 'alice', token: 'good' });
  const r = render(<App backend={f.backend} store={store} size={{ columns: 100, rows: 30 }} pollMs={pollMs} />);
  await waitFrame(r.lastFrame, 'Waiting for visitors');
  await until(() => f.lives.length > 0 && api.ops('listAgentMessages').length > 0);
  await press(r.stdin, KEY.ctrl('g'));
  await waitFrame(r.lastFrame, 'Can you take the 3pm shift?');
  return { ...r, api, live: f.live() };
}

describe('agent messages screen', () => {
  it('an agent online but not connected (e.g. an admin using only the CLI) is not shown with a green ●', async () => {
    const { lastFrame } = await onMessages();
    await waitFrame(lastFrame, 'Root R');
    const row = lastFrame()!
      .split('\n')
      .find((l) => plain(l).includes('Root R'))!;
    assert.match(plain(row), /○ Root R/);
    assert.ok(!row.includes('\u001b[32m'), 'not green');
  });

  const listsConversations =
    'lists conversations, offline agents too, with the selected thread (sender → receiver on each line)';
  it(listsConversations, async () => {
    const { lastFrame } = await onMessages();
    const frame = plain(await waitFrame(lastFrame, 'Dan D'));
    assert.match(frame, /Agent messages/);
    assert.match(frame, /▸● Bob B\s+9m/);
    assert.match(frame, /○ Dan D/);
    assert.match(frame, /\d\d:\d\d Bob B → Alice A: Can you take the 3pm shift\?/);
    assert.match(frame, /\d\d:\d\d Alice A → Bob B: Sure/);
    assert.match(frame, /✉ 0/, 'history counts as read');
  });

  it('a live message from another agent shows an unread count until its conversation is opened', async () => {
    const { lastFrame, stdin, live } = await onMessages();
    live.emit('agent-message', { id: 'a3', from: 'dan', to: 'alice', body: 'Back tomorrow', sentAt: minutesAgo(0) });
    let frame = plain(await waitFrame(lastFrame, (f) => /Dan D\s+1/.test(plain(f))));
    assert.match(frame, /Message from Dan D/);
    assert.match(frame, /✉ 1/);
    await press(stdin, KEY.up);
    frame = plain(await waitFrame(lastFrame, 'Dan D → Alice A: Back tomorrow'));
    assert.match(frame, /✉ 0/);
  });

  it('composes and sends to the selected agent', async () => {
    const { lastFrame, stdin, api } = await onMessages();
    await press(stdin, 'See you at 3', KEY.enter);
    await waitFrame(lastFrame, 'Alice A → Bob B: See you at 3');
    assert.deepEqual(api.ops('sendAgentMessage')[0]!.args, ['bob', 'See you at 3']);
  });

  it('^N writes to any agent by username', async () => {
    const { lastFrame, stdin, api } = await onMessages();
    await press(stdin, KEY.ctrl('n'));
    await waitFrame(lastFrame, 'Write to (username):');
    await press(stdin, 'Zoe', KEY.enter);
    await waitFrame(lastFrame, 'No messages yet');
    await press(stdin, 'Welcome aboard', KEY.enter);
    await waitFrame(lastFrame, 'Alice A → zoe: Welcome aboard');
    assert.deepEqual(api.ops('sendAgentMessage')[0]!.args, ['zoe', 'Welcome aboard']);
  });

  it('falls back to polling GET /api/agent-messages?after= for messages the socket missed', async () => {
    const { lastFrame, api } = await onMessages(100);
    api.messages.push({ id: 'a9', from: 'bob', to: 'alice', body: 'Missed me?', sentAt: minutesAgo(0) });
    await waitFrame(lastFrame, 'Bob B → Alice A: Missed me?');
    assert.ok(
      api.ops('listAgentMessages').some((c) => c.args[0] === 'a2'),
      'polls after the last id it has',
    );
  });

  it('Esc goes back to the chats', async () => {
    const { lastFrame, stdin } = await onMessages();
    await press(stdin, KEY.esc);
    await waitFrame(lastFrame, 'Waiting for visitors');
  });
});
