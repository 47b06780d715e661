import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { App } from '../../tui/app/App.js';
import { ApiError } from '../../tui/client/errors.js';
import { bindingsOf } from '../../tui/state/keymap.js';
import { FakeApi, fakeBackend, MemoryStore, message, visitorSays } from './helpers/fakes.js';
import { KEY, plain, press, tick, until, waitFrame } from './helpers/ink.js';

const SERVER = 'http://chat.example.test:3000';
afterEach(() => cleanup());

/** The app signed in as alice (remembered token), connected, with Grace's chat open. */
async function signedIn(size = { columns: 100, rows: 30 }, api = new FakeApi(), remindMs?: number) {
  const f = fakeBackend(api);
  api.colleaguesValue = [
    { username: 'alice', name: 'Alice A', status: 'online', connected: true, openChats: 1, maxChats: 5 },
    { username: 'dan', name: 'Dan D', status: 'offline', connected: false, openChats: 0, maxChats: 5 },
    { username: 'bob', name: 'Bob B', status: 'online', connected: true, openChats: 2, maxChats: 5 },
  ];
  let bells = 0;
  const store = new MemoryStore({ server: SERVER, username: 'alice', token: 'good' });
  const r = render(<App backend={f.backend} store={store} size={size} ring={() => bells++} remindMs={remindMs ?? 0} />);
  await waitFrame(r.lastFrame, 'Waiting for visitors');
  await until(() => f.lives.length > 0);
  const live = f.live();
  live.setConnected(true);
  live.emit('chats:open', {
    chats: [
      {
        chatId: 'grace',
        visitor: { name: 'Grace' },
        startedAt: new Date().toISOString(),
        transcript: [visitorSays('grace', 1, 'Grace', 'My order is late')],
      },
    ],
  });
  await waitFrame(r.lastFrame, 'My order is late');
  return { ...r, f, live, api, bells: () => bells };
}

describe('chats screen', () => {
  it('shows the open chats and the transcript with sender, receiver and time; system lines set apart', async () => {
    const { lastFrame, live } = await signedIn();
    const system = { role: 'system', name: 'Switchboard' } as const;
    live.emit('chat:message', message('grace', 2, system, 'Bob B transferred the chat to Alice A.'));
    const frame = plain(await waitFrame(lastFrame, 'transferred the chat'));
    assert.match(frame, /Chats \(1\)/);
    assert.match(frame, /▸.*Grace/);
    assert.match(frame, /\d\d:\d\d Grace → Alice A: My order is late/);
    assert.match(frame, /\d\d:\d\d ── Bob B transferred the chat to Alice A\. ──/);
    assert.match(frame, /● connected/);
    assert.match(frame, /Tab next chat.*Enter send.*\^X end.*\^T transfer.*\^O online\/offline.*\^G messages/);
  });

  it('announces a new chat with a bell, marks unread, switches with Tab', async () => {
    const { lastFrame, stdin, live, bells } = await signedIn();
    live.emit('chat:assigned', { chatId: 'ada', visitor: { name: 'Ada' }, reason: 'new', transcript: [] });
    await waitFrame(lastFrame, 'New chat: Ada');
    await until(() => bells() === 1, 1000, 'one bell');
    live.emit('chat:message', visitorSays('ada', 1, 'Ada', 'Hello?'));
    live.emit('chat:message', visitorSays('ada', 2, 'Ada', 'Anyone?'));
    await waitFrame(lastFrame, (f) => /●2 Ada/.test(plain(f)));
    await press(stdin, KEY.tab);
    const frame = plain(await waitFrame(lastFrame, 'Ada → Alice A: Anyone?'));
    assert.match(frame, /▸○ +Ada/, 'Ada is selected and read (waiting for an answer, nothing unread)');
    await press(stdin, KEY.shiftTab);
    await waitFrame(lastFrame, 'Grace → Alice A');
  });

  it('sends what is typed on Enter; the message shows once', async () => {
    const { lastFrame, stdin, live } = await signedIn();
    await press(stdin, 'Sorry', KEY.backspace, 'y to hear that!', KEY.enter);
    const frame = plain(await waitFrame(lastFrame, 'Alice A → Grace: Sorry to hear that!'));
    assert.deepEqual(live.calls, [{ op: 'send', chatId: 'grace', arg: 'Sorry to hear that!' }]);
    // The server echoes the message as chat:message too: still shown once.
    const alice = { role: 'agent', name: 'Alice A', username: 'alice' } as const;
    live.emit('chat:message', message('grace', 101, alice, 'Sorry to hear that!', { role: 'visitor', name: 'Grace' }));
    await waitFrame(lastFrame, '2 messages');
    assert.equal(frame.split('Sorry to hear that!').length, 2);
  });

  it('/shortcut then Tab inserts the canned reply, placeholders filled in, to edit before Enter', async () => {
    const api = new FakeApi();
    const team = { scope: 'team', id: 't1' } as const;
    api.canned = [
      { ...team, shortcut: 'hello', body: 'Hi {visitor.name}, {agent.name} here.\nHow can I help?' },
      { ...team, id: 't2', shortcut: 'refund', body: 'Refunds take 5 days.' },
      { ...team, id: 't3', shortcut: 'refund-late', body: 'Sorry it is late.' },
    ];
    const { lastFrame, stdin, live } = await signedIn(undefined, api);
    await press(stdin, '/he', KEY.tab);
    await waitFrame(lastFrame, 'Hi Grace, Alice A here.');
    assert.match(plain(lastFrame()!), /Chats \(1\)[\s\S]*▸.*Grace/, 'Tab did not move to another chat');
    await press(stdin, ' Welcome!', KEY.enter);
    await until(() => live.calls.length > 0);
    assert.deepEqual(live.calls, [
      { op: 'send', chatId: 'grace', arg: 'Hi Grace, Alice A here.\nHow can I help? Welcome!' },
    ]);

    await press(stdin, '/re', KEY.tab);
    await waitFrame(lastFrame, 'Canned replies: /refund  /refund-late (type more, then Tab)');
    await press(stdin, 'fund-', KEY.tab);
    await waitFrame(lastFrame, '> Sorry it is late.');
    await press(stdin, KEY.ctrl('u'), '/nope', KEY.tab);
    await waitFrame(lastFrame, 'No canned reply starts with /nope');
  });

  it('a visitor waiting for a reply is recalled with the bell, again and again, until the agent answers', async () => {
    const { lastFrame, stdin, bells } = await signedIn(undefined, new FakeApi(), 150);
    await waitFrame(lastFrame, /Grace has waited \S+ for a reply/);
    const first = bells();
    await until(() => bells() >= first + 2);
    await press(stdin, 'On it!', KEY.enter);
    await waitFrame(lastFrame, 'Alice A → Grace: On it!');
    await tick(200);
    const answered = bells();
    await tick(500);
    assert.equal(bells(), answered, 'no more reminders once answered');
  });

  it("shows the visitor typing (with the draft when forwarded) until their message comes; the agent's typing is sent", async () => {
    const { lastFrame, stdin, live } = await signedIn();
    live.emit('chat:typing', { chatId: 'grace', typing: true });
    await waitFrame(lastFrame, 'Grace is typing…');
    live.emit('chat:typing', { chatId: 'grace', typing: true, draft: 'It was order\u001b[31m #12' });
    const frame = await waitFrame(lastFrame, 'Grace is typing: It was order');
    assert.ok(!frame.includes('\u001b[31m #12'), 'escape sequences from the visitor are not passed on');
    live.emit('chat:message', visitorSays('grace', 2, 'Grace', 'It was order #1234'));
    await waitFrame(lastFrame, (f) => f.includes('It was order #1234') && !f.includes('is typing'));
    live.emit('chat:typing', { chatId: 'grace', typing: true });
    await waitFrame(lastFrame, 'Grace is typing…');
    live.emit('chat:typing', { chatId: 'grace', typing: false });
    await waitFrame(lastFrame, (f) => !f.includes('is typing'));

    await press(stdin, 'Let me check');
    await until(() => live.typings.length > 0);
    assert.deepEqual(live.typings, [{ chatId: 'grace', typing: true }], 'once while typing, not per key');
    await press(stdin, KEY.enter);
    await until(() => live.typings.length > 1);
    assert.deepEqual(live.typings.at(-1), { chatId: 'grace', typing: false });
    await press(stdin, '/hel');
    await tick(100);
    assert.equal(live.typings.length, 2, 'looking up a canned reply is not typing to the visitor');
  });

  it('says when a visitor rated a chat, and when a message was left (with a bell)', async () => {
    const { lastFrame, live, bells } = await signedIn();
    live.emit('chat:rated', { chatId: 'grace', score: 4, comment: 'Quick, thanks' });
    await waitFrame(lastFrame, 'Grace rated the chat ★★★★☆ (4/5): “Quick, thanks”');
    const before = bells();
    const left = {
      id: 'om1',
      name: 'Ada',
      email: 'ada@example.test',
      body: 'Call me back',
      createdAt: new Date().toISOString(),
      status: 'open' as const,
      replies: [],
    };
    live.emit('offline-message', { message: left });
    await waitFrame(lastFrame, 'Ada left a message: ^B opens the inbox');
    await until(() => bells() === before + 1);
  });

  it('who the visitor is, above the transcript on a narrow terminal; ^R hides it; strangers text made safe', async () => {
    const hopper = {
      name: 'Grace Hopper',
      email: 'grace@example.test',
      page: { url: 'https://shop.example/cart', title: 'Your cart\u001b]0;owned\u0007' },
      attributes: { plan: 'pro' },
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
      locale: 'de-DE',
      visitorId: 'v1',
      previousChats: 2,
    };
    const { lastFrame, stdin, live } = await signedIn({ columns: 100, rows: 30 });
    live.emit('chat:assigned', { chatId: 'ada', visitor: hopper, reason: 'new', transcript: [] });
    await waitFrame(lastFrame, 'New chat: Grace Hopper');
    await press(stdin, KEY.tab);
    const frame = plain(
      await waitFrame(lastFrame, (f) =>
        /e-mail grace@example\.test · page Your cart/.test(plain(f).replace(/[│\s]+/g, ' ')),
      ),
    );
    // Two rows of the chat pane: as much as fits, wrapped; the escape shown, not obeyed.
    assert.match(frame, /e-mail grace@example\.test · page Your cart\\u001b\]0;owned\\u0007 ·/);
    assert.match(frame, /https:\/\/shop\.example\/cart · plan pro · browser Firefox 121 on Linux/);
    assert.ok(!lastFrame()!.includes('\u001b]0;'), 'no raw escape sequence reaches the terminal');
    assert.ok(frame.split('\n').every((l) => stringWidth(l) <= 100));
    await press(stdin, KEY.ctrl('r'));
    await waitFrame(lastFrame, (f) => !f.includes('grace@example.test'));
    await press(stdin, KEY.ctrl('r'));
    await waitFrame(lastFrame, 'grace@example.test');
  });

  it('^D writes an internal note: sent as a note, shown set apart; the next text goes to the visitor again', async () => {
    const { lastFrame, stdin, live } = await signedIn();
    await press(stdin, KEY.ctrl('d'));
    await waitFrame(lastFrame, 'note> ');
    await press(stdin, 'VIP customer, be generous', KEY.enter);
    await waitFrame(lastFrame, /\[note\] Alice A: VIP customer, be generous/);
    assert.deepEqual(live.typings, [], 'writing a note is not typing to the visitor');
    await press(stdin, 'Hello Grace', KEY.enter);
    await until(() => live.calls.length === 2);
    assert.deepEqual(live.calls, [
      { op: 'note', chatId: 'grace', arg: 'VIP customer, be generous' },
      { op: 'send', chatId: 'grace', arg: 'Hello Grace' },
    ]);
    await until(() => live.typings.at(-1)?.typing === false);
    assert.deepEqual(live.typings[0], { chatId: 'grace', typing: true });
    // Notes from a colleague travel with a transferred chat; a note is no reply to the visitor.
    const bob = { role: 'agent', name: 'Bob B', username: 'bob' } as const;
    live.emit('chat:assigned', {
      chatId: 'ada',
      visitor: { name: 'Ada' },
      reason: 'reassigned',
      transcript: [
        visitorSays('ada', 1, 'Ada', 'Hello?'),
        { ...message('ada', 2, bob, 'Refund approved'), internal: true },
      ],
    });
    await waitFrame(lastFrame, 'Chat with Ada moved to you: its agent did not answer in time');
    await press(stdin, KEY.tab);
    await waitFrame(lastFrame, /\[note\] Bob B: Refund approved/);
    assert.match(plain(lastFrame()!), /○\s+Ada/, 'still waiting for a reply');
    live.emit('chat:removed', { chatId: 'ada', reason: 'reassigned' });
    await waitFrame(lastFrame, 'Chat with Ada moved to another agent');
  });

  it('Alt+Enter and ^J start a new line; the message is sent with its lines and shown on them', async () => {
    const { lastFrame, stdin, live } = await signedIn();
    await press(stdin, 'first', '\u001b\r', 'second', '\n', 'third');
    const frame = plain(await waitFrame(lastFrame, 'third'));
    assert.match(frame, /> first +│\n.*│ +second +│\n.*│ +third/);
    await press(stdin, KEY.enter);
    await until(() => live.calls.length === 1);
    assert.deepEqual(live.calls, [{ op: 'send', chatId: 'grace', arg: 'first\nsecond\nthird' }]);
    const shown = plain(await waitFrame(lastFrame, 'Alice A → Grace: first'));
    assert.match(shown, /Alice A → Grace: first +│\n.*││ second +│\n.*││ third +│/);
  });

  it('wrapped lines do not start with a blank; a link is shown whole on a line of its own', async () => {
    const { lastFrame, live } = await signedIn({ columns: 80, rows: 24 });
    const link = 'https://shop.example.com/orders/1234/tracking?lang=en';
    const long = 'https://shop.example.com/orders/1234/tracking?lang=en&ref=spring-campaign-2026';
    const body = `${'words and more '.repeat(6)}see ${link} or ${long} thanks`;
    live.emit('chat:message', visitorSays('grace', 2, 'Grace', body));
    const frame = plain(await waitFrame(lastFrame, 'thanks'));
    const pane = frame
      .split('\n')
      .filter((l) => l.includes('││ '))
      .map((l) => l.slice(l.indexOf('││ ') + 3).replace(/ *│$/, ''));
    const rows = pane.slice(pane.findIndex((l) => l.includes('Grace → Alice A: words')));
    assert.ok(rows.length > 2, frame);
    for (const r of rows) assert.ok(!r.startsWith(' '), `a wrapped line starts with a blank: "${r}"`);
    assert.ok(
      rows.some((r) => r.includes(link)),
      `the link is cut:\n${frame}`,
    );
    // Longer than a line: it starts one, and goes on at the start of the next.
    const at = rows.findIndex((r) => r.startsWith('https://shop.example.com/orders/1234/tracking?lang=en&'));
    assert.ok(at !== -1, `the long link does not start a line:\n${frame}`);
    assert.ok(`${rows[at]}${rows[at + 1]}`.startsWith(long), `the long link is not continued whole:\n${frame}`);
  });

  it('keeps the text when sending fails and says why', async () => {
    const { lastFrame, stdin, live } = await signedIn();
    live.failNext = new ApiError(0, 'rate_limited', 'Too many messages.');
    await press(stdin, 'hello', KEY.enter);
    const frame = plain(await waitFrame(lastFrame, 'Not sent: Too many messages. (rate_limited)'));
    assert.match(frame, /> hello/);
  });

  it('ends a chat only after confirmation', async () => {
    const { lastFrame, stdin, live } = await signedIn();
    await press(stdin, KEY.ctrl('x'));
    await waitFrame(lastFrame, 'End the chat with Grace? [y/N]');
    await press(stdin, 'n');
    await waitFrame(lastFrame, (f) => !f.includes('End the chat with'));
    assert.equal(live.calls.length, 0);
    await press(stdin, KEY.ctrl('x'));
    await waitFrame(lastFrame, 'End the chat with Grace?');
    await press(stdin, 'y');
    await waitFrame(lastFrame, 'ended by agent');
    assert.deepEqual(live.calls, [{ op: 'end', chatId: 'grace' }]);
    await press(stdin, KEY.ctrl('x'));
    await waitFrame(lastFrame, 'Chats (0)');
  });

  it('shows when the visitor has left the page (chat:presence) and when they are back', async () => {
    const { lastFrame, live } = await signedIn();
    live.emit('chat:presence', { chatId: 'grace', visitor: 'away' });
    await waitFrame(lastFrame, 'Grace · since');
    await waitFrame(lastFrame, 'the visitor left the page');
    live.emit('chat:presence', { chatId: 'grace', visitor: 'here' });
    await waitFrame(lastFrame, (f) => !f.includes('the visitor left the page'));
  });

  it('typing into an ended chat, or ^T on it, says why nothing happens', async () => {
    const { lastFrame, stdin, live } = await signedIn();
    live.emit('chat:ended', { chatId: 'grace', by: 'visitor' });
    await waitFrame(lastFrame, 'ended by visitor');
    await press(stdin, 'hello');
    await waitFrame(lastFrame, 'This chat has ended: nothing more can be sent (^X closes it).');
    await press(stdin, KEY.ctrl('t'));
    await waitFrame(lastFrame, 'This chat has ended: it cannot be transferred (^X closes it).');
    assert.doesNotMatch(plain(lastFrame()!), /Transfer the chat/);
    assert.deepEqual(live.calls, []);
  });

  it('transfers through the picker: agents with status and load, the available first', async () => {
    const { lastFrame, stdin, live } = await signedIn();
    await press(stdin, KEY.ctrl('t'));
    let frame = plain(await waitFrame(lastFrame, 'Dan D'));
    assert.match(frame, /Transfer the chat with Grace to:/);
    assert.match(frame, /▸ bob\s+Bob B\s+●\s+2\/5/);
    assert.match(frame, /dan\s+Dan D\s+○\s+0\/5 offline/);
    assert.ok(!/ alice\s+Alice A/.test(frame), 'not yourself');
    await press(stdin, KEY.down, KEY.up, KEY.enter);
    frame = plain(await waitFrame(lastFrame, 'Transferred the chat with Grace to bob'));
    assert.deepEqual(live.calls, [{ op: 'transfer', chatId: 'grace', arg: 'bob' }]);
    assert.match(frame, /Chats \(0\)/);
  });

  it("the picker's columns line up whatever a row says; online but not connected is not a green ●", async () => {
    const { lastFrame, stdin, api } = await signedIn();
    api.colleaguesValue = [
      { username: 'bob', name: 'Bob B', status: 'online', connected: true, openChats: 2, maxChats: 5 },
      { username: 'averyveryverylongusername', name: '李小龍 🐉 Zoë 👋🏽', status: 'online', connected: true },
      { username: 'cy', name: 'Cy', status: 'online', connected: true, openChats: 5, maxChats: 5 },
      { username: 'root', name: 'Root R', status: 'online', connected: false, openChats: 0, maxChats: 5 },
      { username: 'dan', name: 'Dan D', status: 'offline', connected: false, openChats: 0, maxChats: 10 },
    ];
    await press(stdin, KEY.ctrl('t'));
    const frame = await waitFrame(lastFrame, 'Dan D');
    const rows = frame.split('\n').filter((l) => /[●○]\s+[\d?]+\/[\d?]+/.test(plain(l)));
    assert.equal(rows.length, 5, frame);
    const column = (l: string) => stringWidth(plain(l).slice(0, plain(l).search(/[●○]\s+[\d?]/)));
    assert.equal(new Set(rows.map(column)).size, 1, `the dots are not in one column:\n${plain(frame)}`);
    const root = rows.find((l) => plain(l).includes('Root R'))!;
    assert.match(plain(root), /○\s+0\/5 not connected/);
    assert.ok(!root.includes('\u001b[32m'), 'not green');
  });

  it('shows why a transfer was refused and stays in the picker; Esc cancels', async () => {
    const { lastFrame, stdin, live } = await signedIn();
    live.failNext = new ApiError(0, 'conflict', 'Dan D is offline.');
    await press(stdin, KEY.ctrl('t'));
    await waitFrame(lastFrame, 'Dan D');
    await press(stdin, 'da', KEY.enter);
    await waitFrame(lastFrame, 'Dan D is offline. (conflict)');
    assert.deepEqual(live.calls, [{ op: 'transfer', chatId: 'grace', arg: 'dan' }]);
    await press(stdin, KEY.esc);
    await waitFrame(lastFrame, (f) => !f.includes('Transfer the chat'));
  });

  it('a server without an agent list for agents: the picker takes a typed username', async () => {
    const api = new FakeApi();
    const { lastFrame, stdin, live } = await signedIn(undefined, api);
    api.colleaguesValue = null;
    await press(stdin, KEY.ctrl('t'));
    await waitFrame(lastFrame, 'No agent list available');
    await press(stdin, 'Bob', KEY.enter);
    await waitFrame(lastFrame, 'Transferred the chat with Grace to bob');
    assert.deepEqual(live.calls, [{ op: 'transfer', chatId: 'grace', arg: 'bob' }]);
  });

  it('toggles online/offline', async () => {
    const { lastFrame, stdin, api } = await signedIn();
    await press(stdin, KEY.ctrl('o'));
    await waitFrame(lastFrame, '○ offline');
    await press(stdin, KEY.ctrl('o'));
    await waitFrame(lastFrame, '● online');
    assert.deepEqual(
      api.ops('setStatus').map((c) => c.args[0]),
      ['offline', 'online'],
    );
  });

  it('help lists every key of the screen from the keymap; Esc closes it', async () => {
    const { lastFrame, stdin } = await signedIn();
    await press(stdin, KEY.ctrl('k'));
    const frame = plain(await waitFrame(lastFrame, 'Keys: chats'));
    const lines = [
      /Tab \^N\s+next chat/,
      /\^X\s+end the chat \(asks\)/,
      /\^T\s+transfer the chat/,
      /PgUp\s+scroll back/,
      /\^D\s+internal note/,
      /\^Q\s+quit or log out/,
    ];
    for (const line of lines) {
      assert.match(frame, line);
    }
    await press(stdin, KEY.esc);
    await waitFrame(lastFrame, 'Grace → Alice A');
  });

  it('help at 80×24: every description whole, in columns within the width, none run into the next', async () => {
    const { lastFrame, stdin } = await signedIn({ columns: 80, rows: 24 });
    await press(stdin, KEY.ctrl('k'));
    const frame = plain(await waitFrame(lastFrame, 'Keys: chats'));
    const lines = frame.split('\n');
    for (const l of lines) assert.ok(stringWidth(l) <= 80, `too wide: ${l}`);
    const words = new Set(frame.split(/[\s│]+/));
    for (const b of bindingsOf(['chats', 'edit', 'global'])) {
      for (const w of b.help.split(' ')) assert.ok(words.has(w), `"${w}" of "${b.help}" is not shown whole`);
    }
    assert.doesNotMatch(frame, /\)\^|[a-z]\^[A-Z]/, 'a description runs into the next key');
  });

  it('an agent who is not an admin is not shown the admin key (^Y)', async () => {
    const { lastFrame, stdin } = await signedIn();
    assert.doesNotMatch(plain(lastFrame()!), /\^Y/);
    await press(stdin, KEY.ctrl('k'));
    const help = plain(await waitFrame(lastFrame, 'Keys: chats'));
    assert.doesNotMatch(help, /\^Y|admin/);
  });

  it('shows reconnecting, then restores the chats from chats:open without duplicates', async () => {
    const { lastFrame, live } = await signedIn();
    live.setConnected(false);
    await waitFrame(lastFrame, '⟳ reconnecting');
    live.setConnected(false, 'xhr poll error');
    await waitFrame(lastFrame, '⟳ reconnecting (1)');
    live.setConnected(true);
    live.emit('chats:open', {
      chats: [
        {
          chatId: 'grace',
          visitor: { name: 'Grace' },
          startedAt: new Date().toISOString(),
          transcript: [
            visitorSays('grace', 2, 'Grace', 'Hello again'),
            visitorSays('grace', 1, 'Grace', 'My order is late'),
          ],
        },
      ],
    });
    const frame = plain(await waitFrame(lastFrame, 'Hello again'));
    assert.match(frame, /● connected/);
    assert.equal(frame.split('My order is late').length, 2);
    assert.ok(frame.indexOf('My order is late') < frame.indexOf('Hello again'), 'ordered by seq');
  });

  it('neutralises escape sequences in visitor names and messages', async () => {
    const { lastFrame, stdin, live } = await signedIn();
    const evil = '\u001b[31mEvil\u001b]0;pwned\u0007';
    live.emit('chat:assigned', { chatId: 'evil', visitor: { name: evil }, reason: 'new', transcript: [] });
    const hostile = 'hi \u001b[2J\u001b]8;;http://x\u0007link\u001b]8;;\u0007 \u202egnp.exe';
    live.emit('chat:message', visitorSays('evil', 1, evil, hostile));
    await waitFrame(lastFrame, 'Chats (2)');
    await press(stdin, KEY.tab);
    const frame = await waitFrame(lastFrame, (f) => f.includes('link'));
    assert.ok(!frame.includes('\u001b]'), 'no OSC sequence reaches the terminal');
    assert.ok(!frame.includes('\u001b[31m'), 'no red from the visitor');
    assert.ok(!frame.includes('\u001b[2J'), 'no screen clearing');
    assert.ok(!frame.includes('\u0007') && !frame.includes('\u202e'), 'no bell, no bidi override');
    assert.ok(frame.includes('\\u001b[31mEvil\\u001b]0;pwned\\u0007'), 'the name is shown as visible text');
    assert.ok(frame.includes('\\u202egnp.exe'));
  });

  // A frame as tall as the terminal would make Ink clear the whole screen on every change.
  it('fits 80×24: every line within 80 columns, 23 lines (one row short of the terminal)', async () => {
    const { lastFrame } = await signedIn({ columns: 80, rows: 24 });
    const lines = plain(lastFrame()!).split('\n');
    assert.equal(lines.length, 23);
    for (const l of lines) assert.ok(stringWidth(l) <= 80, `too wide: ${l}`);
    assert.match(lines.join('\n'), /Grace → Alice A: My order is late/);
  });
});
