// The visitor page around the queue: join errors, waiting with no agent or no free agent (and the
// queue:turn push), leaving, requeue, and visitor text that must never become markup.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld } from '../helpers/chat.js';
import { emitAck, eventually, record } from '../helpers/sockets.js';
import {
  PHONE,
  screenshots,
  assertStartedByPush,
  joinAs,
  openVisitor,
  send,
  shownMessages,
  trackApi,
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

const NO_AGENT = '409 POST /api/chat/start';

test('a name like <img src=x onerror=alert(1)> shows literally everywhere; message text is never markup', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice']);
  try {
    const name = '<img src=x onerror=alert(1)>';
    const alice = await w.agentOnline('alice');
    record(alice.socket);
    const { page, problems, dialogs } = await openVisitor(browser, w.t.url, { viewport: PHONE });
    await joinAs(page, name);
    await waitForView(page, 'chat');
    const { chatId, visitor } = await eventually(alice.socket, 'chat:assigned');
    assert.equal(visitor.name, name);

    const html = '<b>bold</b> <script>alert(2)</script> <a href="javascript:alert(3)">link</a>';
    await emitAck(alice.socket, 'chat:send', { chatId, body: html });
    const shown = await waitForMessage(page, html);
    assert.equal(shown.to, name, 'the name is shown as typed');
    await send(page, '<svg onload=alert(4)>');
    const mine = await waitForMessage(page, '<svg onload=alert(4)>');
    assert.equal(mine.from, name);

    // Nothing of it became an element, nothing ran.
    assert.equal(
      await page.locator('#messages img, #messages script, #messages b, #messages a, #messages svg').count(),
      0,
    );
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.ok((await page.locator('#messages').innerText()).includes(name));
    assert.ok((await page.locator('#queue-greeting').textContent())!.includes(`Hi ${name},`), 'the queue greeting too');
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});

test('home: an empty or too long name is refused in plain words without a request; nothing is cut off', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld([]);
  try {
    const { page, problems } = await openVisitor(browser, w.t.url);
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      // The home page asks GET /api/availability by itself; no join may be sent.
      if (r.url().includes('/api/') && !r.url().includes('/api/availability')) apiCalls.push(r.url());
    });

    await joinAs(page, '   ');
    const error = page.locator('#name-error');
    await error.waitFor();
    assert.equal(await error.textContent(), 'Please enter your name.');
    assert.equal(await page.getByLabel('Your name').getAttribute('aria-invalid'), 'true');
    assert.ok(await page.getByLabel('Your name').evaluate((el) => el === document.activeElement));

    const long = 'Grace Brewster Murray Hopper, Rear Admiral, United States Navy (ret.)';
    assert.equal(long.length, 69);
    await joinAs(page, long);
    await error.getByText('too long').waitFor();
    assert.equal(await error.textContent(), 'That name is too long: 69 characters. Please use at most 64.');
    assert.equal(await page.getByLabel('Your name').inputValue(), long, 'nothing was cut off');
    assert.deepEqual(apiCalls, []);

    // Shortened, it goes.
    await joinAs(page, long.slice(0, 64));
    await waitForView(page, 'queue');
    assert.deepEqual(unexpected(problems, [NO_AGENT]), []);
  } finally {
    await w.close();
  }
});

const joinRefused =
  'a 429 on joining says when to try again and the button counts down to it (across a reload), then works again';
test(joinRefused, {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld([]);
  try {
    const address = '10.99.0.1';
    const { page, problems } = await openVisitor(browser, w.t.url, { address });
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) apiCalls.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });

    // Three joins from this address already this minute: the fourth is refused, with when to retry.
    for (let i = 0; i < 3; i++) await w.join(`Earlier ${i}`, address);
    await page.clock.install(); // the page's clock, so the test can skip the wait at the end
    await joinAs(page, 'Grace');
    const status = page.locator('#home-status');
    await status.getByText('Too many').waitFor();
    const button = page.locator('#join');
    const secondsLeft = async () => {
      const m = /^Try again in (\d+):(\d\d)$/.exec((await button.textContent()) ?? '');
      assert.ok(m, `button says ${await button.textContent()}`);
      return Number(m[1]) * 60 + Number(m[2]);
    };
    assert.equal(await button.isDisabled(), true);
    const first = await secondsLeft();
    assert.ok(first > 45 && first <= 60, `${first} s left`);
    const said = await status.innerText();
    assert.match(said, /^Too many chats were started from your connection in the last minute\. /);
    assert.match(said, /You can start one again at .*\d:\d\d.* — the button counts down\.$/);
    assert.equal(await status.getAttribute('role'), 'status');
    await page.waitForTimeout(2100);
    assert.ok((await secondsLeft()) < first, 'it counts down');
    await screenshots(page, 'join-refused');

    // A reload counts down to the same moment.
    await page.reload();
    await waitForView(page, 'home');
    assert.equal(await button.isDisabled(), true);
    assert.ok((await secondsLeft()) < first);
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Grace');

    // Once the wait is over, the button works again (the server, whose minute is not over, refuses
    // once more: a second real request, and a new countdown).
    await page.clock.fastForward('01:01');
    await button.getByText('Start chat').waitFor();
    assert.equal(await button.isDisabled(), false);
    assert.equal(await status.innerText(), 'You can start a chat again now.');
    const joins = apiCalls.length;
    await button.click();
    await button.getByText(/Try again in/).waitFor();
    assert.deepEqual(apiCalls.slice(joins), ['POST /api/queue']);
    assert.equal(await page.evaluate(() => document.body.dataset.view), 'home');
    assert.deepEqual(unexpected(problems, ['429 POST /api/queue']), []);
  } finally {
    await w.close();
  }
});

test('no agent online: the queue says so honestly, then starts at once when an agent comes online (queue:turn push)', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice']);
  try {
    const { page, problems } = await openVisitor(browser, w.t.url);
    const api = trackApi(page);
    await joinAs(page, 'Grace');
    await waitForView(page, 'queue');
    await page.locator('#queue-line').getByText('0 agents online').waitFor();
    assert.equal(await page.locator('#queue-line').textContent(), 'You’re next · 0 agents online');
    await page.locator('#queue-note').getByText('No agents are online right now').waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => document.body.dataset.view), 'queue', 'still waiting');

    // The page polls every 10 s; the push makes it start well before the next poll.
    const online = Date.now();
    const alice = await w.agentOnline('alice');
    record(alice.socket);
    await waitForView(page, 'chat');
    assertStartedByPush(api, online);
    await eventually(alice.socket, 'chat:assigned');
    assert.equal(await page.locator('#agent-name').textContent(), 'Alice Agent');
    assert.deepEqual(unexpected(problems, [NO_AGENT]), []);
  } finally {
    await w.close();
  }
});

test('no agent free (no_agent_available): a friendly line, then the chat starts as soon as one is free', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice']);
  try {
    assert.equal(
      (await w.t.api('PATCH', '/api/admin/agents/alice', { token: w.adminToken, body: { maxChats: 1 } })).status,
      200,
    );
    const alice = await w.agentOnline('alice');
    record(alice.socket);
    const first = await w.startAndConnect(await w.join('Ada'));
    const starts: number[] = [];
    const { page, problems } = await openVisitor(browser, w.t.url);
    const api = trackApi(page);
    page.on('response', (r) => {
      if (r.url().endsWith('/api/chat/start')) starts.push(r.status());
    });
    await joinAs(page, 'Grace');
    await waitForView(page, 'queue');
    await page.locator('#queue-note').getByText('All our agents are busy').waitFor();
    assert.equal(await page.locator('#queue-line').textContent(), 'You’re next · 1 agent online');
    assert.deepEqual(starts, [409]);

    const freed = Date.now();
    await emitAck(alice.socket, 'chat:end', { chatId: first.chatId });
    await waitForView(page, 'chat');
    assertStartedByPush(api, freed);
    assert.deepEqual(starts, [409, 200]);
    assert.deepEqual(unexpected(problems, [NO_AGENT]), []);
  } finally {
    await w.close();
  }
});

test('reload in the queue keeps the place; Leave queue frees it and says so', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld([]);
  try {
    const { page, problems } = await openVisitor(browser, w.t.url, { viewport: PHONE });
    await joinAs(page, 'Grace');
    await waitForView(page, 'queue');
    const token = await page.evaluate(
      () => JSON.parse(localStorage.getItem('switchboard.visitor')!).queueToken as string,
    );

    await page.reload();
    await waitForView(page, 'queue');
    await page.locator('#queue-line').getByText('0 agents online').waitFor();
    assert.equal(
      await page.evaluate(() => JSON.parse(localStorage.getItem('switchboard.visitor')!).queueToken),
      token,
      'same place',
    );
    assert.equal((await w.t.api('GET', '/api/queue/status', { token })).status, 200);

    await page.getByRole('button', { name: 'Leave queue' }).click();
    await waitForView(page, 'home');
    await page.getByRole('status').getByText('You left the queue').waitFor();
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Grace');
    assert.equal((await w.t.api('GET', '/api/queue/status', { token })).status, 401, 'the entry is gone');
    assert.deepEqual(unexpected(problems, [NO_AGENT]), []);
  } finally {
    await w.close();
  }
});

test('requeue: the agent logs out, the visitor is told they are back in the queue, then the next agent takes over', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    record(alice.socket);
    const { page, problems } = await openVisitor(browser, w.t.url);
    await joinAs(page, 'Grace');
    await waitForView(page, 'chat');
    const { chatId } = await eventually(alice.socket, 'chat:assigned');
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'One moment please.' });
    await waitForMessage(page, 'One moment please.');

    assert.equal((await w.t.api('POST', '/api/logout', { token: alice.token })).status, 204);
    const banner = page.locator('#chat-banner');
    await banner.getByText('back in the queue').waitFor();
    assert.equal(
      await banner.textContent(),
      'You’re back in the queue (0 ahead). No agents are online right now — you’ll be connected as soon as one is back.',
      'bob is not online yet',
    );
    assert.equal(await page.locator('#agent-name').textContent(), 'In the queue');
    await waitForMessage(page, 'Alice Agent is no longer available. You are back at the front of the queue.');

    // Writing while queued works (no receiver yet); the next agent sees it.
    await send(page, 'Is anyone there?');
    const queuedMsg = await waitForMessage(page, 'Is anyone there?');
    assert.equal(queuedMsg.to, null);

    const bob = await w.agentOnline('bob');
    record(bob.socket);
    const assigned = await eventually(bob.socket, 'chat:assigned');
    assert.equal(assigned.reason, 'requeue');
    assert.ok(assigned.transcript.some((m: any) => m.body === 'Is anyone there?'));
    await page.locator('#agent-name').getByText('Bob Agent', { exact: true }).waitFor();
    await waitForMessage(page, 'Bob Agent joined the chat.');
    await banner.waitFor({ state: 'hidden' });
    const seqs = (await shownMessages(page)).map((m) => m.seq);
    assert.deepEqual(seqs, [1, 2, 3, 4]);
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});
