/** Keys as a terminal sends them, for ink-testing-library's stdin. */
export const KEY = {
  enter: '\r',
  tab: '\t',
  shiftTab: '\u001b[Z',
  esc: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  backspace: '\u007f',
  pageUp: '\u001b[5~',
  ctrl: (letter: string) => String.fromCharCode(letter.toLowerCase().charCodeAt(0) - 96),
};

export const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** Waits until the last frame passes `test` (a substring or a predicate); fails with the frame. */
export async function waitFrame(
  lastFrame: () => string | undefined,
  test: string | RegExp | ((f: string) => boolean),
  ms = 3000,
): Promise<string> {
  const ok = (f: string) =>
    typeof test === 'string' ? f.includes(test) : test instanceof RegExp ? test.test(f) : test(f);
  const deadline = Date.now() + ms;
  for (;;) {
    const f = lastFrame() ?? '';
    if (ok(f)) return f;
    if (Date.now() > deadline) throw new Error(`frame never matched ${String(test)}:\n${plain(f)}`);
    await tick(10);
  }
}

/** Writes keys one by one, letting Ink handle each (after a moment for a new screen's key handler to attach). */
export async function press(stdin: { write(s: string): void }, ...keys: string[]): Promise<void> {
  await tick(30);
  for (const k of keys) {
    stdin.write(k);
    await tick();
  }
}

/** Text without the styling escapes (what the eye reads). */
export const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** Waits until `cond` holds (for effects that run after a frame). */
export async function until(cond: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms`);
    await tick(10);
  }
}
