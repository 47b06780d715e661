// Driving the visitor page (web-visitor/) in Chromium: pages that record problems, view waits,
// a structured read of the message list, and screenshots for docs/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { TestBrowser } from '../helpers/browser.js';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * Screenshots of each view land in test-output/screenshots/ on every run (git ignores it), so a run
 * leaves the tree clean; `SCREENSHOTS_DIR=docs/screenshots npm test` refreshes the committed set the
 * README shows.
 */
export const SHOTS_DIR =
  process.env.SCREENSHOTS_DIR ?? fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

let addresses = 0;

export interface VisitorPage {
  page: Page;
  /** Console errors, uncaught exceptions (CSP violations included) and failed responses. */
  problems: string[];
  /** Every alert/confirm/prompt the page opened (an XSS would show here). */
  dialogs: string[];
  /** Every URL the page requested, with the answer's status (0 while none). */
  requests: { url: string; status: number }[];
}

/**
 * A visitor's tab in a fresh context, coming from its own client address (the test server trusts
 * X-Forwarded-For, so each visitor has its own queue-join allowance).
 */
export async function openVisitor(
  browser: TestBrowser,
  url: string,
  o: { viewport?: { width: number; height: number }; address?: string; init?: () => void } = {},
): Promise<VisitorPage> {
  const address = o.address ?? `10.77.${Math.floor(++addresses / 250)}.${addresses % 250}`;
  const page = await browser.newPage({
    viewport: o.viewport ?? DESKTOP,
    extraHTTPHeaders: { 'x-forwarded-for': address },
    acceptDownloads: true,
  });
  // Fail with a message well before the test's own timeout, so a stuck step names itself.
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  const dialogs: string[] = [];
  const requests: { url: string; status: number }[] = [];
  page.on('request', (r) => void requests.push({ url: r.url(), status: 0 }));
  page.on('requestfinished', async (r) => {
    const entry = requests.find((e) => e.url === r.url() && e.status === 0);
    if (entry) entry.status = (await r.response())?.status() ?? 0;
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  if (o.init) await page.context().addInitScript(o.init);
  await page.goto(url);
  return { page, problems, dialogs, requests };
}

/**
 * The problems that are not expected outcomes. The browser itself logs every non-2xx fetch as a
 * console error; `expected` lists the answers the scenario provokes on purpose (e.g. "409 POST /api/chat/start").
 */
export function unexpected(problems: string[], expected: string[] = []): string[] {
  const codes = expected.map((e) => e.split(' ')[0]);
  return problems.filter((p) => {
    if (expected.includes(p)) return false;
    const status = /status of (\d{3})/.exec(p)?.[1];
    return !(status && codes.includes(status));
  });
}

/** Every /api request the page makes from now on, with when it was made. */
export function trackApi(page: Page): { method: string; path: string; at: number }[] {
  const seen: { method: string; path: string; at: number }[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) seen.push({ method: r.method(), path, at: Date.now() });
  });
  return seen;
}

/**
 * The chat was started by the server's `queue:turn` push: the first request after `since` is the
 * start itself, with no status poll (every 10 s) before it, and it came quickly.
 */
export function assertStartedByPush(api: { method: string; path: string; at: number }[], since: number): void {
  const next = api.filter((r) => r.at >= since);
  assert.deepEqual(
    next[0] && [next[0].method, next[0].path],
    ['POST', '/api/chat/start'],
    `requests since: ${JSON.stringify(next)}`,
  );
  assert.ok(next[0]!.at - since < 5000, `started ${next[0]!.at - since} ms after the push`);
}

/**
 * Makes the page believe its tab is hidden (or shown again), as when the visitor switches to another
 * tab: headless Chromium keeps every page visible, so the Page Visibility API is emulated in the page
 * and `visibilitychange` fired, as the browser would.
 */
export async function setTabHidden(page: Page, hidden: boolean): Promise<void> {
  // A string, not a function: the test compiler would name the getters with a helper the page lacks.
  await page.evaluate(`{
    const state = ${JSON.stringify(hidden ? 'hidden' : 'visible')};
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }`);
}

/** Waits for the page to show a step: home, queue, chat or ended. */
export async function waitForView(
  page: Page,
  view: 'home' | 'queue' | 'chat' | 'ended' | 'closed' | 'message',
  timeout = 10_000,
): Promise<void> {
  await page.waitForSelector(`body[data-view="${view}"]`, { timeout });
}

/** Types the name and presses "Start chat". */
export async function joinAs(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Start chat' }).click();
}

/** Types a message into the composer and presses Enter. */
export async function send(page: Page, body: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(body);
  await box.press('Enter');
}

export interface ShownMessage {
  id: string;
  seq: number;
  role: string;
  body: string;
  from: string | null;
  to: string | null;
  time: string | null;
  datetime: string | null;
  left: number;
  right: number;
}

/** The confirmed messages as the page shows them, top to bottom. */
export function shownMessages(page: Page): Promise<ShownMessage[]> {
  return page.$$eval('#messages > li[data-id]', (items) =>
    items.map((li) => {
      const el = li as HTMLElement;
      const box = (el.querySelector('.bubble') ?? el).getBoundingClientRect();
      const text = el.querySelector('.bubble') ?? el.querySelector('.system-text');
      return {
        id: el.dataset.id!,
        seq: Number(el.dataset.seq),
        role: el.dataset.role!,
        body: (el.classList.contains('msg-system') ? text?.childNodes[0]?.textContent : text?.textContent) ?? '',
        from: el.querySelector('.from')?.textContent ?? null,
        to: el.querySelector('.to')?.textContent ?? null,
        time: el.querySelector('time')?.textContent ?? null,
        datetime: el.querySelector('time')?.getAttribute('datetime') ?? null,
        left: box.left,
        right: box.right,
      };
    }),
  );
}

/** Waits until a confirmed message with this body is on the page, and returns it. */
export async function waitForMessage(page: Page, body: string, timeout = 10_000): Promise<ShownMessage> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await shownMessages(page)).find((m) => m.body === body);
    if (found) return found;
    if (Date.now() > deadline)
      assert.fail(
        `message "${body}" not shown within ${timeout} ms; ` +
          `shown: ${JSON.stringify((await shownMessages(page)).map((m) => m.body))}`,
      );
    await page.waitForTimeout(50);
  }
}

/** The page must not scroll sideways. */
export async function assertNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px window`);
}

/**
 * Screenshots the current view at desktop and phone size (visitor-<name>-1280.png, -360.png),
 * checking at each size that nothing overflows sideways; restores the original viewport.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  await page.mouse.move(0, 0); // no hover effects in the pictures
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await assertNoSidewaysScroll(page);
    await page.screenshot({
      path: join(SHOTS_DIR, `visitor-${name}-${size.width}.png`),
      animations: 'disabled',
      caret: 'hide',
    });
  }
  await page.setViewportSize(original);
}
