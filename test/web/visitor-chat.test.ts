// The visitor page end to end: a real server (startWorld), agents on socket.io-client, the visitor in Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld } from '../helpers/chat.js';
import { emitAck, eventually, nextEvent, record } from '../helpers/sockets.js';
import {
  assertStartedByPush,
  joinAs,
  openVisitor,
  screenshots,
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

/** A world with the named agents, and a visitor tab in a chat with the first of them. */
async function inChat(agents: string[], name = 'Grace Hopper') {
  const w = await startWorld(agents);
  const agent = await w.agentOnline(agents[0]!);
  record(agent.socket);
  const v = await openVisitor(browser, w.t.url);
  await joinAs(v.page, name);
  await waitForView(v.page, 'chat');
  const assigned = await eventually(agent.socket, 'chat:assigned');
  return { w, agent, chatId: assigned.chatId as string, ...v };
}

const wholeJourney =
  'join → queue (ahead, agents online) → chat both ways with names and times → transfer → ended by the agent ' +
  '→ transcript';
test(wholeJourney, {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice', 'bob']);
  try {
    const alice = await w.agentOnline('alice');
    record(alice.socket);
    const early = [await w.join('Ada'), await w.join('Linus')];
    const { page, problems, dialogs, requests } = await openVisitor(browser, w.t.url);
    const api = trackApi(page);

    await waitForView(page, 'home');
    assert.equal(await page.title(), 'Chat with support · Switchboard');
    assert.ok(
      await page.getByLabel('Your name').evaluate((el) => el === document.activeElement),
      'the name field has focus',
    );
    await screenshots(page, 'home');

    await joinAs(page, 'Grace Hopper');
    await waitForView(page, 'queue');
    const line = page.locator('#queue-line');
    await page.waitForFunction(() => document.getElementById('queue-line')!.textContent!.includes('ahead'));
    assert.equal(await line.textContent(), '2 people ahead of you · 1 agent online');
    assert.match(await page.locator('#queue-greeting').innerText(), /Grace Hopper/);
    await screenshots(page, 'queue');
    const tokenOf = () =>
      page.evaluate(
        () => JSON.parse(localStorage.getItem('switchboard.visitor')!) as { queueToken?: string; userToken?: string },
      );
    const { queueToken } = await tokenOf();

    // The two in front leave: the server pushes queue:turn and the page starts the chat at once.
    const leftAt = Date.now();
    for (const v of early) assert.equal((await w.t.api('DELETE', '/api/queue', { token: v.queueToken })).status, 204);
    await waitForView(page, 'chat');
    assertStartedByPush(api, leftAt);
    const { chatId } = await eventually(alice.socket, 'chat:assigned');
    assert.equal(await page.locator('#agent-name').textContent(), 'Alice Agent');
    const { userToken } = await tokenOf();
    assert.ok(queueToken && userToken);

    // Agent → visitor, visitor → agent: names of both sides and the time on every message.
    const hello = await emitAck(alice.socket, 'chat:send', { chatId, body: 'Hi Grace! How can I help you today?' });
    const shownHello = await waitForMessage(page, 'Hi Grace! How can I help you today?');
    assert.equal(shownHello.from, 'Alice Agent');
    assert.equal(shownHello.to, 'Grace Hopper');
    assert.equal(shownHello.datetime, hello.message.sentAt);
    assert.match(shownHello.time ?? '', /^\d{1,2}:\d{2}/);

    const fromVisitor = nextEvent(alice.socket, 'chat:message', 3000, (m: any) => m.from.role === 'visitor');
    await send(page, 'My order #1234 has not arrived yet.');
    assert.equal((await fromVisitor).body, 'My order #1234 has not arrived yet.');
    const mine = await waitForMessage(page, 'My order #1234 has not arrived yet.');
    assert.equal(mine.from, 'Grace Hopper');
    assert.equal(mine.to, 'Alice Agent');
    assert.match(mine.time ?? '', /^\d{1,2}:\d{2}/);
    assert.ok(
      mine.right > shownHello.right && mine.left > shownHello.left,
      'own messages on the right, the agent’s on the left',
    );
    assert.equal(await page.getByRole('textbox', { name: 'Message' }).inputValue(), '', 'the box is cleared once sent');

    await emitAck(alice.socket, 'chat:send', {
      chatId,
      body: 'Sorry about that! Bob from billing can look into it — I’m passing you over.',
    });

    // Transfer: the header shows the new agent, a system line in between.
    const bob = await w.agentOnline('bob');
    record(bob.socket);
    assert.equal((await emitAck(alice.socket, 'chat:transfer', { chatId, to: 'bob' })).ok, true);
    await page.locator('#agent-name').getByText('Bob Agent', { exact: true }).waitFor();
    const note = await waitForMessage(page, 'Alice Agent transferred the chat to Bob Agent.');
    assert.equal(note.role, 'system');
    await eventually(bob.socket, 'chat:assigned');
    await emitAck(bob.socket, 'chat:send', {
      chatId,
      body: 'Hi Grace, I can see order #1234. It left our warehouse this morning — you will have it tomorrow.',
    });
    const fromBob = await waitForMessage(
      page,
      'Hi Grace, I can see order #1234. It left our warehouse this morning — you will have it tomorrow.',
    );
    assert.equal(fromBob.from, 'Bob Agent');
    await send(page, 'Great, thank you!');
    assert.equal((await waitForMessage(page, 'Great, thank you!')).to, 'Bob Agent');

    // Each message once (it came by ack and by chat:message), in seq order.
    const shown = await shownMessages(page);
    assert.deepEqual(
      shown.map((m) => m.seq),
      [1, 2, 3, 4, 5, 6],
    );
    assert.equal(new Set(shown.map((m) => m.id)).size, shown.length);
    // The transcript is a live region (role="log") holding the list, so messages stay list items.
    assert.equal(await page.getByRole('log', { name: 'Conversation' }).getAttribute('aria-live'), 'polite');
    assert.equal(await page.locator('[role="log"] > ol#messages').count(), 1);
    await screenshots(page, 'chat');

    // The agent ends it: the transcript stays readable, the composer gives way to the ended panel.
    await emitAck(bob.socket, 'chat:end', { chatId });
    await waitForView(page, 'ended');
    assert.equal(await page.locator('#ended-line').textContent(), 'Chat ended by the agent');
    assert.equal((await shownMessages(page)).length, 6);
    assert.equal(await page.getByRole('textbox', { name: 'Message' }).isVisible(), false);
    await screenshots(page, 'ended');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download transcript' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^switchboard-chat-\d{4}-\d{2}-\d{2}-\d{4}\.txt$/);
    const text = await readFile((await download.path())!, 'utf8');
    for (const line of [
      'Visitor: Grace Hopper',
      'Alice Agent → Grace Hopper: Hi Grace! How can I help you today?',
      'Grace Hopper → Alice Agent: My order #1234 has not arrived yet.',
      '— Alice Agent transferred the chat to Bob Agent.',
      'Grace Hopper → Bob Agent: Great, thank you!',
      'Chat ended by the agent.',
    ]) {
      assert.ok(text.includes(line), `transcript has "${line}":\n${text}`);
    }

    // A new chat starts from the home view with the name filled in.
    await page.getByRole('button', { name: 'Start a new chat' }).click();
    await waitForView(page, 'home');
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Grace Hopper');
    assert.deepEqual(unexpected(problems), []);
    assert.deepEqual(dialogs, []);

    // Everything came from our own server (no CDN), the Socket.IO client included, as an ES module.
    for (const r of requests)
      assert.ok(
        r.url.startsWith(`${w.t.url}/`) || r.url.startsWith('blob:') || r.url.startsWith('data:'),
        `foreign request ${r.url}`,
      );
    assert.ok(
      requests.some((r) => r.url === `${w.t.url}/socket.io/socket.io.esm.min.js` && r.status === 200),
      'the Socket.IO client from /socket.io/',
    );
    // Tokens travel in headers and the socket handshake, never in a URL.
    for (const r of requests)
      assert.ok(!r.url.includes(queueToken!) && !r.url.includes(userToken!), `token in ${r.url}`);
  } finally {
    await w.close();
  }
});

test('the visitor ends the chat only after confirming (keyboard only); the agent is told', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const { w, agent, chatId, page, problems } = await inChat(['alice']);
  try {
    const endButton = page.getByRole('button', { name: 'End chat' });
    const dialog = page.getByRole('dialog', { name: 'End this chat?' });

    await endButton.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.body.dataset.view), 'chat', 'Escape keeps chatting');
    assert.ok(await endButton.evaluate((el) => el === document.activeElement), 'focus returns to End chat');

    const ended = nextEvent(agent.socket, 'chat:ended');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'End chat' }).focus();
    await page.keyboard.press('Enter');
    await waitForView(page, 'ended');
    assert.deepEqual(await ended, { chatId, by: 'visitor' });
    assert.equal(await page.locator('#ended-line').textContent(), 'Chat ended by you');
    assert.ok(
      await page.locator('#ended-line').evaluate((el) => el === document.activeElement),
      'focus moves to the outcome',
    );

    // Reloading the ended chat shows it again, read-only.
    await page.reload();
    await waitForView(page, 'ended');
    assert.equal(await page.locator('#ended-line').textContent(), 'Chat ended by you');

    // Coming back hours later (the session is kept in localStorage): a fresh start, the name kept.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('switchboard.visitor')!);
      localStorage.setItem('switchboard.visitor', JSON.stringify({ ...s, endedAt: Date.now() - 2 * 3600_000 }));
    });
    await page.reload();
    await waitForView(page, 'home');
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Grace Hopper');
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});

const restoresHistory =
  'reload mid-chat and a reopened tab restore the history; messages missed offline arrive on reconnect; ' +
  'a message written offline goes out by itself when the connection is back';
test(restoresHistory, {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const { w, agent, chatId, page, problems } = await inChat(['alice']);
  try {
    await emitAck(agent.socket, 'chat:send', { chatId, body: 'Hello! What can I do for you?' });
    await send(page, 'I need a new invoice.');
    await waitForMessage(page, 'I need a new invoice.');
    const before = await shownMessages(page);

    await page.reload();
    await waitForView(page, 'chat');
    await waitForMessage(page, 'I need a new invoice.');
    assert.deepEqual(
      (await shownMessages(page)).map((m) => m.id),
      before.map((m) => m.id),
    );
    assert.equal(await page.locator('#agent-name').textContent(), 'Alice Agent');

    // Closing the tab and opening the page again in the same browser: the chat is back (localStorage).
    const context = page.context();
    await page.close();
    const reopened = await context.newPage();
    reopened.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await reopened.goto(w.t.url);
    await waitForView(reopened, 'chat');
    await waitForMessage(reopened, 'I need a new invoice.');
    assert.equal((await shownMessages(reopened)).length, before.length);

    // Offline: the page says so; what the visitor writes waits as "Sending…" and goes out by itself
    // once back; what the agent wrote meanwhile arrives with chat:history on reconnect.
    await context.setOffline(true);
    await reopened
      .locator('#chat-banner')
      .getByText(/Connection lost/)
      .waitFor();
    await emitAck(agent.socket, 'chat:send', { chatId, body: 'Sent while you were offline.' });
    await send(reopened, 'Are you still there?');
    const pending = reopened.locator('#messages li.msg-pending');
    await pending.waitFor();
    assert.equal(await pending.locator('.bubble').textContent(), 'Are you still there?');
    assert.equal(await reopened.locator('#send-status').isVisible(), false, 'no error while it can still go');

    const received = nextEvent(agent.socket, 'chat:message', 15_000, (m: any) => m.body === 'Are you still there?');
    await context.setOffline(false);
    await waitForMessage(reopened, 'Sent while you were offline.', 10_000);
    await reopened.locator('#chat-banner').waitFor({ state: 'hidden' });
    await received;
    await waitForMessage(reopened, 'Are you still there?');
    assert.equal(await pending.count(), 0);
    const all = await shownMessages(reopened);
    assert.deepEqual(
      all.map((m) => m.seq),
      all.map((_, i) => i + 1),
      'no gap, no duplicate',
    );
    assert.deepEqual(
      unexpected(problems).filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)),
      [],
    );
  } finally {
    await w.close();
  }
});
