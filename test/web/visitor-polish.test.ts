// The chat page's small things: clickable links (http/https only), bidi controls neutralised in every
// message, an ended empty chat, the tab title and a soft sound for unread agent messages while the
// tab is hidden (with a remembered opt-out), and a requeued chat with no agent online.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld } from '../helpers/chat.js';
import { emitAck, eventually, record } from '../helpers/sockets.js';
import {
  joinAs,
  openVisitor,
  screenshots,
  send,
  setTabHidden,
  unexpected,
  waitForMessage,
  waitForView,
} from './visitor-page.js';

let browser: TestBrowser;

before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const TITLE = 'Chat with support · Switchboard';

/** A world with Alice, and a visitor tab in a chat with her. */
async function inChat(name = 'Grace', o: { init?: () => void } = {}) {
  const w = await startWorld(['alice']);
  const alice = await w.agentOnline('alice');
  record(alice.socket);
  const v = await openVisitor(browser, w.t.url, o);
  await joinAs(v.page, name);
  await waitForView(v.page, 'chat');
  const { chatId } = await eventually(alice.socket, 'chat:assigned');
  return { w, alice, chatId: chatId as string, ...v };
}

const links = (page: Page, body: string) =>
  page
    .locator('#messages li[data-id] .bubble')
    .filter({ hasText: body.slice(0, 12) })
    .locator('a')
    .evaluateAll((as) =>
      as.map((a) => ({
        text: a.textContent,
        href: a.getAttribute('href'),
        rel: a.getAttribute('rel'),
        target: a.getAttribute('target'),
      })),
    );

test('http(s) addresses in messages are links (new tab, rel="noopener noreferrer nofollow"); nothing else is', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const { w, alice, chatId, page, problems, dialogs } = await inChat();
  try {
    const theirs =
      'See https://help.example.test/orders?id=42&lang=en. Or (http://example.test/a_(b)), ' +
      'not javascript:alert(1), not ftp://example.test/x, not <a href="https://evil.test">this</a>';
    await emitAck(alice.socket, 'chat:send', { chatId, body: theirs });
    const shown = await waitForMessage(page, theirs);
    assert.equal(shown.body, theirs, 'the text reads exactly as written');
    const rel = 'noopener noreferrer nofollow';
    assert.deepEqual(await links(page, theirs), [
      {
        text: 'https://help.example.test/orders?id=42&lang=en',
        href: 'https://help.example.test/orders?id=42&lang=en',
        rel,
        target: '_blank',
      },
      { text: 'http://example.test/a_(b)', href: 'http://example.test/a_(b)', rel, target: '_blank' },
      { text: 'https://evil.test', href: 'https://evil.test/', rel, target: '_blank' },
    ]);

    const mine = 'My order page: https://shop.example.test/orders/42';
    await send(page, mine);
    await waitForMessage(page, mine);
    assert.deepEqual(
      (await links(page, mine)).map((l) => l.href),
      ['https://shop.example.test/orders/42'],
    );
    assert.equal(await page.locator('#messages script, #messages img, #messages b').count(), 0);
    await screenshots(page, 'links');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});

test('bidi controls are shown as visible escapes in the visitor’s own messages and name, as in everyone’s', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const { w, alice, chatId, page, problems } = await inChat('Eve\u202Elive');
  try {
    // "Trojan source": an override would show "pay 1000" reversed parts; isolates would hide order.
    const trick = 'refund \u202E0001 yap\u202C now \u2066ok\u2069';
    const shownAs = 'refund \\u202e0001 yap\\u202c now \\u2066ok\\u2069';
    await send(page, trick);
    const mine = await waitForMessage(page, shownAs);
    assert.equal(mine.role, 'visitor');
    assert.equal(mine.from, 'Eve\\u202elive');
    await emitAck(alice.socket, 'chat:send', { chatId, body: `Agent: ${trick}` });
    const theirs = await waitForMessage(page, `Agent: ${shownAs}`);
    assert.equal(theirs.to, 'Eve\\u202elive');
    const text = await page.locator('#messages').textContent();
    assert.doesNotMatch(text ?? '', /[\u202a-\u202e\u2066-\u2069]/, 'no bidi control left in the conversation');
    assert.equal(await page.locator('#messages li[data-role="visitor"] .bubble').getAttribute('dir'), 'auto');
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});

test('a chat the agent ends before anyone wrote does not say "Say hello!"', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const { w, alice, chatId, page, problems } = await inChat();
  try {
    const list = page.locator('#messages');
    assert.match((await list.getAttribute('data-empty')) ?? '', /Say hello!/);
    await emitAck(alice.socket, 'chat:end', { chatId });
    await waitForView(page, 'ended');
    assert.equal(await list.getAttribute('data-empty'), 'This chat ended before anyone wrote.');
    assert.equal(await list.locator('li').count(), 0);
    await page.reload();
    await waitForView(page, 'ended');
    assert.equal(await list.getAttribute('data-empty'), 'This chat ended before anyone wrote.');
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});

/** Counts the notes the page's chime starts (each chime is two). */
function countChimes() {
  const w = window as any;
  w.__notes = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: any[]) {
    w.__notes++;
    return start.apply(this, args as [number?]);
  };
}
const notes = (page: Page) => page.evaluate(() => (window as any).__notes as number);

const unread =
  'hidden tab: the title counts unread agent messages and a soft chime plays; shown again, the title is clean; ' +
  'the bell turns the sound off, remembered after a reload';
test(unread, { skip: browserSkip, timeout: 60_000 }, async () => {
  const { w, alice, chatId, page, problems } = await inChat('Grace', { init: countChimes });
  try {
    await setTabHidden(page, false); // pinned: whatever the headless browser thinks of its windows
    assert.equal(await page.title(), TITLE);
    const bell = page.getByRole('button', { name: 'Sound alerts' });
    assert.equal(await bell.getAttribute('aria-pressed'), 'true', 'sound is on by default');

    // Shown: nothing changes.
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'Hello Grace!' });
    await waitForMessage(page, 'Hello Grace!');
    assert.equal(await page.title(), TITLE);
    assert.equal(await notes(page), 0);

    // Hidden: the title counts, a chime per message. Own messages do not count.
    await setTabHidden(page, true);
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'Are you there?' });
    await page.waitForFunction((t) => document.title === `(1) ${t}`, TITLE);
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'I found your order.' });
    await page.waitForFunction((t) => document.title === `(2) ${t}`, TITLE);
    assert.equal(await notes(page), 4, `two chimes of two notes; title: ${await page.title()}`);

    await setTabHidden(page, false);
    await page.waitForFunction((t) => document.title === t, TITLE);

    // The bell turns the sound off; the title still counts. Remembered after a reload.
    await bell.click();
    assert.equal(await bell.getAttribute('aria-pressed'), 'false');
    await page.reload();
    await waitForView(page, 'chat');
    await waitForMessage(page, 'I found your order.');
    assert.equal(await bell.getAttribute('aria-pressed'), 'false');
    await setTabHidden(page, true);
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'Quietly.' });
    await page.waitForFunction((t) => document.title === `(1) ${t}`, TITLE);
    assert.equal(await notes(page), 0, 'no sound once turned off');
    await setTabHidden(page, false);
    await page.waitForFunction((t) => document.title === t, TITLE);
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});

test('a chat sent back to the queue while no agent is online says so', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const { w, alice, page, problems } = await inChat();
  try {
    assert.equal((await w.t.api('POST', '/api/logout', { token: alice.token })).status, 204);
    const banner = page.locator('#chat-banner');
    await banner.getByText('back in the queue').waitFor();
    assert.match((await banner.textContent()) ?? '', /No agents are online right now/);
    assert.equal(await page.locator('#chat-state').textContent(), 'No agents online');
    await page.reload();
    await waitForView(page, 'chat');
    await banner.getByText('No agents are online right now').waitFor();
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});
