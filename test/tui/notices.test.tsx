import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../tui/app/App.js';
import { fakeBackend, MemoryStore, visitorSays } from './helpers/fakes.js';
import { KEY, plain, press, tick, until, waitFrame } from './helpers/ink.js';

afterEach(() => cleanup());

const NOTICE_MS = 300;

/** Signed in with Grace's chat open (selected); notices expire after 300 ms. */
async function running() {
  const f = fakeBackend();
  const store = new MemoryStore({ server: 'http://sb.test', username: 'alice', token: 'good' });
  const r = render(<App backend={f.backend} store={store} size={{ columns: 100, rows: 30 }} noticeMs={NOTICE_MS} />);
  await waitFrame(r.lastFrame, 'Waiting for visitors');
  await until(() => f.lives.length > 0);
  const live = f.live();
  live.setConnected(true);
  live.emit('chats:open', {
    chats: [{ chatId: 'grace', visitor: { name: 'Grace' }, startedAt: '', transcript: [] }],
  });
  await waitFrame(r.lastFrame, 'Chats (1)');
  return { ...r, live };
}

/** The line under the boxes. */
function statusLine(frame: string): string {
  const lines = plain(frame).split('\n');
  return lines[lines.findLastIndex((l) => l.startsWith('╰')) + 1] ?? '';
}

describe('status-line notices', () => {
  it('go away after a while', async () => {
    const { lastFrame, live } = await running();
    live.emit('chat:assigned', { chatId: 'ada', visitor: { name: 'Ada' }, reason: 'new', transcript: [] });
    await waitFrame(lastFrame, 'New chat: Ada');
    await tick(NOTICE_MS * 3);
    assert.doesNotMatch(statusLine(lastFrame()!), /New chat: Ada/);
  });

  it('stay while still true: a new chat with unread messages, until it is read', async () => {
    const { lastFrame, stdin, live } = await running();
    live.emit('chat:assigned', {
      chatId: 'bob',
      visitor: { name: 'Bob' },
      reason: 'transfer',
      transcript: [visitorSays('bob', 1, 'Bob', 'Still there?')],
    });
    await waitFrame(lastFrame, 'Chat with Bob transferred to you');
    await tick(NOTICE_MS * 3);
    assert.match(statusLine(lastFrame()!), /Chat with Bob transferred to you/);
    await press(stdin, KEY.tab);
    await waitFrame(lastFrame, 'Bob → Alice A: Still there?');
    await waitFrame(lastFrame, (f) => !statusLine(f).includes('transferred to you'));
  });
});
