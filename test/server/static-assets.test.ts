// Serving the pages and their files: content types, ETag and 304, gzip and brotli when asked for, the
// cache policy, and the headers that let /embed be framed by allowed sites only and /widget.js be loaded
// by them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ allowedOrigins: 'https://shop.example, http://127.0.0.1:9 ,not an origin' });
});
after(async () => {
  await t?.close();
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly these headers (fetch would add and undo Accept-Encoding itself); the body as sent. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const TYPES: [string, RegExp][] = [
  ['/', /^text\/html; charset=utf-8$/],
  ['/embed', /^text\/html; charset=utf-8$/],
  ['/register', /^text\/html; charset=utf-8$/],
  ['/main.js', /^text\/javascript; charset=utf-8$/],
  ['/widget.js', /^text\/javascript; charset=utf-8$/],
  ['/visitor.css', /^text\/css; charset=utf-8$/],
  ['/embed.css', /^text\/css; charset=utf-8$/],
  ['/locales/en.json', /^application\/json; charset=utf-8$/],
];

test('every page and file has its content type, an ETag, a cache policy and nosniff', async () => {
  for (const [path, type] of TYPES) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.match(String(res.headers['content-type']), type, path);
    assert.match(String(res.headers.etag), /^"[A-Za-z0-9_-]+"$/, `${path} ETag`);
    assert.ok(res.headers['cache-control'], `${path} Cache-Control`);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
    assert.equal(Number(res.headers['content-length']), res.body.length, `${path} Content-Length`);
  }
  // Pages and modules revalidate every time (a page and its scripts never come from two versions);
  // the loader other sites include may be kept a few minutes.
  assert.equal((await get('/')).headers['cache-control'], 'no-cache');
  assert.equal((await get('/main.js')).headers['cache-control'], 'no-cache');
  assert.equal((await get('/widget.js')).headers['cache-control'], 'public, max-age=300');
  assert.equal((await get('/nope.js')).status, 404);
  assert.equal((await get('/../package.json')).status, 404);
});

test('If-None-Match with the ETag answers 304 with no body, in any encoding; a changed tag gets the file', async () => {
  for (const path of ['/', '/embed', '/main.js', '/widget.js', '/visitor.css']) {
    for (const encoding of ['', 'gzip', 'br']) {
      const headers: Record<string, string> = encoding ? { 'accept-encoding': encoding } : {};
      const first = await get(path, headers);
      const etag = String(first.headers.etag);
      const again = await get(path, { ...headers, 'if-none-match': etag });
      assert.equal(again.status, 304, `${path} ${encoding}`);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, etag);
      assert.ok(again.headers['cache-control'], `${path} 304 keeps Cache-Control`);
      // A browser that kept the plain file and now asks with gzip still has the same bytes.
      const other = await get(path, { 'accept-encoding': 'br', 'if-none-match': `W/${etag}, "x"` });
      assert.equal(other.status, 304, `${path} weak/listed tag`);
      const stale = await get(path, { ...headers, 'if-none-match': '"not-this-one"' });
      assert.equal(stale.status, 200);
      assert.ok(stale.body.length > 0);
    }
  }
});

const compressed =
  'gzip and brotli when the client accepts them (br preferred), the same bytes once decoded; none when not';
test(compressed, async () => {
  for (const path of ['/', '/embed', '/main.js', '/widget.js', '/visitor.css']) {
    const plain = await get(path);
    assert.equal(plain.headers['content-encoding'], undefined, path);
    assert.equal(plain.headers.vary, 'Accept-Encoding');

    const gz = await get(path, { 'accept-encoding': 'gzip, deflate' });
    assert.equal(gz.headers['content-encoding'], 'gzip', path);
    assert.equal(gz.headers.vary, 'Accept-Encoding');
    assert.deepEqual(gunzipSync(gz.body), plain.body, `${path} gzip`);
    assert.ok(gz.body.length < plain.body.length);
    assert.notEqual(gz.headers.etag, plain.headers.etag, 'each representation has its own tag');

    const br = await get(path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    assert.equal(br.headers['content-encoding'], 'br', path);
    assert.deepEqual(brotliDecompressSync(br.body), plain.body, `${path} br`);

    const refused = await get(path, { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    assert.equal(refused.headers['content-encoding'], 'gzip', `${path} br;q=0`);
    const none = await get(path, { 'accept-encoding': 'identity' });
    assert.equal(none.headers['content-encoding'], undefined);
  }
  const head = await get('/main.js', { 'accept-encoding': 'gzip' }, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal(head.headers['content-encoding'], 'gzip');
});

test('/embed may be framed by the server itself and --allowed-origins only; other pages by nobody', async () => {
  const embed = await get('/embed');
  const csp = String(embed.headers['content-security-policy']);
  assert.match(csp, /(^|; )frame-ancestors 'self' https:\/\/shop\.example http:\/\/127\.0\.0\.1:9(;|$)/);
  assert.doesNotMatch(csp, /not an origin/);
  assert.equal(embed.headers['x-frame-options'], undefined, 'X-Frame-Options would refuse every other site');
  assert.match(embed.body.toString(), /<html data-mode="embed"/);
  assert.match(embed.body.toString(), /<link rel="stylesheet" href="\/embed\.css">/);

  for (const path of ['/', '/register', '/main.js']) {
    const res = await get(path);
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, path);
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', path);
  }
  // The loader is read by other sites' pages.
  assert.equal((await get('/widget.js')).headers['cross-origin-resource-policy'], 'cross-origin');
  assert.equal((await get('/main.js')).headers['cross-origin-resource-policy'], 'same-origin');
});
