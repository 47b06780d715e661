// The queue page when the place goes back (a requeued chat is put in front) and while the server is
// down: it says why, and never looks like a bug.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld } from '../helpers/chat.js';
import { emitAck, eventually, record } from '../helpers/sockets.js';
import { startRestartableWorld } from './restartable-world.js';
import { joinAs, openVisitor, screenshots, unexpected, waitForView } from './visitor-page.js';

let browser: TestBrowser;

before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const NO_AGENT = '409 POST /api/chat/start';

const pushedBack =
  'next in line, then a requeued chat goes in front (its agent logged out, nobody has room): the page says why ' +
  'the place went back, until it moves forward again';
test(pushedBack, { skip: browserSkip, timeout: 90_000 }, async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    for (const a of ['alice', 'bob']) {
      const res = await w.t.api('PATCH', `/api/admin/agents/${a}`, { token: w.adminToken, body: { maxChats: 1 } });
      assert.equal(res.status, 200);
    }
    const alice = await w.agentOnline('alice');
    const ada = await w.startAndConnect(await w.join('Ada'));
    const bob = await w.agentOnline('bob');
    record(bob.socket);
    const linus = await w.startAndConnect(await w.join('Linus'));
    await eventually(bob.socket, 'chat:assigned');

    const { page, problems } = await openVisitor(browser, w.t.url);
    await joinAs(page, 'Grace');
    await waitForView(page, 'queue');
    await page.locator('#queue-note').getByText('All our agents are busy').waitFor();
    const line = page.locator('#queue-line');
    const note = page.locator('#queue-note');
    assert.equal(await line.textContent(), 'You’re next · 2 agents online');

    // Alice logs out holding Ada's chat: it goes back to the front, ahead of Grace; Bob has no room.
    assert.equal((await w.t.api('POST', '/api/logout', { token: alice.token })).status, 204);
    await line.getByText('1 person ahead of you').waitFor({ timeout: 15_000 }); // the next poll (every 10 s)
    assert.equal(await line.textContent(), '1 person ahead of you · 1 agent online');
    const said = await note.textContent();
    assert.match(said ?? '', /^Your place moved back: someone whose agent disconnected was put back in front of you/);
    assert.equal(await note.getAttribute('aria-live'), 'polite');
    assert.equal(await note.getAttribute('data-kind'), 'warn');
    await screenshots(page, 'queue-pushed-back');

    // Bob ends Linus's chat: Ada's requeued chat goes to Bob, Grace is next again and the note goes.
    await emitAck(bob.socket, 'chat:end', { chatId: linus.chatId });
    await eventually(bob.socket, 'chat:assigned', (c: any) => c.chatId === ada.chatId);
    await line.getByText('You’re next').waitFor({ timeout: 15_000 });
    assert.doesNotMatch((await note.textContent()) ?? '', /moved back/);
    assert.deepEqual(unexpected(problems, [NO_AGENT]), []);
  } finally {
    await w.close();
  }
});

test('the queue page shows the offline banner while the server is down, and the place again once it is back', {
  skip: browserSkip,
  timeout: 90_000,
}, async () => {
  const w = await startRestartableWorld([]);
  try {
    const { page, problems } = await openVisitor(browser, w.url);
    await joinAs(page, 'Grace');
    await waitForView(page, 'queue');
    const line = page.locator('#queue-line');
    await line.getByText('0 agents online').waitFor();
    const banner = page.locator('#queue-banner');
    assert.equal(await banner.isVisible(), false);

    await w.stop();
    await banner.waitFor({ timeout: 5000 });
    assert.equal(
      await banner.textContent(),
      'Connection lost — reconnecting… Keep this page open: your place in the queue is kept.',
    );
    assert.equal(await banner.getAttribute('role'), 'status');
    await screenshots(page, 'queue-offline');

    await w.start();
    await banner.waitFor({ state: 'hidden', timeout: 15_000 });
    assert.equal(await line.textContent(), 'You’re next · 0 agents online');
    assert.equal(await page.evaluate(() => document.body.dataset.view), 'queue');
    assert.deepEqual(
      unexpected(problems, [NO_AGENT]).filter((p) => !/ERR_CONNECTION_REFUSED|WebSocket/.test(p)),
      [],
    );
  } finally {
    await w.close();
  }
});
