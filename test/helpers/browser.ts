import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The command-line flags Chromium runs with (Playwright adds a fresh temporary --user-data-dir per launch). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

const INSTALL_HINT = 'install it with `apt-get install -y chromium` (or point CHROMIUM_PATH at a Chromium binary)';

/**
 * Why the browser tests cannot run here, or undefined when they can. Outside CI a missing Chromium
 * makes them SKIPPED (with the install command), never silently passed; in CI (CI=true) it is
 * undefined, so launchBrowser() throws and the tests fail.
 * Use as `test('…', { skip: browserSkip }, …)`.
 */
export const browserSkip: string | undefined =
  !existsSync(CHROMIUM_PATH) && process.env.CI !== 'true'
    ? `Chromium not found at ${CHROMIUM_PATH}: ${INSTALL_HINT}`
    : undefined;

export interface TestBrowser {
  browser: Browser;
  /** A page in a fresh context (no shared storage between pages). */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/** A real headless Chromium (Debian's package). Throws — never skips — when it is not installed. */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Browser tests need a real browser: ${INSTALL_HINT}.`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    // headless: true makes Playwright pass --headless itself; launch() always starts from a fresh
    // temporary profile (--user-data-dir), removed when the browser closes.
    headless: true,
    args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
  });
  return {
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext(options);
      return context.newPage();
    },
    close: () => browser.close(),
  };
}
