// Every view of the visitor page for every user: no serious or critical axe-core violation at
// 1280×800 and 360×740, light and dark (home, leave a message, closed, queue, chat with the agent
// typing, ended with the rating, thanks); dark mode; reduced motion. Closed: visitor-offline-message.test.ts;
// keyboard only: visitor-typing-rating.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld } from '../helpers/chat.js';
import { emitAck, eventually, record } from '../helpers/sockets.js';
import { assertAccessible } from './axe.js';
import { joinAs, openVisitor, screenshots, unexpected, waitForMessage, waitForView } from './visitor-page.js';

let browser: TestBrowser;
before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('home, leave a message, queue, chat (agent typing), ended with the rating, thanks: no serious axe violation', {
  skip: browserSkip,
  timeout: 110_000,
}, async () => {
  const w = await startWorld(['alice']);
  try {
    const { page, problems } = await openVisitor(browser, w.t.url);
    await waitForView(page, 'home');
    await page.locator('#availability').getByText('No one is online right now').waitFor();
    await assertAccessible(page, 'home');
    await page.getByRole('button', { name: 'Leave a message instead' }).click();
    await waitForView(page, 'message');
    await page.getByRole('button', { name: 'Send message' }).click(); // every field's error shown
    await page.locator('#offline-email-error').getByText('Please enter your e-mail address').waitFor();
    await assertAccessible(page, 'leave-a-message');
    await page.getByRole('button', { name: 'Back' }).click();
    await waitForView(page, 'home');

    await joinAs(page, 'Grace');
    await waitForView(page, 'queue');
    await page.locator('#queue-line').getByText('0 agents online').waitFor();
    await assertAccessible(page, 'queue');

    const alice = await w.agentOnline('alice');
    record(alice.socket);
    await waitForView(page, 'chat');
    const { chatId } = await eventually(alice.socket, 'chat:assigned');
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'Hello Grace, how can I help?' });
    await waitForMessage(page, 'Hello Grace, how can I help?');
    alice.socket.emit('chat:typing', { chatId, typing: true });
    await page.locator('#typing').getByText('Alice Agent is typing…').waitFor();
    await assertAccessible(page, 'chat');

    await emitAck(alice.socket, 'chat:end', { chatId });
    await waitForView(page, 'ended');
    await page.getByRole('radiogroup', { name: 'How was it?' }).waitFor();
    await assertAccessible(page, 'rating');
    await page.getByRole('radio', { name: 'Good' }).check();
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thanks for your feedback!').waitFor();
    await assertAccessible(page, 'ended');
    assert.deepEqual(unexpected(problems, ['409 POST /api/chat/start']), []);
  } finally {
    await w.close();
  }
});

test('dark mode follows prefers-color-scheme; the waiting dots stand still with prefers-reduced-motion', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld([]);
  try {
    const { page } = await openVisitor(browser, w.t.url);
    await waitForView(page, 'home');
    const colours = () =>
      page.evaluate(() => ({
        body: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
      }));
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await colours();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await colours();
    assert.notDeepEqual(dark, light);
    assert.equal(dark.body, 'rgb(14, 19, 27)');
    await screenshots(page, 'home-dark');

    await joinAs(page, 'Noor');
    await waitForView(page, 'queue');
    const dots = () => page.evaluate(() => getComputedStyle(document.querySelector('.waiting span')!).animationName);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    assert.equal(await dots(), 'pulse');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    assert.equal(await dots(), 'none');
  } finally {
    await w.close();
  }
});
