// The visitor page in the visitor's language: ?lang=, else the browser's languages, else English;
// only the chosen locale file is fetched; every locale has every word; numbers and plurals via Intl.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startWorld } from '../helpers/chat.js';
import { emitAck, eventually, record } from '../helpers/sockets.js';
import { openVisitor, screenshots, unexpected, waitForMessage, waitForView } from './visitor-page.js';

const LOCALES_DIR = fileURLToPath(new URL('../../web-visitor/locales/', import.meta.url));
const read = (file: string) => JSON.parse(readFileSync(LOCALES_DIR + file, 'utf8'));

let browser: TestBrowser;
before(async () => {
  if (!browserSkip) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Which locale files the page fetched. */
const localeFiles = (requests: { url: string }[]) =>
  requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/locales/'));

test('every locale file has every word of en.json, the same plural forms needed, and the same placeholders', () => {
  const en = read('en.json').page as Record<string, string | Record<string, string>>;
  const files = readdirSync(LOCALES_DIR).filter((f) => f.endsWith('.json'));
  assert.ok(
    ['de.json', 'en.json', 'es.json', 'fr.json'].every((f) => files.includes(f)),
    files.join(),
  );
  const holes = (v: string | Record<string, string>) =>
    [...new Set((typeof v === 'string' ? v : Object.values(v).join(' ')).match(/\{\w+\}/g) ?? [])].sort();
  for (const file of files) {
    const json = read(file);
    assert.ok(json.email, `${file} keeps its e-mail section`);
    const page = json.page as Record<string, string | Record<string, string>>;
    assert.deepEqual(Object.keys(page).sort(), Object.keys(en).sort(), `${file}: the same keys as en.json`);
    for (const [key, value] of Object.entries(page)) {
      assert.equal(typeof value, typeof en[key], `${file} ${key}`);
      if (typeof value === 'object') {
        const lang = file.replace('.json', '');
        for (const form of new Intl.PluralRules(lang).resolvedOptions().pluralCategories)
          assert.ok(value[form] || value.other, `${file} ${key}: plural form ${form}`);
      }
      // {n} may be spelled out in a singular form ("someone"); every other placeholder is kept.
      const want = holes(en[key]!).filter((h) => h !== '{n}');
      assert.deepEqual(
        holes(value).filter((h) => h !== '{n}'),
        want,
        `${file} ${key}: placeholders`,
      );
    }
  }
});

test('?lang=de: the page in German (<html lang>, title, labels, queue line with Intl plurals); only de.json fetched', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld(['alice']);
  try {
    const { page, problems, requests } = await openVisitor(browser, `${w.t.url}/?lang=de`);
    await waitForView(page, 'home');
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.equal(await page.title(), 'Chat mit dem Support · Switchboard');
    await page.getByRole('heading', { name: 'Chatten Sie mit unserem Support-Team' }).waitFor();
    assert.equal(await page.locator('#join').textContent(), 'Chat starten');
    await page.locator('#availability').getByText('Gerade ist niemand online').waitFor();
    await screenshots(page, 'home-de');
    // Errors in German too.
    await page.getByRole('button', { name: 'Chat starten' }).click();
    await page.locator('#name-error').getByText('Bitte geben Sie Ihren Namen ein.').waitFor();

    const ada = await w.join('Ada', '10.92.0.1');
    await page.getByLabel('Ihr Name').fill('Jürgen');
    await page.getByRole('button', { name: 'Chat starten' }).click();
    await waitForView(page, 'queue');
    await page.getByRole('heading', { name: 'Sie sind in der Warteschlange' }).waitFor();
    // Intl.PluralRules: "1 Person" (one), "0 Mitarbeitende" (other).
    await page.locator('#queue-line').getByText('1 Person vor Ihnen').waitFor();
    assert.equal(await page.locator('#queue-line').textContent(), '1 Person vor Ihnen · 0 Mitarbeitende online');
    assert.equal((await w.t.api('DELETE', '/api/queue', { token: ada.queueToken })).status, 204);
    await page.locator('#queue-line').getByText('Sie sind als Nächstes dran').waitFor({ timeout: 15_000 });

    const alice = await w.agentOnline('alice');
    record(alice.socket);
    await waitForView(page, 'chat');
    const { chatId } = await eventually(alice.socket, 'chat:assigned');
    await emitAck(alice.socket, 'chat:send', { chatId, body: 'Guten Tag!' });
    await waitForMessage(page, 'Guten Tag!');
    assert.equal(await page.getByRole('log').getAttribute('aria-label'), 'Unterhaltung');
    assert.equal(
      await page.getByRole('textbox', { name: 'Nachricht' }).getAttribute('placeholder'),
      'Nachricht schreiben…',
    );
    assert.deepEqual(localeFiles(requests), ['/locales/de.json']);
    assert.deepEqual(unexpected(problems, ['409 POST /api/chat/start']), []);
  } finally {
    await w.close();
  }
});

test('the browser’s languages choose (de-AT → de, fr-CA → fr); a language without a file → English', {
  skip: browserSkip,
  timeout: 60_000,
}, async () => {
  const w = await startWorld([]);
  try {
    const cases: [string, string, string][] = [
      ['de-AT', 'de', 'Chat starten'],
      ['fr-CA', 'fr', 'Démarrer le chat'],
      ['ja-JP', 'en', 'Start chat'],
    ];
    for (const [locale, lang, start] of cases) {
      const page = await browser.newPage({ locale, extraHTTPHeaders: { 'x-forwarded-for': `10.91.0.${lang.length}` } });
      const fetched: string[] = [];
      page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
      await page.goto(w.t.url);
      await page.waitForSelector('body[data-view="home"]');
      assert.equal(await page.getAttribute('html', 'lang'), lang, locale);
      assert.equal(await page.locator('#join').textContent(), start, locale);
      assert.deepEqual(
        fetched.filter((p) => p.startsWith('/locales/')),
        [`/locales/${lang}.json`],
        locale,
      );
      await page.context().close();
    }
    // ?lang= wins over the browser's language, and an unknown one falls back to the browser's.
    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${w.t.url}/?lang=es`);
    await page.waitForSelector('body[data-view="home"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    await page.goto(`${w.t.url}/?lang=xx`);
    await page.waitForSelector('body[data-view="home"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    // The widget's frame: its data-locale comes as ?lang=.
    await page.goto(`${w.t.url}/embed?lang=de`);
    await page.waitForSelector('body[data-view="home"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.equal(await page.locator('#join').textContent(), 'Chat starten');
    await page.context().close();
  } finally {
    await w.close();
  }
});

test('the page lists the languages from the locale files, for the page to choose from', async () => {
  const w = await startWorld([]);
  try {
    const html = await (await fetch(w.t.url)).text();
    const listed = /<meta name="switchboard-locales" content="([^"]*)"/.exec(html)?.[1]?.split(' ');
    const files = readdirSync(LOCALES_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace('.json', ''))
      .sort();
    assert.deepEqual(listed, files);
    const de = await fetch(`${w.t.url}/locales/de.json`);
    assert.equal(de.status, 200);
    assert.match(de.headers.get('content-type') ?? '', /^application\/json/);
  } finally {
    await w.close();
  }
});
