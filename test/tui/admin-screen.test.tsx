import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { App } from '../../tui/app/App.js';
import { agentView, FakeApi, fakeBackend, me, MemoryStore } from './helpers/fakes.js';
import { KEY, plain, press, waitFrame } from './helpers/ink.js';

afterEach(() => cleanup());

async function onAdmin() {
  const api = new FakeApi(me({ username: 'root', name: 'Root R', role: 'admin' }));
  api.agents = [
    agentView('bob', { openChats: 2, maxChats: 5 }),
    agentView('dan', { status: 'offline', connected: false }),
    agentView('root', { name: 'Root R', role: 'admin', email: null, connected: false }),
  ];
  const f = fakeBackend(api);
  const store = new MemoryStore({ server: 'http://sb.test', username: 'root', token: 'good' });
  const r = render(<App backend={f.backend} store={store} size={{ columns: 100, rows: 30 }} adminRefreshMs={60_000} />);
  await waitFrame(r.lastFrame, 'Waiting for visitors');
  await press(r.stdin, KEY.ctrl('y'));
  await waitFrame(r.lastFrame, 'USERNAME');
  await waitFrame(r.lastFrame, (f) => /▸ bob/.test(plain(f)));
  return { ...r, api };
}

describe('admin screen', () => {
  it('lists the accounts with e-mail, status, live connection and load', async () => {
    const { lastFrame } = await onAdmin();
    const frame = plain(lastFrame()!);
    assert.match(frame, /USERNAME\s+NAME\s+E-MAIL\s+STATUS\s+LIVE\s+CHATS\s+ROLE/);
    assert.match(frame, /▸ bob\s+Bob B\s+bob@example\.test\s+● online\s+yes\s+2\/5\s+agent/);
    assert.match(frame, /dan\s+Dan B\s+dan@example\.test\s+○ offline\s+no\s+0\/5\s+agent/);
    assert.match(frame, /i invite.*m max chats.*d delete.*Esc back/);
  });

  it('an admin online but not connected is not shown with a green ●', async () => {
    const { lastFrame } = await onAdmin();
    const line = lastFrame()!
      .split('\n')
      .find((l) => / root +Root R/.test(plain(l)))!;
    assert.match(plain(line), /root\s+Root R\s+○ online\s+no\s+0\/5\s+admin/);
    assert.ok(!line.includes('\u001b[32m'), 'nothing green on that row');
  });

  it('invites an agent and shows the register link that was mailed', async () => {
    const { lastFrame, stdin, api } = await onAdmin();
    await press(stdin, 'i');
    await waitFrame(lastFrame, 'Invite an agent');
    await press(stdin, 'carol', KEY.tab, 'Carol C', KEY.enter, 'carol@example.test', KEY.enter);
    const frame = plain(await waitFrame(lastFrame, 'register#token=tok-carol'));
    assert.match(frame, /Invited carol: the register link was written to the outbox for carol@example\.test/);
    assert.deepEqual(api.ops('invite')[0]!.args[0], {
      username: 'carol',
      name: 'Carol C',
      email: 'carol@example.test',
    });
    await press(stdin, KEY.enter);
    await waitFrame(lastFrame, (f) => !f.includes('register#token'));
  });

  it('shows a refused invite in the form', async () => {
    const { lastFrame, stdin } = await onAdmin();
    await press(stdin, 'i', 'bob', KEY.tab, 'Bob Again', KEY.tab, 'b@example.test', KEY.enter);
    await waitFrame(lastFrame, 'The username bob is taken. (conflict)');
    await press(stdin, KEY.esc);
    await waitFrame(lastFrame, (f) => !f.includes('Invite an agent'));
  });

  it("sets the selected agent's max chats", async () => {
    const { lastFrame, stdin, api } = await onAdmin();
    await press(stdin, 'm');
    await waitFrame(lastFrame, 'Max chats for bob');
    await press(stdin, KEY.ctrl('u'), '101', KEY.enter);
    await waitFrame(lastFrame, 'whole number from 0 to 100');
    await press(stdin, KEY.ctrl('u'), '2', KEY.enter);
    await waitFrame(lastFrame, 'bob may now hold 2 chats');
    assert.deepEqual(api.ops('updateAgent')[0]!.args, ['bob', { maxChats: 2 }]);
    await waitFrame(lastFrame, (f) => /bob\s+Bob B\s+\S+\s+● online\s+yes\s+2\/2/.test(plain(f)));
  });

  it('max chats: the value is shown selected and what is typed replaces it (5, then 1: 1, not 51)', async () => {
    const { lastFrame, stdin, api } = await onAdmin();
    await press(stdin, 'm');
    const frame = plain(await waitFrame(lastFrame, 'Max chats for bob'));
    assert.match(frame, /Max chats: 5/);
    await press(stdin, '1', KEY.enter);
    await waitFrame(lastFrame, 'bob may now hold 1 chat');
    assert.deepEqual(api.ops('updateAgent')[0]!.args, ['bob', { maxChats: 1 }]);
    // Moving the cursor keeps the value: typing then adds to it.
    await press(stdin, 'm');
    await waitFrame(lastFrame, 'Max chats for bob');
    await press(stdin, KEY.right, '0', KEY.enter);
    await waitFrame(lastFrame, 'bob may now hold 10 chats');
  });

  it('deletes an agent only after confirmation; admin accounts are not managed here', async () => {
    const { lastFrame, stdin, api } = await onAdmin();
    await press(stdin, KEY.down, 'd');
    await waitFrame(lastFrame, 'Delete dan?');
    await press(stdin, 'n');
    await waitFrame(lastFrame, (f) => !f.includes('Delete dan?'));
    assert.equal(api.ops('deleteAgent').length, 0);
    await press(stdin, 'd');
    await waitFrame(lastFrame, 'Delete dan?');
    await press(stdin, 'y');
    await waitFrame(lastFrame, 'Deleted dan');
    assert.deepEqual(api.ops('deleteAgent')[0]!.args, ['dan']);
    await waitFrame(lastFrame, (f) => !/ dan\s+Dan B/.test(plain(f)));
    await press(stdin, KEY.down, 'd');
    await waitFrame(lastFrame, 'Admin accounts are managed on the server machine');
    assert.equal(api.ops('deleteAgent').length, 1);
  });
});
