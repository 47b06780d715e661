// One visitor, several tabs of one browser: the same place in the queue and the same chat everywhere
// (localStorage), the tabs following each other, and a closed browser finding the chat again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld } from '../helpers/chat.js';
import { collect, emitAck, eventually, record } from '../helpers/sockets.js';
import { joinAs, openVisitor, send, shownMessages, unexpected, waitForMessage, waitForView } from './visitor-page.js';

let browser: TestBrowser;

before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const NO_AGENT = '409 POST /api/chat/start';

/** Another tab of the same browser (same storage), with the page open. */
async function newTab(page: Page, url: string, problems: string[]): Promise<Page> {
  const tab = await page.context().newPage();
  tab.setDefaultTimeout(15_000);
  tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await tab.goto(url);
  return tab;
}

const bodies = async (page: Page) => (await shownMessages(page)).map((m) => m.body);

const sameEverywhere =
  'tabs of one browser: a join in one shows in the other, one place in the queue, one chat (started once), ' +
  'messages from either tab in both, a closed browser finds the chat again, ending in one ends both';
test(sameEverywhere, { skip: browserSkip, timeout: 90_000 }, async () => {
  const w = await startWorld(['alice']);
  try {
    const { page: first, problems } = await openVisitor(browser, w.t.url);
    const second = await newTab(first, w.t.url, problems);
    await waitForView(second, 'home');

    // Joining in the first tab moves the second one to the queue, with the same place.
    await joinAs(first, 'Grace');
    await waitForView(first, 'queue');
    await waitForView(second, 'queue');
    await second.locator('#queue-line').getByText('You’re next').waitFor();
    const metrics = await w.t.api('GET', '/api/admin/metrics', { token: w.adminToken });
    assert.equal(metrics.body.waiting, 1, 'one place in the queue, not two');
    const third = await newTab(first, w.t.url, problems);
    await waitForView(third, 'queue');
    await third.close();

    // An agent comes: one chat, shown in both tabs.
    const alice = await w.agentOnline('alice');
    record(alice.socket);
    const assigned = collect(alice.socket, 'chat:assigned');
    await waitForView(first, 'chat');
    await waitForView(second, 'chat');
    const { chatId } = await eventually(alice.socket, 'chat:assigned');
    await first.waitForTimeout(500);
    assert.equal(assigned.length + (alice.open.chats.length as number), 1, 'the agent got one chat');
    for (const tab of [first, second]) assert.equal(await tab.locator('#agent-name').textContent(), 'Alice Agent');

    // Messages from either tab, and the agent's, show in both.
    await send(first, 'Written in the first tab.');
    await waitForMessage(second, 'Written in the first tab.');
    await send(second, 'Written in the second tab.');
    await waitForMessage(first, 'Written in the second tab.');
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'I see both.' });
    for (const tab of [first, second]) await waitForMessage(tab, 'I see both.');
    assert.deepEqual(await bodies(first), await bodies(second));
    assert.deepEqual(await bodies(first), ['Written in the first tab.', 'Written in the second tab.', 'I see both.']);

    // The browser closes (every tab) and opens again: the same chat.
    const context = first.context();
    await first.close();
    await second.close();
    const back = await newTab(await context.newPage(), w.t.url, problems);
    await waitForView(back, 'chat');
    await waitForMessage(back, 'I see both.');
    assert.equal((await shownMessages(back)).length, 3);

    // Ending in one tab ends the chat in the other; "Start a new chat" takes both home.
    const other = await newTab(back, w.t.url, problems);
    await waitForView(other, 'chat');
    await back.getByRole('button', { name: 'End chat' }).click();
    await back.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
    await waitForView(back, 'ended');
    await waitForView(other, 'ended');
    assert.equal(await other.locator('#ended-line').textContent(), 'Chat ended by you');
    await back.getByRole('button', { name: 'Start a new chat' }).click();
    await waitForView(back, 'home');
    await waitForView(other, 'home');
    assert.equal(await other.getByLabel('Your name').inputValue(), 'Grace');
    assert.deepEqual(unexpected(problems, [NO_AGENT]), []);
  } finally {
    await w.close();
  }
});

test('leaving the queue in one tab takes the other tab home too', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld([]);
  try {
    const { page: first, problems } = await openVisitor(browser, w.t.url);
    await joinAs(first, 'Grace');
    await waitForView(first, 'queue');
    const second = await newTab(first, w.t.url, problems);
    await waitForView(second, 'queue');
    await second.getByRole('button', { name: 'Leave queue' }).click();
    await waitForView(second, 'home');
    await waitForView(first, 'home');
    const metrics = await w.t.api('GET', '/api/admin/metrics', { token: w.adminToken });
    assert.equal(metrics.body.waiting, 0);
    assert.deepEqual(unexpected(problems, [NO_AGENT]), []);
  } finally {
    await w.close();
  }
});
