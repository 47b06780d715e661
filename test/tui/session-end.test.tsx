import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../tui/app/App.js';
import { ApiError } from '../../tui/client/errors.js';
import { FakeApi, fakeBackend, MemoryStore } from './helpers/fakes.js';
import { KEY, plain, press, until, waitFrame } from './helpers/ink.js';

const SERVER = 'http://chat.example.test:3000';
const size = { columns: 100, rows: 30 };
const revoked = () => new ApiError(401, 'unauthorized', 'Missing, invalid, expired or revoked token.');
afterEach(() => cleanup());

/** Waits for the text on screen, wherever it wraps. */
const saying = (lastFrame: () => string | undefined, text: string) =>
  waitFrame(lastFrame, (f) =>
    plain(f)
      .replace(/[│\s]+/g, ' ')
      .includes(text),
  );

/** A JWT-shaped token (unsigned: the app only reads `exp` to word its message). */
const jwt = (expSeconds: number) =>
  ['e30', Buffer.from(JSON.stringify({ exp: expSeconds })).toString('base64url'), 'sig'].join('.');

async function running(token = 'good') {
  const f = fakeBackend(new FakeApi());
  const store = new MemoryStore({ server: SERVER, username: 'alice', token });
  const r = render(<App backend={f.backend} store={store} size={size} />);
  await waitFrame(r.lastFrame, 'Waiting for visitors');
  await until(() => f.lives.length > 0);
  f.live().setConnected(true);
  await waitFrame(r.lastFrame, '● connected');
  return { ...r, f, store, live: f.live() };
}

describe('a session the server ends while the app runs', () => {
  it('auth:expired: "your session ended (it expired)", the login screen, the token forgotten', async () => {
    const { lastFrame, store, live } = await running();
    live.emit('auth:expired', {});
    live.setConnected(false, undefined, 'io server disconnect');
    await saying(lastFrame, 'Your session ended (it expired). Log in again.');
    await waitFrame(lastFrame, 'agent login');
    assert.equal(store.value.token, undefined);
    assert.equal(store.value.username, 'alice');
    await until(() => live.closed, 1000, 'the connection closed');
  });

  it('closed by the server and the session is gone (logout elsewhere, account deleted): says so', async () => {
    const { lastFrame, f, store, live } = await running();
    f.api.failAll = revoked();
    live.setConnected(false, undefined, 'io server disconnect');
    await saying(lastFrame, 'Your session ended (logged out elsewhere, or the account was removed).');
    assert.equal(store.value.token, undefined);
    assert.equal(live.reconnects, 0);
  });

  it('the server says why it ended the session (auth:revoked): the message names it', async () => {
    for (const [reason, why] of [
      ['account_deleted', 'your account was removed'],
      ['logout', 'logged out elsewhere'],
    ] as const) {
      const { lastFrame, store, live } = await running();
      live.emit('auth:revoked', { reason });
      await saying(lastFrame, `Your session ended (${why}). Log in again.`);
      assert.equal(store.value.token, undefined);
    }
  });

  it('closed by the server while the session holds: connects again', async () => {
    const { lastFrame, live } = await running();
    live.setConnected(false, undefined, 'io server disconnect');
    await until(() => live.reconnects === 1, 2000, 'a new connection');
    live.setConnected(true);
    await waitFrame(lastFrame, '● connected');
  });

  it('the handshake is refused after a reconnect: an expired token says it expired', async () => {
    const { lastFrame, live } = await running(jwt(Math.floor(Date.now() / 1000) - 5));
    live.setConnected(false, undefined, 'transport close');
    live.setConnected(false, 'unauthorized');
    await saying(lastFrame, 'Your session ended (it expired).');
  });

  it('any 401 from the HTTP API ends the session (a key press never just says "revoked token")', async () => {
    const { lastFrame, stdin, f, store } = await running();
    f.api.failAll = revoked();
    await press(stdin, KEY.ctrl('o'));
    await saying(lastFrame, 'Your session ended (logged out elsewhere, or the account was removed).');
    assert.equal(store.value.token, undefined);
  });
});
