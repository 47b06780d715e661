import stringWidth from 'string-width';
import { graphemes } from './terminal-text.js';

/** A piece of text in one style (the style is whatever the caller renders with). */
export interface Run<S> {
  text: string;
  style: S;
}

interface Cell<S> {
  g: string;
  style: S;
}

const URL_START = /^(https?:\/\/|www\.)/i;

/** Splits cells into words, blanks and line breaks. */
function tokens<S>(cells: Cell<S>[]): Cell<S>[][] {
  const out: Cell<S>[][] = [];
  let kind = '';
  for (const c of cells) {
    const k = c.g === '\n' ? 'nl' : c.g === ' ' ? 'blank' : 'word';
    if (k !== kind || k === 'nl') out.push([]);
    out[out.length - 1]!.push(c);
    kind = k;
  }
  return out;
}

function merge<S>(line: Cell<S>[]): Run<S>[] {
  const runs: Run<S>[] = [];
  for (const c of line) {
    const last = runs[runs.length - 1];
    if (last && last.style === c.style) last.text += c.g;
    else runs.push({ text: c.g, style: c.style });
  }
  return runs;
}

/**
 * Styled text laid out in lines of at most `width` columns (display width, by grapheme): breaks at
 * blanks, and a line that wraps never starts with one; a word longer than a line is cut where the
 * line ends, but a link starts on a line of its own so that it stays in one piece whenever it fits.
 * Line breaks in the text are kept. Text must already be as the terminal draws it (`forTerminal`).
 */
export function wrapRuns<S>(runs: Run<S>[], width: number): Run<S>[][] {
  const room = Math.max(1, width);
  const cells = runs.flatMap((r) => graphemes(r.text).map((g) => ({ g, style: r.style })));
  const lines: Cell<S>[][] = [[]];
  let used = 0;
  let soft = false;
  const newLine = (wrapped: boolean) => {
    const line = lines[lines.length - 1]!;
    while (wrapped && line[line.length - 1]?.g === ' ') line.pop();
    lines.push([]);
    used = 0;
    soft = wrapped;
  };
  const put = (c: Cell<S>, w: number) => {
    if (used + w > room && used > 0) newLine(true);
    lines[lines.length - 1]!.push(c);
    used += w;
  };
  for (const token of tokens(cells)) {
    const first = token[0]!.g;
    if (first === '\n') {
      newLine(false);
      continue;
    }
    const widths = token.map((c) => stringWidth(c.g));
    const w = widths.reduce((a, b) => a + b, 0);
    if (first === ' ') {
      if (used === 0 && soft) continue;
      if (used + w > room) {
        newLine(true);
        continue;
      }
      for (const c of token) put(c, 1);
      continue;
    }
    const link = URL_START.test(token.map((c) => c.g).join(''));
    if (used > 0 && used + w > room && (w <= room || link)) newLine(true);
    for (const [i, c] of token.entries()) put(c, widths[i]!);
  }
  return lines.map(merge);
}

/** The last `rows` lines of these items, each laid out by `layout` (newest at the bottom; older ones are skipped). */
export function lastLines<M, S>(items: readonly M[], layout: (item: M) => Run<S>[][], rows: number): Run<S>[][] {
  const lines: Run<S>[][] = [];
  for (let i = items.length - 1; i >= 0 && lines.length < rows; i--) lines.unshift(...layout(items[i]!));
  return lines.slice(Math.max(0, lines.length - rows));
}
