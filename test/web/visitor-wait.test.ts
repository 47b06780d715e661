// Before joining, the home page says whether someone is there and roughly how long the wait is
// (GET /api/availability); the queue shows "Estimated wait: about N minutes" beside the place, and
// follows it as the queue moves.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld } from '../helpers/chat.js';
import { joinAs, openVisitor, screenshots, unexpected, waitForView } from './visitor-page.js';

let browser: TestBrowser;
before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('home: "1 agent online · expected wait about 5 minutes"; the queue: about 10, then about 5 as it moves', {
  skip: browserSkip,
  timeout: 90_000,
}, async () => {
  const w = await startWorld(['alice']);
  try {
    assert.equal(
      (await w.t.api('PATCH', '/api/admin/agents/alice', { token: w.adminToken, body: { maxChats: 1 } })).status,
      200,
    );
    await w.agentOnline('alice');
    // Alice's one slot is taken; no chat has ended yet, so a chat counts as 300 s.
    await w.startAndConnect(await w.join('Xavier', '10.93.0.1'));
    const { page, problems } = await openVisitor(browser, w.t.url);
    await waitForView(page, 'home');
    const availability = (await w.t.api('GET', '/api/availability')).body;
    assert.equal(availability.estimatedWaitSeconds, 300);
    await page.waitForFunction(() => document.getElementById('availability')!.textContent !== '');
    assert.equal(await page.locator('#availability').textContent(), '1 agent online · expected wait about 5 minutes');

    const ada = await w.join('Ada', '10.93.0.2');
    await joinAs(page, 'Grace');
    await waitForView(page, 'queue');
    await page.locator('#queue-line').getByText('1 person ahead of you').waitFor();
    await page.locator('#queue-wait').getByText('Estimated wait: about 10 minutes').waitFor();
    assert.equal(await page.locator('#queue-line').textContent(), '1 person ahead of you · 1 agent online');
    await screenshots(page, 'wait');

    // Ada leaves: Grace is next, and the estimate follows at the next poll (every 10 s).
    assert.equal((await w.t.api('DELETE', '/api/queue', { token: ada.queueToken })).status, 204);
    await page.locator('#queue-wait').getByText('Estimated wait: about 5 minutes').waitFor({ timeout: 15_000 });
    assert.deepEqual(unexpected(problems, ['409 POST /api/chat/start']), []);
  } finally {
    await w.close();
  }
});

test('home with a free agent: no wait; with no agent: says so and hides the estimate in the queue', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice']);
  try {
    const { page } = await openVisitor(browser, w.t.url);
    await waitForView(page, 'home');
    await page.locator('#availability').getByText('No one is online right now').waitFor();
    const alice = await w.agentOnline('alice');
    // The home page asks again when the tab comes back into view (and every 30 s).
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.locator('#availability').getByText('1 agent online · no wait right now').waitFor();
    alice.socket.close();
    assert.equal(
      (await w.t.api('PUT', '/api/me/status', { token: alice.token, body: { status: 'offline' } })).status,
      200,
    );
    await joinAs(page, 'Lin');
    await waitForView(page, 'queue');
    await page.locator('#queue-line').getByText('0 agents online').waitFor();
    assert.equal(await page.locator('#queue-wait').isVisible(), false);
  } finally {
    await w.close();
  }
});
