import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import type { PendingInvite } from '../../server/protocol/models.js';
import { App } from '../../tui/app/App.js';
import { agentView, FakeApi, fakeBackend, me, MemoryStore } from './helpers/fakes.js';
import { KEY, plain, press, waitFrame } from './helpers/ink.js';

afterEach(() => cleanup());

const HOUR = 3600_000;
const invite = (username: string, name: string, hours: number): PendingInvite => ({
  username,
  name,
  email: `${username}@example.test`,
  invitedBy: 'root',
  createdAt: new Date(Date.now() - HOUR).toISOString(),
  expiresAt: new Date(Date.now() + hours * HOUR).toISOString(),
});

async function onAdmin(invites: PendingInvite[] = []) {
  const api = new FakeApi(me({ username: 'root', name: 'Root R', role: 'admin' }));
  api.agents = [
    agentView('bob', { openChats: 2, maxChats: 5 }),
    agentView('dan', { status: 'offline', connected: false }),
    agentView('root', { name: 'Root R', role: 'admin', email: null, connected: false }),
  ];
  api.invites = invites;
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

  it('lists the pending invites under the agents: who, e-mail, who invited, expiry', async () => {
    const { lastFrame } = await onAdmin([invite('carol', 'Carol C', 48.5), invite('erin', 'Erin E', 3.5)]);
    const frame = plain(await waitFrame(lastFrame, 'Pending invites (2)'));
    assert.match(frame, /USERNAME\s+NAME\s+E-MAIL\s+INVITED BY\s+EXPIRES/);
    assert.match(frame, / carol\s+Carol C\s+carol@example\.test\s+root\s+in 2d 0h/);
    assert.match(frame, / erin\s+Erin E\s+erin@example\.test\s+root\s+in 3h 2\dm/);
    assert.match(frame, /Tab invites/, 'the footer says how to get to them');
  });

  it('an invite sent here shows in the pending invites', async () => {
    const { lastFrame, stdin } = await onAdmin();
    await waitFrame(lastFrame, 'None waiting: i invites an agent.');
    await press(stdin, 'i', 'carol', KEY.tab, 'Carol C', KEY.tab, 'carol@example.test', KEY.enter);
    await waitFrame(lastFrame, 'register#token=tok-carol');
    await waitFrame(lastFrame, (f) =>
      /Pending invites \(1\)[\s\S]* carol\s+Carol C\s+carol@example\.test/.test(plain(f)),
    );
  });

  it('revokes the selected invite only after confirmation, and its row goes', async () => {
    const { lastFrame, stdin, api } = await onAdmin([invite('carol', 'Carol C', 48), invite('erin', 'Erin E', 70)]);
    await waitFrame(lastFrame, 'Pending invites (2)');
    await press(stdin, KEY.tab);
    let frame = plain(await waitFrame(lastFrame, (f) => /▸ carol/.test(plain(f))));
    assert.match(frame, /s resend.*d revoke.*Tab agents.*Esc back/);
    assert.ok(!/▸ bob/.test(frame), 'the agents list no longer shows a selection');
    await press(stdin, KEY.down, 'd');
    await waitFrame(lastFrame, 'Revoke the invite for erin? Its register link stops working.');
    await press(stdin, 'n');
    await waitFrame(lastFrame, (f) => !f.includes('Revoke the invite'));
    assert.equal(api.ops('revokeInvite').length, 0);
    assert.equal(api.ops('deleteAgent').length, 0);
    await press(stdin, 'd');
    await waitFrame(lastFrame, 'Revoke the invite for erin?');
    await press(stdin, 'y');
    frame = plain(await waitFrame(lastFrame, 'Revoked the invite for erin; the username is free again'));
    assert.deepEqual(api.ops('revokeInvite')[0]!.args, ['erin']);
    frame = plain(await waitFrame(lastFrame, 'Pending invites (1)'));
    assert.ok(!/ erin\s+Erin E/.test(frame), 'the row is gone');
    assert.match(frame, /▸ carol\s+Carol C/, 'the next row is selected');
  });

  it('resends the selected invite and shows the new register link', async () => {
    const { lastFrame, stdin, api } = await onAdmin([invite('carol', 'Carol C', 1)]);
    await waitFrame(lastFrame, 'Pending invites (1)');
    await press(stdin, KEY.tab, 's');
    const frame = plain(await waitFrame(lastFrame, 'register#token=tok-carol'));
    // The notice wraps at the frame's width: compare the words.
    assert.match(
      frame.replace(/\s+/g, ' '),
      /New invite for carol: the register link was written to the outbox for carol@example\.test \(the old link no longer works\)/,
    );
    assert.deepEqual(api.ops('resendInvite')[0]!.args, ['carol']);
    await waitFrame(lastFrame, (f) => / carol\s+Carol C\s+\S+\s+root\s+in (2d 23h|3d 0h)/.test(plain(f)));
    await press(stdin, KEY.enter);
    await waitFrame(lastFrame, (f) => !f.includes('register#token'));
    await press(stdin, KEY.tab, 'd');
    await waitFrame(lastFrame, 'Delete bob?'); // Tab went back to the agents
  });
});
