import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../tui/app/App.js';
import { fakeBackend, MemoryStore, visitorSays } from './helpers/fakes.js';
import { KEY, plain, press, tick, until, waitFrame } from './helpers/ink.js';

afterEach(() => cleanup());

/** Signed in with `chats` open chats; counts quits. */
async function holding(chats: string[]) {
  const f = fakeBackend();
  let quits = 0;
  const store = new MemoryStore({ server: 'http://sb.test', username: 'alice', token: 'good' });
  const r = render(<App backend={f.backend} store={store} size={{ columns: 100, rows: 30 }} onQuit={() => quits++} />);
  await waitFrame(r.lastFrame, 'Waiting for visitors');
  await until(() => f.lives.length > 0);
  f.live().setConnected(true);
  f.live().emit('chats:open', {
    chats: chats.map((name) => ({
      chatId: name.toLowerCase(),
      visitor: { name },
      startedAt: new Date().toISOString(),
      transcript: [visitorSays(name.toLowerCase(), 1, name, 'Hello?')],
    })),
  });
  if (chats.length) await waitFrame(r.lastFrame, `Chats (${chats.length})`);
  return { ...r, f, quits: () => quits };
}

const ASK = /You hold 2 open chats: h hand them back \(go offline\) · q quit anyway · Esc stay/;

describe('quitting while holding open chats', () => {
  it('^C asks first; Esc stays, nothing is quit or logged out', async () => {
    const { lastFrame, stdin, f, quits } = await holding(['Grace', 'Ada']);
    await press(stdin, KEY.ctrl('c'));
    await waitFrame(lastFrame, (fr) => ASK.test(plain(fr)));
    assert.equal(quits(), 0);
    assert.match(plain(lastFrame()!), /h hand back.*q quit anyway.*Esc stay/);
    await press(stdin, KEY.esc);
    await waitFrame(lastFrame, (fr) => !ASK.test(plain(fr)));
    await press(stdin, 'typing works again');
    await waitFrame(lastFrame, 'typing works again');
    assert.equal(quits(), 0);
    assert.equal(f.api.ops('logout').length, 0);
  });

  it('^Q, then q: quits anyway (the chats stay with the agent for the grace period)', async () => {
    const { lastFrame, stdin, f, quits } = await holding(['Grace', 'Ada']);
    await press(stdin, KEY.ctrl('q'));
    await waitFrame(lastFrame, (fr) => ASK.test(plain(fr)));
    await press(stdin, 'q');
    await until(() => quits() === 1, 1000, 'quit');
    assert.equal(f.api.ops('logout').length, 0);
  });

  it('h: hands the chats back (front of the queue, agent offline, still logged in), then quits', async () => {
    const { lastFrame, stdin, f, quits } = await holding(['Grace', 'Ada']);
    await press(stdin, KEY.ctrl('c'));
    await waitFrame(lastFrame, (fr) => ASK.test(plain(fr)));
    await press(stdin, 'h');
    await until(() => quits() === 1, 1000, 'quit');
    assert.equal(f.api.ops('handBack').length, 1);
    assert.equal(f.api.ops('logout').length, 0, 'the session stays: the next start needs no login');
  });

  it('without open chats ^C quits at once', async () => {
    const { stdin, quits } = await holding([]);
    await press(stdin, KEY.ctrl('c'));
    await tick(50);
    assert.equal(quits(), 1);
  });
});
