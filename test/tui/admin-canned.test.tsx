import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { App } from '../../tui/app/App.js';
import { agentView, FakeApi, fakeBackend, me, MemoryStore } from './helpers/fakes.js';
import { KEY, plain, press, waitFrame } from './helpers/ink.js';

afterEach(() => cleanup());

async function onCanned(size = { columns: 100, rows: 30 }) {
  const api = new FakeApi(me({ username: 'root', name: 'Root R', role: 'admin' }));
  api.agents = [agentView('bob')];
  api.canned = [
    { id: 'c1', shortcut: 'hello', body: 'Hi {visitor.name}, I am {agent.name}.', scope: 'team' },
    { id: 'c2', shortcut: 'refund', body: 'Refunds take 5 days.\nYou get an e-mail when it is done.', scope: 'team' },
    { id: 'c3', shortcut: 'mine', body: 'My own reply', scope: 'personal', owner: 'root' },
  ];
  const f = fakeBackend(api);
  const store = new MemoryStore({ server: 'http://sb.test', username: 'root', token: 'good' });
  const r = render(<App backend={f.backend} store={store} size={size} adminRefreshMs={60_000} />);
  await waitFrame(r.lastFrame, 'Waiting for visitors');
  await press(r.stdin, KEY.ctrl('y'));
  await waitFrame(r.lastFrame, (f) => /▸ bob/.test(plain(f)));
  assert.match(plain(r.lastFrame()!), /c canned/, 'the footer shows the way in');
  await press(r.stdin, 'c');
  await waitFrame(r.lastFrame, 'Team canned replies (2)');
  return { ...r, api };
}

describe('admin screen: team canned replies', () => {
  it('c lists the team replies (shortcut, first line), the selected one in full; Esc back to the agents', async () => {
    const { lastFrame, stdin } = await onCanned();
    let frame = plain(lastFrame()!);
    assert.match(frame, /Admin: canned replies/);
    assert.match(frame, /▸ \/hello\s+Hi \{visitor\.name\}, I am \{agent\.name\}\./);
    assert.match(frame, / \/refund\s+Refunds take 5 days\.\s/);
    assert.ok(!frame.includes('/mine'), 'personal replies are not listed here');
    assert.match(frame, /a add.*e edit.*d delete.*Esc agents/);
    await press(stdin, KEY.down);
    frame = plain(await waitFrame(lastFrame, (f) => /▸ \/refund/.test(plain(f))));
    assert.match(frame, /You get an e-mail when it is done\./, 'the whole text of the selected one');
    await press(stdin, KEY.esc);
    await waitFrame(lastFrame, (f) => /▸ bob/.test(plain(f)) && f.includes('Admin: agents'));
  });

  it('adds a multi-line team reply (a leading / is fine); a taken shortcut is refused in the form', async () => {
    const { lastFrame, stdin, api } = await onCanned();
    await press(stdin, 'a');
    await waitFrame(lastFrame, 'Add a team reply');
    await press(stdin, '/hello', KEY.enter, 'Hello again', KEY.enter);
    await waitFrame(lastFrame, 'The shortcut hello exists. (conflict)');
    await press(stdin, KEY.shiftTab, KEY.ctrl('u'), '/bye', KEY.tab, KEY.ctrl('u'));
    await press(stdin, 'Bye {visitor.name}!', '\u001b\r', 'Come back soon.', KEY.enter);
    await waitFrame(lastFrame, 'Added the team reply /bye');
    assert.deepEqual(api.ops('addCanned').at(-1)!.args[0], {
      shortcut: 'bye',
      body: 'Bye {visitor.name}!\nCome back soon.',
      scope: 'team',
    });
    const frame = plain(await waitFrame(lastFrame, 'Team canned replies (3)'));
    assert.match(frame, /▸ \/bye\s+Bye \{visitor\.name\}!/);
  });

  it('a bad shortcut is explained before anything is sent', async () => {
    const { lastFrame, stdin, api } = await onCanned();
    await press(stdin, 'a', 'Bad Key', KEY.tab, 'text', KEY.enter);
    await waitFrame(lastFrame, 'The shortcut takes lower case letters, digits, _ and -');
    assert.equal(api.ops('addCanned').length, 0);
    await press(stdin, KEY.esc);
    await waitFrame(lastFrame, (f) => !f.includes('Add a team reply'));
  });

  it('edits the selected reply keeping its line breaks, sending only what changed', async () => {
    const { lastFrame, stdin, api } = await onCanned();
    await press(stdin, KEY.down, 'e');
    await waitFrame(lastFrame, 'Edit the team reply');
    assert.match(plain(lastFrame()!), /Shortcut: \/refund/);
    await press(stdin, KEY.tab, ' Thanks!', KEY.enter);
    await waitFrame(lastFrame, 'Saved the team reply /refund');
    assert.deepEqual(api.ops('editCanned')[0]!.args, [
      'c2',
      { body: 'Refunds take 5 days.\nYou get an e-mail when it is done. Thanks!' },
    ]);
  });

  it('deletes after y only', async () => {
    const { lastFrame, stdin, api } = await onCanned();
    await press(stdin, 'd');
    await waitFrame(lastFrame, 'Delete the team reply /hello? [y/N]');
    await press(stdin, 'n');
    await waitFrame(lastFrame, (f) => !f.includes('Delete the team reply'));
    assert.equal(api.ops('removeCanned').length, 0);
    await press(stdin, 'd', 'y');
    await waitFrame(lastFrame, 'Deleted the team reply /hello');
    await waitFrame(lastFrame, 'Team canned replies (1)');
    assert.deepEqual(api.ops('removeCanned')[0]!.args, ['c1']);
  });

  it('fits 80×24, every row within the width', async () => {
    const { lastFrame, stdin } = await onCanned({ columns: 80, rows: 24 });
    await press(stdin, 'a');
    const frame = plain(await waitFrame(lastFrame, 'Add a team reply'));
    for (const row of frame.split('\n')) assert.ok(stringWidth(row) <= 80, `too wide: ${row}`);
    assert.match(frame, /Shortcut: \/\s*│\n│ Text:/);
  });
});
