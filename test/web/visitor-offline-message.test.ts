// Leave a message (POST /api/offline-messages) from the visitor page: when closed (business hours,
// with when it opens in the visitor's time zone), when no agent is online, as a choice while waiting
// (the place is given up once sent), and after joins were refused (429). Staff find the message.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld, type World } from '../helpers/chat.js';
import { assertAccessible } from './axe.js';
import { joinAs, openVisitor, screenshots, trackApi, unexpected, waitForView } from './visitor-page.js';

let browser: TestBrowser;
before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** Business hours that are not now: one hour, two days from today (UTC). */
export const closedNow = () => ({
  businessHours: `${DAYS[(new Date().getUTCDay() + 2) % 7]} 09:00-10:00`,
  timezone: 'UTC',
});

/** Fills the form and sends it. */
async function leaveMessage(page: Page, o: { name?: string; email: string; body: string }) {
  if (o.name !== undefined) await page.getByLabel('Name', { exact: true }).fill(o.name);
  await page.getByLabel('Your e-mail address').fill(o.email);
  await page.getByLabel('Your message').fill(o.body);
  await page.getByRole('button', { name: 'Send message' }).click();
}

/** The messages staff see. */
async function staffMessages(w: World) {
  const res = await w.t.api('GET', '/api/offline-messages?status=all', { token: w.adminToken });
  assert.equal(res.status, 200);
  return res.body.messages as { name: string; email: string; body: string }[];
}

test('closed: says when it opens in the visitor’s time zone, offers the form; the message reaches staff', {
  skip: browserSkip,
  timeout: 90_000,
}, async () => {
  const w = await startWorld([], closedNow());
  try {
    const { nextOpenAt, open } = (await w.t.api('GET', '/api/availability')).body;
    assert.equal(open, false);
    const zone = 'America/New_York';
    const page = await browser.newPage({ timezoneId: zone, locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(w.t.url);
    await waitForView(page, 'closed');
    const at = new Date(nextOpenAt);
    const date = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long', month: 'short', day: 'numeric' });
    const time = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit' });
    assert.equal(
      await page.locator('#closed-lead').textContent(),
      `Our team is away. We’re back on ${date.format(at)} at ${time.format(at)}.`,
    );
    assert.equal(await page.locator('#view-home').isVisible(), false, 'no Start chat while closed');
    await assertAccessible(page, 'closed');
    await screenshots(page, 'closed');

    await page.getByRole('button', { name: 'Leave a message' }).click();
    await waitForView(page, 'message');
    await page.getByLabel('Name', { exact: true }).fill('Rosa Díaz');
    await page.getByLabel('Your e-mail address').fill('rosa@example.test');
    await page.getByLabel('Your message').fill('My order #42 never arrived. Can you check?');
    await screenshots(page, 'leave-a-message');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText('Thanks, we’ll reply by e-mail.').waitFor();
    assert.match((await page.locator('#offline-thanks-detail').textContent()) ?? '', /rosa@example\.test/);
    await screenshots(page, 'message-sent');
    const [m] = await staffMessages(w);
    assert.deepEqual(
      { name: m!.name, email: m!.email, body: m!.body },
      { name: 'Rosa Díaz', email: 'rosa@example.test', body: 'My order #42 never arrived. Can you check?' },
    );
    assert.deepEqual(problems, []);
  } finally {
    await w.close();
  }
});

test('the form checks name, e-mail and message by the server’s limits before sending anything', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld([]);
  try {
    const { page, problems } = await openVisitor(browser, w.t.url);
    await waitForView(page, 'home');
    // No agent online: the home page offers the form.
    await page.getByRole('button', { name: 'Leave a message instead' }).click();
    await waitForView(page, 'message');
    const api = trackApi(page);
    const errors = () =>
      page.$$eval('#view-message .field-error:not([hidden])', (ps) => ps.map((p) => `${p.id}: ${p.textContent}`));
    await page.getByRole('button', { name: 'Send message' }).click();
    assert.deepEqual(await errors(), [
      'offline-name-error: Please enter your name.',
      'offline-email-error: Please enter your e-mail address, so we can reply.',
      'offline-body-error: Please write your message.',
    ]);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'offline-name', 'the first wrong field');
    await page.getByLabel('Name', { exact: true }).fill('x'.repeat(65));
    await page.getByLabel('Your e-mail address').fill('not-an-address');
    await page.getByLabel('Your message').fill('y'.repeat(4001));
    assert.deepEqual(await errors(), [
      'offline-name-error: That name is too long: 65 characters. Please use at most 64.',
      'offline-email-error: That doesn’t look like an e-mail address (like name@example.com).',
      'offline-body-error: That message is too long: 4,001 of at most 4,000 characters.',
    ]);
    await page.getByLabel('Your e-mail address').fill(`${'a'.repeat(250)}@b.co`);
    assert.deepEqual(
      (await errors())[1],
      'offline-email-error: That address is too long: 255 characters. Please use at most 254.',
    );
    await page.getByRole('button', { name: 'Send message' }).click();
    assert.deepEqual(api, [], 'nothing was sent');

    await leaveMessage(page, { name: 'Ines', email: 'ines@example.test', body: 'y'.repeat(4000) });
    await page.getByText('Thanks, we’ll reply by e-mail.').waitFor();
    assert.equal((await staffMessages(w))[0]!.body.length, 4000);
    await page.getByRole('button', { name: 'Back to the start' }).click();
    await waitForView(page, 'home');
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await w.close();
  }
});

test('while waiting: “Leave a message instead” keeps the place until it is sent, then leaves the queue', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld([]);
  try {
    const { page, problems } = await openVisitor(browser, w.t.url);
    await joinAs(page, 'Omar');
    await waitForView(page, 'queue');
    await page.locator('#queue-line').getByText('0 agents online').waitFor();
    await page.getByRole('button', { name: 'Leave a message instead' }).click();
    await waitForView(page, 'message');
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Omar', 'the name is kept');
    // Back: still waiting, same place.
    await page.getByRole('button', { name: 'Back' }).click();
    await waitForView(page, 'queue');
    assert.equal((await w.t.api('GET', '/api/availability')).body.waiting, 1);
    await page.getByRole('button', { name: 'Leave a message instead' }).click();
    await leaveMessage(page, { email: 'omar@example.test', body: 'Please call me back tomorrow.' });
    await page.getByText('Thanks, we’ll reply by e-mail.').waitFor();
    assert.equal((await w.t.api('GET', '/api/availability')).body.waiting, 0, 'out of the queue');
    assert.equal((await staffMessages(w))[0]!.name, 'Omar');
    await page.reload();
    await waitForView(page, 'home');
    assert.deepEqual(unexpected(problems, ['409 POST /api/chat/start']), []);
  } finally {
    await w.close();
  }
});

test('joins refused (429): the form is offered beside the countdown, and works', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice'], { queueJoinsPerMinute: 1 });
  try {
    await w.agentOnline('alice');
    const { page, problems } = await openVisitor(browser, w.t.url);
    await waitForView(page, 'home');
    await page.locator('#availability').getByText('1 agent online').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Leave a message instead' }).isVisible(), false);
    await joinAs(page, 'Pat');
    await waitForView(page, 'chat');
    await page.getByRole('button', { name: 'End chat' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'End chat' }).click();
    await waitForView(page, 'ended');
    await page.getByRole('button', { name: 'Start a new chat' }).click();
    await waitForView(page, 'home');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.locator('#home-status').getByText('Too many chats were started').waitFor();
    await page.getByRole('button', { name: 'Leave a message instead' }).click();
    await leaveMessage(page, { email: 'pat@example.test', body: 'I could not start a chat.' });
    await page.getByText('Thanks, we’ll reply by e-mail.').waitFor();
    assert.deepEqual(unexpected(problems, ['429 POST /api/queue']), []);
  } finally {
    await w.close();
  }
});
