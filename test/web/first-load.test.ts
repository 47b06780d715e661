// The weight of a first visit, measured the way a browser fetches it: Chromium opens `/` and `/embed`
// with an empty cache and every file it fetches before the page is idle (HTML, modules, CSS, locale,
// fonts if any) is counted, as sent (brotli, as Chromium asks for it) and as gzip (the same files fetched
// again with Accept-Encoding: gzip). The contract: ≤ 60 KiB gzipped each, and /widget.js ≤ 8 KiB gzipped.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const KIB = 1024;
let browser: TestBrowser;
let t: TestServer;

before(async () => {
  t = await startTestServer();
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

/** The body's size on the wire for a GET with this Accept-Encoding (no decoding). */
function wireSize(url: string, acceptEncoding: string): Promise<{ status: number; bytes: number; encoding?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode!, bytes, encoding: res.headers['content-encoding'] }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Every file the page fetched until the network was idle, with its encoded size as Chromium received it. */
async function firstLoad(path: string): Promise<{ url: string; received: number }[]> {
  const page = await browser.newPage();
  const seen: { url: string; received: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (r) => {
    pending.push(
      r.sizes().then((s) => {
        seen.push({ url: r.url(), received: s.responseBodySize });
      }),
    );
  });
  await page.goto(t.url + path, { waitUntil: 'networkidle' });
  await page.waitForSelector('body[data-view="home"]');
  await Promise.all(pending);
  await page.context().close();
  // API answers and socket traffic are not the page's weight.
  return seen.filter(({ url }) => {
    const u = new URL(url);
    return !u.pathname.startsWith('/api/') && !(u.pathname.startsWith('/socket.io/') && u.searchParams.has('EIO'));
  });
}

for (const path of ['/', '/embed']) {
  test(`the first load of ${path} is at most 60 KiB gzipped (HTML, JS, CSS, locale, fonts)`, {
    skip: browserSkip,
    timeout: 60_000,
  }, async (ctx) => {
    const files = await firstLoad(path);
    const urls = files.map((f) => new URL(f.url).pathname);
    assert.ok(urls.includes('/main.js') && urls.includes('/visitor.css'), `fetched: ${urls}`);
    assert.ok(urls.includes('/socket.io/socket.io.esm.min.js'), 'the socket client is part of the first load');
    if (path === '/embed') assert.ok(urls.includes('/embed.css') && urls.includes('/embed-context.js'));
    for (const f of files) assert.equal(new URL(f.url).origin, t.url, `only our own server: ${f.url}`);

    const sent = files.reduce((sum, f) => sum + f.received, 0);
    let gzip = 0;
    for (const f of files) {
      const res = await wireSize(f.url, 'gzip');
      assert.equal(res.status, 200, f.url);
      if (res.bytes > 512) assert.equal(res.encoding, 'gzip', `${f.url} is sent compressed`);
      gzip += res.bytes;
    }
    ctx.diagnostic(
      `${path}: ${files.length} files, ${(sent / KIB).toFixed(1)} KiB as sent, ${(gzip / KIB).toFixed(1)} KiB gzip`,
    );
    assert.ok(gzip <= 60 * KIB, `${path} first load is ${(gzip / KIB).toFixed(1)} KiB gzipped: ${urls.join(' ')}`);
    assert.ok(sent <= gzip, 'Chromium gets brotli, smaller still');
  });
}

test('/widget.js is at most 8 KiB gzipped', async (ctx) => {
  const res = await wireSize(`${t.url}/widget.js`, 'gzip');
  assert.equal(res.status, 200);
  assert.equal(res.encoding, 'gzip');
  ctx.diagnostic(`/widget.js: ${(res.bytes / KIB).toFixed(2)} KiB gzip`);
  assert.ok(res.bytes <= 8 * KIB, `${res.bytes} bytes`);
});
