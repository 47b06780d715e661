// "Alice is typing…" on the visitor page while the agent types, the visitor's own typing for the
// agent (throttled), and "How was it?" once the chat ended (either side): five choices, an optional
// comment, once per chat; keyboard only with a visible focus.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld } from '../helpers/chat.js';
import { emitAck, eventually, record } from '../helpers/sockets.js';
import { joinAs, openVisitor, screenshots, send, unexpected, waitForMessage, waitForView } from './visitor-page.js';

let browser: TestBrowser;
before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The outline the focused element shows (its own, or its label's for a radio). */
const focusRing = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const shown = el.matches('input[type="radio"]') ? el.closest('label')! : el;
    const style = getComputedStyle(shown);
    return {
      id: el.id || el.getAttribute('name') || el.tagName,
      outline: style.outlineStyle,
      width: style.outlineWidth,
    };
  });

/** Waits for a condition on what the test's sockets heard. */
async function waitUntil(ok: () => boolean, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A world with Alice, and a visitor tab in a chat with her. */
async function inChat(name: string, overrides = {}) {
  const w = await startWorld(['alice'], overrides);
  const alice = await w.agentOnline('alice');
  const seen: any[] = [];
  alice.socket.on('chat:typing', (e) => seen.push({ ...e, at: Date.now() }));
  record(alice.socket);
  const v = await openVisitor(browser, w.t.url);
  await joinAs(v.page, name);
  await waitForView(v.page, 'chat');
  const { chatId } = await eventually(alice.socket, 'chat:assigned');
  return { w, alice, chatId: chatId as string, typingSeen: seen, ...v };
}

test('the agent types: "Alice Agent is typing…" until she stops, sends, or goes quiet for 6 s', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const { w, alice, chatId, page, problems } = await inChat('Grace');
  try {
    const line = page.locator('#typing');
    alice.socket.emit('chat:typing', { chatId, typing: true });
    await line.getByText('Alice Agent is typing…').waitFor();
    await screenshots(page, 'typing');
    alice.socket.emit('chat:typing', { chatId, typing: false });
    await page.waitForFunction(() => document.getElementById('typing')!.textContent === '');
    // Typing, then the message: the line goes with it.
    await page.waitForTimeout(600); // the server relays at most 2 per second
    alice.socket.emit('chat:typing', { chatId, typing: true });
    await line.getByText('Alice Agent is typing…').waitFor();
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'Here is the answer.' });
    await waitForMessage(page, 'Here is the answer.');
    assert.equal(await line.textContent(), '');
    // Typing, then nothing for 6 s: stopped.
    await page.waitForTimeout(600);
    alice.socket.emit('chat:typing', { chatId, typing: true });
    await line.getByText('Alice Agent is typing…').waitFor();
    const since = Date.now();
    await page.waitForFunction(() => document.getElementById('typing')!.textContent === '', undefined, {
      timeout: 10_000,
    });
    assert.ok(Date.now() - since > 4500, `gone after ${Date.now() - since} ms`);
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});

test('the visitor types: the agent hears it at most every 2 s (draft under --typing-preview), then stopped', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const { w, chatId, page, typingSeen } = await inChat('Hana', { typingPreview: true });
  try {
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.click();
    const start = Date.now();
    await page.keyboard.type('I need help with my invoice', { delay: 120 }); // about 3 s of typing
    const typedFor = Date.now() - start;
    await waitUntil(() => typingSeen.some((e) => e.typing === false), 'typing: false after 3 s idle', 8000);
    const on = typingSeen.filter((e) => e.typing);
    assert.ok(on.length >= 1 && on.length <= Math.ceil(typedFor / 2000) + 1, `${on.length} in ${typedFor} ms`);
    assert.equal(on[0].chatId, chatId);
    assert.match(on.at(-1).draft, /^I need help/);
    // Sending stops it at once (not 3 s later).
    typingSeen.length = 0;
    await page.keyboard.type(' 17');
    await waitUntil(() => typingSeen.some((e) => e.typing), 'typing again', 5000);
    await page.keyboard.press('Enter');
    await waitForMessage(page, 'I need help with my invoice 17');
    await waitUntil(() => typingSeen.at(-1)?.typing === false, 'typing: false on send', 2000);
  } finally {
    await w.close();
  }
});

test('agent ended: "How was it?" (five choices, comment ≤ 1000), sent once; the agent hears it; a reload thanks', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const { w, alice, chatId, page, problems } = await inChat('Ivy');
  try {
    await send(page, 'Thanks for the help');
    await waitForMessage(page, 'Thanks for the help');
    await emitAck(alice.socket, 'chat:end', { chatId });
    await waitForView(page, 'ended');
    const group = page.getByRole('radiogroup', { name: 'How was it?' });
    assert.deepEqual(await group.getByRole('radio').evaluateAll((rs) => rs.map((r) => r.parentElement!.textContent)), [
      'Very poor',
      'Poor',
      'Okay',
      'Good',
      'Excellent',
    ]);
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Please choose how it was first.').waitFor();
    await group.getByRole('radio', { name: 'Excellent' }).check();
    await page.getByLabel('Anything you’d like to add? (optional)').fill('z'.repeat(1001));
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('That comment is too long: 1,001 of at most 1,000 characters.').waitFor();
    await page.getByLabel('Anything you’d like to add? (optional)').fill('Alice was great');
    await screenshots(page, 'rating');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thanks for your feedback!').waitFor();
    assert.deepEqual(await eventually(alice.socket, 'chat:rated'), { chatId, score: 5, comment: 'Alice was great' });
    const detail = await w.t.api('GET', `/api/chats/${chatId}`, { token: w.adminToken });
    assert.equal(detail.body.rating?.score, 5);
    await page.reload();
    await waitForView(page, 'ended');
    await page.getByText('Thanks for your feedback!').waitFor();
    assert.equal(await page.locator('#rating-form').isVisible(), false, 'asked once per chat');
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});

test('keyboard only: skip link, name, Start chat … rating with the arrow keys, each with a visible focus ring', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    record(alice.socket);
    const { page } = await openVisitor(browser, w.t.url);
    await waitForView(page, 'home');
    await page.locator('#availability').getByText('1 agent online').waitFor();
    // The name field has the focus on arrival; Shift+Tab reaches the skip link.
    assert.equal((await focusRing(page)).id, 'name');
    await page.keyboard.press('Shift+Tab');
    const skip = await focusRing(page);
    assert.equal(skip.outline, 'solid', 'the skip link shows where the focus is');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kim');
    await page.keyboard.press('Tab');
    const join = await focusRing(page);
    assert.deepEqual([join.id, join.outline], ['join', 'solid']);
    await page.keyboard.press('Enter');
    await waitForView(page, 'chat');
    const { chatId } = await eventually(alice.socket, 'chat:assigned');
    await page.keyboard.type('Hi there');
    await page.keyboard.press('Enter');
    await waitForMessage(page, 'Hi there');
    await emitAck(alice.socket, 'chat:end', { chatId });
    await waitForView(page, 'ended');

    // Into the rating: the radio group is one Tab stop; arrows move the choice.
    await page.locator('#ended-line').focus();
    await page.keyboard.press('Tab');
    const first = await focusRing(page);
    assert.deepEqual([first.id, first.outline], ['score', 'solid'], JSON.stringify(first));
    await page.keyboard.press('ArrowRight'); // checks the next choice
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('input[name="score"]:checked').getAttribute('value'), '4');
    await page.keyboard.press('Tab');
    assert.equal((await focusRing(page)).id, 'rating-comment');
    await page.keyboard.type('Quick and kind');
    await page.keyboard.press('Tab');
    const send = await focusRing(page);
    assert.deepEqual([send.id, send.outline], ['rating-send', 'solid']);
    await page.keyboard.press('Enter');
    const rated = await eventually(alice.socket, 'chat:rated');
    assert.deepEqual(rated, { chatId, score: 4, comment: 'Quick and kind' });
    await page.getByText('Thanks for your feedback!').waitFor();
  } finally {
    await w.close();
  }
});
