// Every message the visitor types is delivered once, in order, without a click: through a server
// restart, past the per-chat rate limit, and its draft survives a reload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld } from '../helpers/chat.js';
import { collect, emitAck, eventually, record } from '../helpers/sockets.js';
import { startRestartableWorld } from './restartable-world.js';
import {
  joinAs,
  openVisitor,
  screenshots,
  send,
  shownMessages,
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

/**
 * From now on, records every moment the page shows a send as failed ("Not sent" bubble or the
 * error line under the composer); read it with `failuresShown`.
 */
async function watchFailures(page: Page): Promise<void> {
  // No named functions inside: the test compiler would wrap them in a helper the page does not have.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as any).__failures = seen;
    new MutationObserver(() => {
      const failed = document.querySelector('#messages li.msg-failed');
      if (failed) seen.push(`failed bubble: ${failed.textContent}`);
      const status = document.getElementById('send-status')!;
      if (!status.hidden && status.textContent) seen.push(`status: ${status.textContent}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}
const failuresShown = (page: Page) => page.evaluate(() => [...new Set((window as any).__failures as string[])]);

/**
 * Presses Enter after each text inside one task of the page: as fast as anyone could type. Returns how
 * many messages then show as being sent.
 */
async function typeQuickly(page: Page, bodies: string[]): Promise<number> {
  await page.getByRole('textbox', { name: 'Message' }).focus();
  return page.evaluate((list) => {
    const input = document.getElementById('message') as HTMLTextAreaElement;
    for (const body of list) {
      input.value = body;
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    }
    return document.querySelectorAll('#messages li.msg-pending').length;
  }, bodies);
}

const restart =
  'the server stops mid-chat: a message written meanwhile shows "Sending…", goes out once by itself when the ' +
  'server is back, and the offline banner goes away; a draft survives a reload';
test(restart, { skip: browserSkip, timeout: 90_000 }, async () => {
  const w = await startRestartableWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    record(alice.socket);
    const { page, problems } = await openVisitor(browser, w.url);
    await joinAs(page, 'Grace');
    await waitForView(page, 'chat');
    const { chatId } = await eventually(alice.socket, 'chat:assigned');
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'Hello Grace.' });
    await waitForMessage(page, 'Hello Grace.');
    await watchFailures(page);

    await w.stop();
    const banner = page.locator('#chat-banner');
    await banner.getByText(/Connection lost/).waitFor();
    await send(page, 'Sent while the server was down.');
    await send(page, 'And a second one.');
    const pending = page.locator('#messages li.msg-pending');
    await pending.nth(1).waitFor();
    assert.deepEqual(await pending.locator('.bubble').allTextContents(), [
      'Sent while the server was down.',
      'And a second one.',
    ]);
    assert.match(await pending.first().innerText(), /Sending…/);
    assert.equal(await page.getByRole('textbox', { name: 'Message' }).inputValue(), '', 'the box is free again');
    await page.waitForTimeout(2500); // several reconnection attempts fail meanwhile
    assert.equal(await pending.count(), 2, 'still waiting to be sent, not given up');
    await screenshots(page, 'sending-offline');

    await w.start();
    // The agent's TUI reconnects too (else the page rightly says the agent's connection dropped).
    const again = await w.agentSocket('alice', alice.token);
    await waitForMessage(page, 'And a second one.', 20_000);
    await banner.waitFor({ state: 'hidden' });
    assert.equal(await pending.count(), 0);
    const mine = (await shownMessages(page)).filter((m) => m.role === 'visitor');
    assert.deepEqual(
      mine.map((m) => m.body),
      ['Sent while the server was down.', 'And a second one.'],
    );
    assert.equal(await page.locator('#chat-state').textContent(), 'Online');

    // Stored once each, in the order typed.
    const { body } = await w.t.api('GET', `/api/chats/${chatId}`, { token: again.token });
    assert.deepEqual(
      body.transcript.map((m: any) => m.body),
      ['Hello Grace.', 'Sent while the server was down.', 'And a second one.'],
    );
    assert.deepEqual(await failuresShown(page), [], 'no "Not sent" at any moment');

    // A half-written message is still in the box after a reload.
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('A thought I have not finished');
    await page.reload();
    await waitForView(page, 'chat');
    await waitForMessage(page, 'And a second one.');
    assert.equal(await box.inputValue(), 'A thought I have not finished');
    await send(page, 'Finished now.');
    await waitForMessage(page, 'Finished now.');
    await page.reload();
    await waitForView(page, 'chat');
    assert.equal(await box.inputValue(), '', 'a sent message is no draft any more');
    assert.deepEqual(
      unexpected(problems).filter((p) => !/ERR_CONNECTION_REFUSED|WebSocket/.test(p)),
      [],
    );
  } finally {
    await w.close();
  }
});

test('8 messages typed within a second are all delivered, once and in order, without a click', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice']);
  try {
    const alice = await w.agentOnline('alice');
    record(alice.socket);
    const { page, problems } = await openVisitor(browser, w.t.url);
    await joinAs(page, 'Grace');
    await waitForView(page, 'chat');
    await eventually(alice.socket, 'chat:assigned');
    const got = collect(alice.socket, 'chat:message');
    await watchFailures(page);

    const bodies = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `quick ${n}`);
    assert.equal(await typeQuickly(page, bodies), 8, 'each shows at once, as "Sending…"');
    await waitForMessage(page, 'quick 8', 15_000);
    assert.deepEqual(
      got.map((m) => m.body),
      bodies,
    );
    const shown = (await shownMessages(page)).filter((m) => m.role === 'visitor');
    assert.deepEqual(
      shown.map((m) => m.body),
      bodies,
    );
    assert.equal(await page.locator('#messages li.msg-pending').count(), 0);
    assert.deepEqual(await failuresShown(page), [], 'no "Not sent" at any moment');
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});

test('a stricter server limit (1 message/s): the page waits as long as Retry-After says and sends the rest', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice'], { messagesPerSecond: 1 });
  try {
    const alice = await w.agentOnline('alice');
    record(alice.socket);
    const { page, problems } = await openVisitor(browser, w.t.url);
    await joinAs(page, 'Grace');
    await waitForView(page, 'chat');
    await eventually(alice.socket, 'chat:assigned');
    const got = collect(alice.socket, 'chat:message');
    await watchFailures(page);

    const bodies = ['one', 'two', 'three', 'four'];
    const started = Date.now();
    await typeQuickly(page, bodies);
    await waitForMessage(page, 'four', 15_000);
    assert.ok(Date.now() - started >= 2500, 'paced by the server’s one per second');
    assert.deepEqual(
      got.map((m) => m.body),
      bodies,
    );
    assert.deepEqual(await failuresShown(page), [], 'no "Not sent" at any moment');
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});
