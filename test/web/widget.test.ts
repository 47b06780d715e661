// The embeddable widget end to end: a host site on another loopback origin with the stub and the script
// tag, the Switchboard server started with that origin allowed (or not), Chromium as the visitor, an
// agent on socket.io-client.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { emitAck, eventually, record } from '../helpers/sockets.js';
import { openVisitor, screenshots, send, unexpected } from './visitor-page.js';
import { chatFrame, hostEvents, launcher, panelShown, startEmbedWorld, waitForHostEvent } from './widget-host.js';

let browser: TestBrowser;

before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const frameText = (frame: Frame, text: string) =>
  frame.waitForSelector(`#messages li[data-id] .bubble:has-text("${text}")`, { timeout: 10_000 });

test('on an allowed site: launcher, chat with an agent end to end, events, context in the join, unread badge', {
  skip: browserSkip,
  timeout: 90_000,
}, async () => {
  const s = await startEmbedWorld({
    data: { title: 'Chat with Shop', color: '#0b5fff', position: 'left' },
    before:
      "Switchboard.identify({name: 'Grace Hopper', email: 'grace@example.com'});" +
      "Switchboard.setAttributes({plan: 'pro', orders: 3, vip: true, dropped: null});",
  });
  try {
    const alice = await s.w.agentOnline('alice');
    record(alice.socket);
    const { page, problems } = await openVisitor(browser, s.host.url('/cart'));

    // The launcher: named by data-title, on the left, closed; `ready` came first (handlers queued by the stub).
    const button = launcher(page, 'Chat with Shop');
    await button.waitFor();
    assert.deepEqual(await hostEvents(page), [['ready']]);
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    const box = (await button.boundingBox())!;
    assert.ok(box.x < 100, `launcher at x=${box.x}, expected on the left`);
    assert.equal(
      await button.evaluate((b) => getComputedStyle(b).backgroundColor),
      'rgb(11, 95, 255)',
      'data-color paints the launcher',
    );
    assert.equal(await panelShown(page), false);

    // Open: the chat in its frame, the name from identify() already filled in.
    await button.click();
    await waitForHostEvent(page, 'open');
    assert.equal(await panelShown(page), true);
    assert.equal(await launcher(page, 'Close: Chat with Shop').getAttribute('aria-expanded'), 'true');
    const frame = await chatFrame(page);
    assert.equal(await frame.locator('.brand-name').textContent(), 'Chat with Shop');
    assert.equal(await frame.getByLabel('Your name').inputValue(), 'Grace Hopper');

    const joined = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/queue');
    await frame.getByRole('button', { name: 'Start chat' }).click();
    const body = (await joined).postDataJSON();
    assert.equal(body.name, 'Grace Hopper');
    assert.equal(body.email, 'grace@example.com');
    assert.deepEqual(body.attributes, { plan: 'pro', orders: 3, vip: true });
    assert.deepEqual(body.page, { url: s.host.url('/cart'), title: 'Host shop /cart' });

    await frame.waitForSelector('body[data-view="chat"]');
    const assigned = await eventually(alice.socket, 'chat:assigned');
    const chatId = assigned.chatId as string;
    // The staff side (contract v2 "Visitor context"): Alice sees what the site told.
    assert.equal(assigned.visitor.name, 'Grace Hopper');
    assert.equal(assigned.visitor.email, 'grace@example.com');
    assert.deepEqual(assigned.visitor.attributes, { plan: 'pro', orders: 3, vip: true });
    assert.deepEqual(assigned.visitor.page, { url: s.host.url('/cart'), title: 'Host shop /cart' });
    await waitForHostEvent(page, 'chat:started', { chatId, resumed: false });

    // Both ways.
    await send(frame as unknown as Page, 'Where is my order?');
    const got = await eventually(alice.socket, 'chat:message', (m) => m.body === 'Where is my order?');
    assert.equal(got.chatId, chatId);
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'Let me look.' });
    await frameText(frame, 'Let me look.');
    await screenshots(page, 'widget-open');
    assert.ok(!(await hostEvents(page)).some(([e]) => e === 'unread'), 'no unread while open');

    // Closed: agent messages count on the badge and in `unread` events.
    await page.evaluate(() => (window as any).Switchboard.close());
    await waitForHostEvent(page, 'close');
    assert.equal(await panelShown(page), false);
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'Found it.' });
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'It ships today.' });
    await waitForHostEvent(page, 'unread', { count: 2 });
    const badge = page.locator('[data-switchboard-widget] .badge');
    assert.equal(await badge.textContent(), '2');
    assert.equal(await badge.isVisible(), true);
    await launcher(page, 'Chat with Shop (2 unread)').waitFor();
    await screenshots(page, 'widget-unread');

    // toggle() opens again: seen, so the count goes back to 0 and the badge away.
    await page.evaluate(() => (window as any).Switchboard.toggle());
    await waitForHostEvent(page, 'unread', { count: 0 });
    assert.equal(await badge.isVisible(), false);
    await frameText(frame, 'It ships today.');

    // The agent ends it: the site hears it once.
    await emitAck(alice.socket, 'chat:end', { chatId });
    await waitForHostEvent(page, 'chat:ended', { chatId, by: 'agent' });
    await frame.waitForSelector('body[data-view="ended"]');

    // Another page of the site: the widget comes back open (as the visitor left it), with the ended chat,
    // and does not tell `chat:ended` again.
    await page.goto(s.host.url('/other'));
    await waitForHostEvent(page, 'open');
    const again = await chatFrame(page);
    await again.waitForSelector('body[data-view="ended"]');
    await page.waitForTimeout(300);
    assert.deepEqual(
      (await hostEvents(page)).map(([e]) => e),
      ['ready', 'open'],
    );

    assert.deepEqual(unexpected(problems), []);
  } finally {
    await s.close();
  }
});

test('open() queued before the script loaded opens it on ready; Escape and the frame’s close button close it', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const s = await startEmbedWorld({ before: 'Switchboard.open();' });
  try {
    const { page, problems } = await openVisitor(browser, s.host.url('/'));
    await waitForHostEvent(page, 'open');
    assert.deepEqual(
      (await hostEvents(page)).map(([e]) => e),
      ['ready', 'open'],
    );
    const frame = await chatFrame(page);
    // Opened: the name field has the focus, inside the frame.
    await frame.waitForFunction(() => document.activeElement?.id === 'name');
    await screenshots(page, 'widget-home');

    await page.keyboard.press('Escape');
    await waitForHostEvent(page, 'close');
    assert.equal(await panelShown(page), false);
    const button = launcher(page, 'Chat with us');
    assert.equal(
      await button.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b),
      true,
      'focus back on the launcher',
    );

    // The keyboard opens it again (Enter on the focused launcher), the frame's own close button closes it.
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as any).hostEvents.filter(([e]: [string]) => e === 'open').length === 2);
    await frame.getByRole('button', { name: 'Close chat' }).click();
    await page.waitForFunction(() => (window as any).hostEvents.filter(([e]: [string]) => e === 'close').length === 2);
    assert.equal(await panelShown(page), false);

    // The default launcher: bottom right.
    const box = (await button.boundingBox())!;
    const width = page.viewportSize()!.width;
    assert.ok(box.x > width - 100, `launcher at x=${box.x} of ${width}, expected on the right`);
    assert.deepEqual(unexpected(problems), []);
  } finally {
    await s.close();
  }
});
