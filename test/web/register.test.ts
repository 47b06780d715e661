import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Set REGISTER_SCREENSHOTS=/some/dir to keep screenshots of each state for a look by eye.
const SHOTS = process.env.REGISTER_SCREENSHOTS;
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const GOOD = 'a long enough passphrase';

let t: TestServer;
let browser: TestBrowser;
let admin: string;

before(async () => {
  if (browserSkip) return;
  browser = await launchBrowser();
  t = await startTestServer();
  await t.createAdmin('root');
  admin = await t.login('root');
});

after(async () => {
  await browser?.close();
  await t?.close();
});

async function invite(username: string): Promise<{ registerUrl: string; token: string }> {
  const res = await t.api('POST', '/api/admin/invites', {
    token: admin,
    body: { username, name: `Agent ${username}`, email: `${username}@example.test` },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { registerUrl: res.body.registerUrl, token: new URL(res.body.registerUrl).hash.replace('#token=', '') };
}

/**
 * A page that records every request it makes and every console error / uncaught exception
 * (CSP violations included).
 */
async function watchedPage(viewport: { width: number; height: number }) {
  const page = await browser.newPage({ viewport });
  const requests: Request[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/api/register')) problems.push(`${r.status()} ${r.url()}`);
  });
  return { page, requests, problems };
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `register-${name}.png`), fullPage: true });
}

/** The page must not scroll sideways. */
async function assertNoSidewaysScroll(page: Page, width: number) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `page is ${scrollWidth}px wide in a ${width}px window`);
}

test('an invited agent chooses a password on a phone, sees how to log in, and can log in', {
  skip: browserSkip,
}, async () => {
  const { registerUrl, token } = await invite('nina');
  const { page, requests, problems } = await watchedPage(PHONE);
  try {
    await page.goto(registerUrl);
    await page.getByRole('heading', { name: 'Set your password' }).waitFor();
    const password = page.getByLabel('New password');
    const confirm = page.getByLabel('Repeat the password');
    await password.waitFor();
    assert.ok(await confirm.isVisible());
    assert.ok(!page.url().includes(token), `the token is gone from the address bar: ${page.url()}`);
    await assertNoSidewaysScroll(page, PHONE.width);
    await shot(page, 'phone-form');

    // Mismatch: an inline error on the second field, nothing sent.
    await password.fill(GOOD);
    await confirm.fill(`${GOOD}x`);
    await page.getByRole('button', { name: 'Create my account' }).click();
    const confirmError = page.locator('#confirm-error');
    await confirmError.waitFor();
    assert.match(await confirmError.innerText(), /do not match/);
    assert.equal(await confirm.getAttribute('aria-invalid'), 'true');
    assert.ok(await confirm.evaluate((el) => el === document.activeElement), 'focus goes to the field in trouble');
    await shot(page, 'phone-mismatch');

    // Too short: an inline error on the first field, nothing sent.
    await password.fill('short');
    await confirm.fill('short');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page
      .locator('#password-error')
      .getByText(/too short/i)
      .waitFor();
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    assert.equal(requests.filter((r) => r.url().includes('/api/')).length, 0, 'invalid input never reaches the server');

    // Keyboard only: type, Tab, type, Enter.
    await password.fill('');
    await confirm.fill('');
    await password.focus();
    await page.keyboard.type(GOOD);
    await page.keyboard.press('Tab');
    await page.keyboard.type(GOOD);
    await page.keyboard.press('Enter');

    const done = page.getByRole('heading', { name: 'Your account is ready' });
    await done.waitFor();
    assert.equal(await page.locator('#login-cmd').innerText(), `switchboard login --server ${t.url} --username nina`);
    assert.equal(await page.locator('#install-cmd').innerText(), 'npm install && npm link');
    assert.match(await page.locator('#done').innerText(), /nina/);
    assert.ok(
      await page.locator('#done').evaluate((el) => el.contains(document.activeElement)),
      'focus moves to the result',
    );
    assert.equal(await password.isVisible(), false, 'the form is gone');
    await assertNoSidewaysScroll(page, PHONE.width);
    await shot(page, 'phone-done');

    // The token travelled once, in the JSON body of POST /api/register, and never in a URL or header.
    const api = requests.filter((r) => r.url().includes('/api/'));
    assert.equal(api.length, 1);
    assert.equal(api[0]!.method(), 'POST');
    assert.equal(api[0]!.url(), `${t.url}/api/register`);
    assert.deepEqual(api[0]!.postDataJSON(), { token, password: GOOD });
    for (const r of requests) {
      assert.ok(!r.url().includes(token), `token in URL ${r.url()}`);
      for (const [name, value] of Object.entries(await r.allHeaders()))
        assert.ok(!value.includes(token), `token in ${name} header of ${r.url()}`);
    }
    assert.deepEqual(problems, [], 'no console errors, CSP violations or exceptions');

    const login = await t.api('POST', '/api/login', { body: { username: 'nina', password: GOOD } });
    assert.equal(login.status, 200);
    assert.equal(login.body.user.username, 'nina');
  } finally {
    await page.context().close();
  }
});

test('opening a used link again and submitting says it was already used', { skip: browserSkip }, async () => {
  const { registerUrl, token } = await invite('omar');
  assert.equal((await t.api('POST', '/api/register', { body: { token, password: GOOD } })).status, 201);
  const { page, problems } = await watchedPage(DESKTOP);
  try {
    await page.goto(registerUrl);
    await page.getByLabel('New password').fill(GOOD);
    await page.getByLabel('Repeat the password').fill(GOOD);
    await page.getByRole('button', { name: 'Create my account' }).click();
    const status = page.getByRole('status');
    const gone = 'This invite link was already used or has expired — ask your admin for a new one';
    await status.getByText(gone).waitFor();
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    assert.equal(await page.getByLabel('New password').isVisible(), false, 'no form for a dead link');
    await shot(page, 'desktop-gone');
    // A 410 answer is an expected outcome, not a page error; the browser logs the failed fetch itself.
    assert.deepEqual(
      problems.filter((p) => !/status of 410/.test(p)),
      [],
    );
  } finally {
    await page.context().close();
  }
});

test('/register without a token says the link is incomplete; pasting the full link then works', {
  skip: browserSkip,
}, async () => {
  const { page, problems } = await watchedPage(DESKTOP);
  try {
    for (const path of ['/register', '/register#token=', '/register#something-else']) {
      await page.goto(t.url + path);
      await page.getByRole('heading', { name: 'This link is incomplete' }).waitFor();
      assert.equal(await page.getByLabel('New password').isVisible(), false, `no form on ${path}`);
    }
    await assertNoSidewaysScroll(page, DESKTOP.width);
    await shot(page, 'desktop-incomplete');

    // Fixing the address in the same tab only changes the fragment: the page picks the token up.
    const { registerUrl } = await invite('pia');
    await page.goto(registerUrl);
    await page.getByLabel('New password').waitFor();
    assert.equal(await page.getByRole('heading', { name: 'This link is incomplete' }).isVisible(), false);
    await shot(page, 'desktop-form');
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
});
