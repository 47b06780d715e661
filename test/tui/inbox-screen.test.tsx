import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import stringWidth from 'string-width';
import type { OfflineMessage } from '../../server/protocol/offline-messages.js';
import { App } from '../../tui/app/App.js';
import { ApiError } from '../../tui/client/errors.js';
import { FakeApi, fakeBackend, MemoryStore } from './helpers/fakes.js';
import { KEY, plain, press, until, waitFrame } from './helpers/ink.js';

afterEach(() => cleanup());

const MIN = 60_000;
const left = (id: string, name: string, body: string, minutesAgo: number, o: Partial<OfflineMessage> = {}) => ({
  id,
  name,
  email: `${name.toLowerCase().split(' ')[0]}@example.test`,
  body,
  createdAt: new Date(Date.now() - minutesAgo * MIN).toISOString(),
  status: 'open' as const,
  replies: [],
  ...o,
});

/** Signed in as alice, connected, with these left messages on the server. */
async function signedIn(inbox: OfflineMessage[], size = { columns: 100, rows: 30 }) {
  const api = new FakeApi();
  api.inbox = inbox;
  const f = fakeBackend(api);
  const store = new MemoryStore({ server: 'http://sb.test', username: 'alice', token: 'good' });
  const r = render(<App backend={f.backend} store={store} size={size} remindMs={0} />);
  await waitFrame(r.lastFrame, 'Waiting for visitors');
  await until(() => f.lives.length > 0);
  const live = f.live();
  live.setConnected(true);
  live.emit('chats:open', { chats: [] });
  return { ...r, api, live };
}

async function onInbox(inbox: OfflineMessage[], size?: { columns: number; rows: number }) {
  const r = await signedIn(inbox, size);
  await waitFrame(r.lastFrame, `inbox ${inbox.filter((m) => m.status === 'open').length}`);
  await press(r.stdin, KEY.ctrl('b'));
  await waitFrame(r.lastFrame, (f) => /Inbox \(\d+ open\)/.test(plain(f)));
  return r;
}

const ada = () =>
  left('om2', 'Ada Lovelace', 'My invoice is wrong.\nIt says 12 instead of 10.', 5, {
    page: { url: 'https://shop.example/billing', title: 'Billing' },
  });
const bob = () => left('om1', 'Bob Brown', 'Where is my parcel?', 90);

describe('inbox screen', () => {
  it('the header counts the open left messages on every screen, live', async () => {
    const { lastFrame, stdin, live } = await signedIn([ada(), bob()]);
    await waitFrame(lastFrame, (f) => /chats 0\/5 +inbox 2/.test(plain(f)));
    assert.match(plain(lastFrame()!), /\^B inbox/, 'the chats footer shows the way in');
    live.emit('offline-message', { message: left('om3', 'Cy', 'Hello?', 0) });
    await waitFrame(lastFrame, 'inbox 3');
    await press(stdin, KEY.ctrl('g'));
    await waitFrame(lastFrame, (f) => f.includes('Agent messages') && f.includes('inbox 3'));
  });

  it('lists newest first with name, e-mail, age and first line; shows the selected one in full', async () => {
    const { lastFrame, stdin } = await onInbox([ada(), bob()]);
    let frame = plain(await waitFrame(lastFrame, 'It says 12 instead of 10.'));
    assert.match(frame, /Inbox \(2 open\)/);
    assert.match(frame, /▸● Ada Lovelace\s+5m/);
    assert.match(frame, /ada@example\.test My invoice is wro/);
    assert.match(frame, / ● Bob Brown\s+1h/);
    assert.ok(frame.indexOf('Ada Lovelace') < frame.indexOf('Bob Brown'), 'newest first');
    assert.match(frame, /Ada Lovelace <ada@example\.test>/);
    assert.match(frame, /left \d\d:\d\d \(5m ago\) · open/);
    assert.match(frame, /page: Billing https:\/\/shop\.example\/billing/);
    assert.match(frame, /My invoice is wrong\.\s*│\s*\n.*It says 12 instead of 10\./, 'line breaks kept');
    assert.match(frame, /r reply.*c close.*f filter.*Esc back/);
    await press(stdin, KEY.down);
    frame = plain(await waitFrame(lastFrame, 'Bob Brown <bob@example.test>'));
    assert.match(frame, /▸● Bob Brown/);
    await press(stdin, KEY.esc);
    await waitFrame(lastFrame, 'Waiting for visitors');
  });

  it('replies by e-mail: multi-line composer, Enter sends, the count goes down', async () => {
    const { lastFrame, stdin, api } = await onInbox([ada(), bob()]);
    await waitFrame(lastFrame, 'inbox 2');
    await press(stdin, 'r');
    await waitFrame(lastFrame, 'Reply to ada@example.test (e-mailed):');
    assert.match(plain(lastFrame()!), /Enter send {2}Esc cancel/);
    await press(stdin, 'Sorry, Ada.', '\u001b\r', 'Fixed: 10.', KEY.enter);
    let frame = plain(await waitFrame(lastFrame, 'Replied to Ada Lovelace by e-mail'));
    assert.deepEqual(api.ops('replyInbox')[0]!.args, ['om2', 'Sorry, Ada.\nFixed: 10.']);
    frame = plain(await waitFrame(lastFrame, 'inbox 1'));
    assert.match(frame, /↳ reply by Alice A \(alice\) \d\d:\d\d, just now, e-mailed/);
    assert.match(frame, /Sorry, Ada\./);
    assert.match(frame, /· answered/);
    assert.match(frame, /▸✓ Ada Lovelace/);
  });

  it('a refused e-mail (503) keeps the reply to try again; a closed message (409) says so', async () => {
    const { lastFrame, stdin, api } = await onInbox([ada()]);
    api.failReply = new ApiError(503, 'unavailable', 'The mail server refused the message.');
    await press(stdin, KEY.enter, 'Fixed.', KEY.enter);
    const words = (text: string) => (f: string) =>
      plain(f)
        .replace(/[\s│]+/g, ' ')
        .includes(text);
    await waitFrame(lastFrame, words('The e-mail could not be sent, so nothing was stored: try again in a moment.'));
    assert.match(plain(lastFrame()!), /> Fixed\./, 'the text is still there');
    assert.match(plain(lastFrame()!), /inbox 1/);
    api.failReply = new ApiError(409, 'conflict', 'closed');
    await press(stdin, KEY.enter);
    await waitFrame(lastFrame, 'This message is closed: it takes no reply.');
    await press(stdin, KEY.enter);
    await waitFrame(lastFrame, 'Replied to Ada Lovelace by e-mail');
    assert.equal(api.ops('replyInbox').length, 3);
  });

  it('closes after y (n keeps it); the count goes down; f cycles open/answered/closed/all', async () => {
    const { lastFrame, stdin, api } = await onInbox([ada(), bob()]);
    await press(stdin, 'c');
    await waitFrame(lastFrame, 'Close the message from Ada Lovelace? [y/N]');
    await press(stdin, 'n');
    await waitFrame(lastFrame, (f) => !f.includes('Close the message'));
    assert.equal(api.ops('closeInbox').length, 0);
    await press(stdin, 'c', 'y');
    await waitFrame(lastFrame, 'Closed the message from Ada Lovelace');
    await waitFrame(lastFrame, 'inbox 1');
    assert.deepEqual(api.ops('closeInbox')[0]!.args, ['om2']);
    await press(stdin, 'f');
    await waitFrame(lastFrame, (f) => /Inbox \(0 answered\)/.test(plain(f)) && f.includes('No answered messages.'));
    await press(stdin, 'f');
    let frame = plain(await waitFrame(lastFrame, (f) => /Inbox \(1 closed\)/.test(plain(f))));
    assert.match(frame, /▸✕ Ada Lovelace/);
    await press(stdin, 'r');
    await waitFrame(lastFrame, 'This message is closed: it takes no reply.');
    await press(stdin, 'f');
    frame = plain(await waitFrame(lastFrame, (f) => /Inbox \(2 all\)/.test(plain(f))));
    await press(stdin, 'f');
    await waitFrame(lastFrame, (f) => /Inbox \(1 open\)/.test(plain(f)));
    assert.deepEqual(
      api.ops('listInbox').map((c) => c.args[0]),
      ['open', 'open', 'open', 'answered', 'closed', 'all', 'open', 'open'].slice(0, api.ops('listInbox').length),
    );
  });

  it('a message arriving while the inbox is open goes to the top; the screen re-fetches on opening', async () => {
    const { lastFrame, stdin, live, api } = await onInbox([bob()]);
    live.emit('offline-message', { message: ada() });
    const frame = plain(await waitFrame(lastFrame, (f) => /Inbox \(2 open\)/.test(plain(f))));
    assert.match(frame, /● Ada Lovelace[\s\S]*▸● Bob Brown/, 'at the top, the selection stays');
    assert.match(frame, /inbox 2/);
    api.inbox.push(left('om9', 'Eve', 'Another one', 1));
    await press(stdin, KEY.esc);
    await waitFrame(lastFrame, 'Waiting for visitors');
    await press(stdin, KEY.ctrl('b'));
    await waitFrame(lastFrame, (f) => /Inbox \(2 open\)/.test(plain(f)) && f.includes('Eve'));
  });

  it("a stranger's text cannot move the cursor or colour the screen; wide characters fit 80×24", async () => {
    const size = { columns: 80, rows: 24 };
    const evil = left('om5', 'Mal\u001b[2J\u001b]0;pwn\u0007', '表示テスト\u001b[31mred\u001b[0m'.repeat(8), 2, {
      email: 'mal@example.test',
    });
    const { lastFrame } = await onInbox([evil], size);
    const frame = await waitFrame(lastFrame, 'mal@example.test');
    assert.ok(!frame.includes('\u001b[2J') && !frame.includes('\u001b]0;'), 'no escape sequence got through');
    assert.ok(!frame.includes('\u001b[31m'), 'no colour from the visitor');
    assert.match(plain(frame), /Mal\\u001b\[2J/);
    for (const row of plain(frame).split('\n')) assert.ok(stringWidth(row) <= 80, `too wide: ${row}`);
  });
});
