// The widget's origins: the loader hears only its own frame, a site not in --allowed-origins cannot frame
// the chat, and the visitorId is kept across joins from / and from the widget (Chromium; host site on
// another loopback origin, see widget-host.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { joinAs, openVisitor, unexpected, waitForView } from './visitor-page.js';
import { chatFrame, hostEvents, launcher, startEmbedWorld } from './widget-host.js';

let browser: TestBrowser;

before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the loader takes messages only from its own frame on the server’s origin', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const s = await startEmbedWorld();
  try {
    const { page } = await openVisitor(browser, s.host.url('/'));
    await launcher(page, 'Chat with us').waitFor();
    // The host page (another origin than the server's) pretends to be the frame.
    await page.evaluate(() => {
      window.postMessage({ source: 'switchboard', type: 'unread', count: 5 }, '*');
      window.postMessage({ source: 'switchboard', type: 'chat:started', chatId: 'fake' }, '*');
    });
    await page.waitForTimeout(500);
    assert.deepEqual(await hostEvents(page), [['ready']]);
    assert.equal(await page.locator('[data-switchboard-widget] .badge').isVisible(), false);

    // The stub's queue is spent and its methods replaced; a `ready` handler added late still hears it.
    const late = await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const S = (window as any).Switchboard;
          if (S.q.length !== 0) resolve('queue not emptied');
          S.on('ready', () => resolve('called'));
          setTimeout(() => resolve('not called'), 1000);
        }),
    );
    assert.equal(late, 'called');
  } finally {
    await s.close();
  }
});

test('on a site not in --allowed-origins the frame is refused (CSP frame-ancestors) and no launcher shows', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const s = await startEmbedWorld({ allowed: false });
  try {
    const { page, problems } = await openVisitor(browser, s.host.url('/'));
    const embed = await fetch(`${s.w.t.url}/embed`);
    const csp = embed.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'self' https:\/\/shop\.example;/);
    await page.waitForTimeout(2000);
    const drawn = page.locator('[data-switchboard-widget] .launcher');
    assert.equal(await drawn.count(), 1, 'the launcher is drawn…');
    assert.equal(await drawn.isVisible(), false, '…but not shown');
    assert.deepEqual(await hostEvents(page), []);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(frame, 'the iframe exists');
    // A refused frame holds the browser's error page, which may not even answer: give it 2 s.
    const loaded = await Promise.race([
      frame.evaluate(() => document.getElementById('join-form') !== null).catch(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000)),
    ]);
    assert.equal(loaded, false, 'the chat page did not load in the frame');
    assert.ok(
      problems.some((p) => /frame-ancestors|Refused to frame/i.test(p)),
      `the browser says why: ${JSON.stringify(problems)}`,
    );
  } finally {
    await s.close();
  }
});

test('the visitorId a join answers is kept and sent back on later joins, from / and from the widget', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const s = await startEmbedWorld(); // nobody online: a join waits in the queue
  try {
    const { page, problems } = await openVisitor(browser, s.w.t.url);
    const joins: Record<string, unknown>[] = [];
    const answers: Record<string, unknown>[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/queue') joins.push(r.postDataJSON());
    });
    page.on('response', async (r) => {
      if (r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/queue') answers.push(await r.json());
    });
    await joinAs(page, 'Grace');
    await waitForView(page, 'queue');
    await page.getByRole('button', { name: 'Leave queue' }).click();
    await waitForView(page, 'home');
    await joinAs(page, 'Grace');
    await waitForView(page, 'queue');
    await page.getByRole('button', { name: 'Leave queue' }).click();
    await waitForView(page, 'home');

    // The same browser on a site with the widget.
    await page.goto(s.host.url('/'));
    await launcher(page, 'Chat with us').click();
    const frame = await chatFrame(page);
    await frame.getByRole('button', { name: 'Start chat' }).click();
    await frame.waitForSelector('body[data-view="queue"]');
    for (let i = 0; i < 50 && answers.length < 3; i++) await page.waitForTimeout(100);

    const id = answers[0]!.visitorId;
    assert.match(String(id), /^[A-Za-z0-9_-]{1,64}$/);
    assert.equal(joins[0]!.visitorId, undefined, 'a first visit has none');
    assert.deepEqual(
      joins.slice(1).map((j) => j.visitorId),
      [id, id],
      'sent back from / and from the widget',
    );
    assert.deepEqual(
      answers.map((a) => a.visitorId),
      [id, id, id],
    );
    assert.deepEqual(unexpected(problems, ['409 POST /api/chat/start']), []);
  } finally {
    await s.close();
  }
});
