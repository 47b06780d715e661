import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../tui/app/App.js';
import { ApiError } from '../../tui/client/errors.js';
import { FakeApi, fakeBackend, MemoryStore } from './helpers/fakes.js';
import { KEY, plain, press, tick, until, waitFrame } from './helpers/ink.js';

const SERVER = 'http://chat.example.test:3000';
const size = { columns: 100, rows: 30 };
afterEach(() => cleanup());

describe('login screen', () => {
  it('prefills the remembered server and username, logs in, remembers the token but never the password', async () => {
    const f = fakeBackend();
    const store = new MemoryStore({ server: SERVER, username: 'alice' });
    const { lastFrame, stdin } = render(<App backend={f.backend} store={store} size={size} />);
    let frame = await waitFrame(lastFrame, 'agent login');
    assert.match(plain(frame), /Server:\s+http:\/\/chat\.example\.test:3000/);
    assert.match(plain(frame), /Username:\s+alice/);

    await press(stdin, 'wrong password', KEY.enter);
    frame = await waitFrame(lastFrame, 'Wrong username or password');
    assert.ok(!plain(frame).includes('wrong password'), 'the password is never shown');

    await press(stdin, 'correct horse battery', KEY.enter);
    frame = await waitFrame(lastFrame, 'Waiting for visitors');
    assert.match(plain(frame), /Alice A \(alice\)/);
    assert.deepEqual(f.logins, [
      { server: SERVER, username: 'alice' },
      { server: SERVER, username: 'alice' },
    ]);
    assert.deepEqual(store.value, { server: SERVER, username: 'alice', token: 'token-alice' });
    assert.ok(!JSON.stringify(store.value).includes('horse'), 'no password in the config');
  });

  it('asks for every field, moving with Tab and Enter', async () => {
    const f = fakeBackend();
    const store = new MemoryStore();
    const { lastFrame, stdin } = render(<App backend={f.backend} store={store} size={size} />);
    await waitFrame(lastFrame, 'agent login');
    await press(stdin, KEY.enter);
    await waitFrame(lastFrame, 'Fill in Server');
    await press(stdin, `${SERVER}/`, KEY.tab, 'Alice', KEY.enter, 'correct horse battery', KEY.enter);
    await waitFrame(lastFrame, 'Waiting for visitors');
    assert.deepEqual(f.logins, [{ server: SERVER, username: 'alice' }], 'URL normalised, username lower-cased');
  });

  it('goes straight to the chats with a remembered token the server still accepts', async () => {
    const f = fakeBackend();
    const store = new MemoryStore({ server: SERVER, username: 'alice', token: 'still-good' });
    const { lastFrame } = render(<App backend={f.backend} store={store} size={size} />);
    await waitFrame(lastFrame, 'Waiting for visitors');
    assert.equal(f.logins.length, 0);
  });

  it('a remembered token the server refuses is forgotten, and the login screen says why', async () => {
    const api = new FakeApi();
    api.failMe = new ApiError(401, 'unauthorized', 'Your session has ended. Run: switchboard login');
    const f = fakeBackend(api);
    const store = new MemoryStore({ server: SERVER, username: 'alice', token: 'revoked' });
    const { lastFrame } = render(<App backend={f.backend} store={store} size={size} />);
    await waitFrame(lastFrame, 'no longer valid');
    assert.equal(store.value.token, undefined);
    assert.equal(store.value.username, 'alice');
  });

  it('log out (^Q then l) ends the session on the server and comes back to the login screen', async () => {
    const f = fakeBackend();
    const store = new MemoryStore({ server: SERVER, username: 'alice', token: 'good' });
    const { lastFrame, stdin } = render(<App backend={f.backend} store={store} size={size} />);
    await waitFrame(lastFrame, 'Waiting for visitors');
    await press(stdin, KEY.ctrl('q'));
    await waitFrame(lastFrame, 'l log out');
    await press(stdin, 'l');
    await waitFrame(lastFrame, 'Logged out. Your open chats went back to the queue.');
    assert.equal(f.api.ops('logout').length, 1);
    assert.equal(store.value.token, undefined);
    await until(() => f.live().closed, 1000, 'the live connection closed');
  });

  it('Esc does not quit the login screen; ^Q does, as the footer says', async () => {
    const f = fakeBackend();
    let quit = 0;
    const store = new MemoryStore({ server: SERVER, username: 'alice' });
    const { lastFrame, stdin } = render(<App backend={f.backend} store={store} size={size} onQuit={() => quit++} />);
    const frame = plain(await waitFrame(lastFrame, 'agent login'));
    assert.match(frame, /\^Q quit/);
    assert.doesNotMatch(frame, /Esc quit/);
    await press(stdin, 'half a passw', KEY.esc);
    await tick(50);
    assert.equal(quit, 0);
    await press(stdin, 'ord', KEY.ctrl('q'));
    await until(() => quit === 1, 1000, 'quit on ^Q');
  });

  it('quits on ^C without logging out', async () => {
    const f = fakeBackend();
    let quit = 0;
    const store = new MemoryStore({ server: SERVER, username: 'alice', token: 'good' });
    const { lastFrame, stdin } = render(<App backend={f.backend} store={store} size={size} onQuit={() => quit++} />);
    await waitFrame(lastFrame, 'Waiting for visitors');
    await press(stdin, KEY.ctrl('c'));
    assert.equal(quit, 1);
    assert.equal(f.api.ops('logout').length, 0);
    assert.equal(store.value.token, 'good');
  });
});
