// axe-core in the real page (Debian's Chromium): the serious and critical violations of a view, at
// desktop and phone size, in light and dark mode (prefers-color-scheme emulated).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE } from './visitor-page.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** The serious and critical violations axe finds in the page as it is now, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated (not a <script>), so the page's Content-Security-Policy stays as it is.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  const found = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) =>
        n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n').slice(1).join(' ')) })))`)) as Violation[];
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.join(' | ')}`);
}

const frame = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * No serious or critical violation in the view shown, at 1280×800 and 360×740, light and dark.
 * Restores the viewport and the light scheme.
 */
export async function assertAccessible(page: Page, view: string): Promise<void> {
  const original = page.viewportSize() ?? DESKTOP;
  const problems: string[] = [];
  await page.emulateMedia({ reducedMotion: 'reduce' }); // no colour caught half-way through a transition
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await frame(page);
      for (const v of await axeViolations(page)) problems.push(`${view} ${size.width}px ${colorScheme}: ${v}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
  await page.setViewportSize(original);
  assert.deepEqual(problems, [], problems.join('\n'));
}
