// A site that embeds the chat: a tiny node:http server on loopback with a port of its own (so another
// origin than the Switchboard server's), serving a page with the stub snippet and the widget's script tag,
// as README "Add the chat to your site" shows. What the page's Switchboard.on handlers saw is kept in
// window.hostEvents.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import { startWorld } from '../helpers/chat.js';

/** The stub from the contract, word for word. */
export const STUB =
  "window.Switchboard=window.Switchboard||{q:[]};['open','close','toggle','identify','setAttributes','on']" +
  '.forEach(function(m){window.Switchboard[m]=window.Switchboard[m]||function(){window.Switchboard.q.push([m]' +
  '.concat([].slice.call(arguments)))}});';

export interface HostSite {
  origin: string;
  /** The page at `path` (any path serves the same page; its title says which). */
  url(path?: string): string;
  close(): Promise<void>;
}

export interface HostOptions {
  /** The Switchboard server's URL (where /widget.js comes from); read on every request, so it may be set later. */
  server: string;
  /** The script tag's data-* attributes. */
  data?: Record<string, string>;
  /** Extra script run right after the stub, before the widget loads (calls that are queued). */
  before?: string;
}

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export async function startHostSite(o: HostOptions): Promise<HostSite> {
  const attrs = Object.entries(o.data ?? {})
    .map(([k, v]) => ` data-${k}="${html(v)}"`)
    .join('');
  const page = (path: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host shop ${html(path)}</title></head>
<body><h1>A shop</h1><p><a id="other" href="/other">Another page</a></p>
<script>
${STUB}
window.hostEvents = [];
['ready', 'open', 'close', 'chat:started', 'chat:ended', 'unread'].forEach(function (e) {
  window.Switchboard.on(e, function (p) { window.hostEvents.push(p === undefined ? [e] : [e, p]); });
});
${o.before ?? ''}
</script>
<script src="${html(o.server)}/widget.js" async${attrs}></script>
</body></html>`;
  const server: Server = createServer((req, res) => {
    const body = page((req.url ?? '/').split('?')[0]!);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path = '/') => origin + path,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the host page's handlers have seen so far. */
export const hostEvents = (page: Page): Promise<[string, unknown?][]> =>
  page.evaluate(() => (window as unknown as { hostEvents: [string, unknown?][] }).hostEvents);

/** Waits until the host page's handlers saw `event` (with a payload matching `match`, if given). */
export async function waitForHostEvent(page: Page, event: string, match?: Record<string, unknown>): Promise<void> {
  await page.waitForFunction(
    ([e, m]) =>
      (window as unknown as { hostEvents: [string, Record<string, unknown>?][] }).hostEvents.some(
        ([name, p]) => name === e && (!m || Object.entries(m).every(([k, v]) => p?.[k] === v)),
      ),
    [event, match ?? null] as const,
  );
}

/** The chat's frame inside the widget (once it has loaded /embed). */
export async function chatFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => new URL(f.url()).pathname === '/embed');
    if (frame) {
      await frame.waitForSelector('body[data-view]:not([data-view="loading"])');
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no /embed frame; frames: ${page.frames().map((f) => f.url())}`);
}

/** A host site and a server (with Alice as the agent) that allows the site's origin, or not. */
export async function startEmbedWorld(o: Omit<HostOptions, 'server'> & { allowed?: boolean } = {}) {
  const opts: HostOptions = { server: '', ...o };
  const host = await startHostSite(opts);
  const w = await startWorld(['alice'], {
    allowedOrigins: o.allowed === false ? 'https://shop.example' : `https://shop.example,${host.origin}`,
  });
  opts.server = w.t.url;
  return {
    w,
    host,
    async close() {
      await host.close();
      await w.close();
    },
  };
}

/** The launcher, by its accessible name. */
export const launcher = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: true });
/** Whether the chat's panel is shown. */
export const panelShown = (page: Page) => page.locator('[data-switchboard-widget] .panel').isVisible();
