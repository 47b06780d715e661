import stringWidth from 'string-width';
import { forTerminal, graphemes } from './terminal-text.js';

/** One row of a text field on screen: the text before the cursor, under it, and after it. */
export interface InputRow {
  before: string;
  /** The character under the cursor (a blank at the end of a line); absent on rows without the cursor. */
  at?: string;
  after: string;
}

interface Cell {
  shown: string;
  width: number;
  cursor: boolean;
  /** A line break: the row ends after it. */
  br: boolean;
}

function cellsOf(text: string, cursor: number, secret: boolean): Cell[] {
  const chars = graphemes(text);
  const cells = chars.map((g, i): Cell => {
    const br = g === '\n';
    const shown = br ? ' ' : secret ? '•' : forTerminal(g);
    return { shown, width: stringWidth(shown), cursor: i === cursor, br };
  });
  // The cursor after the last character sits on a blank.
  if (cursor >= chars.length) cells.push({ shown: ' ', width: 1, cursor: true, br: false });
  return cells;
}

function rowOf(cells: Cell[]): InputRow {
  const at = cells.findIndex((c) => c.cursor);
  const join = (cs: Cell[]) => cs.map((c) => c.shown).join('');
  if (at === -1) return { before: join(cells), after: '' };
  const under = cells[at]!;
  return { before: join(cells.slice(0, at)), at: under.shown || ' ', after: join(cells.slice(at + 1)) };
}

/** One line that scrolls sideways: as much as fits of it around the cursor, the cursor always in view. */
function scrolled(cells: Cell[], room: number): InputRow {
  const at = Math.max(
    0,
    cells.findIndex((c) => c.cursor),
  );
  const width = (from: number, to: number) => cells.slice(from, to).reduce((n, c) => n + c.width, 0);
  let start = 0;
  while (start < at && width(start, at + 1) > room) start++;
  let end = at + 1;
  while (end < cells.length && width(start, end + 1) <= room) end++;
  return rowOf(cells.slice(start, end));
}

/**
 * A text field laid out in `room` columns (display width): with `maxRows` 1, one line scrolling
 * sideways; else lines wrapped at the width and at line breaks, the `maxRows` around the cursor
 * shown (the last ones when the cursor is at the end).
 */
export function inputRows(text: string, cursor: number, room: number, maxRows = 1, secret = false): InputRow[] {
  const cells = cellsOf(text, cursor, secret);
  if (maxRows <= 1) return [scrolled(cells, Math.max(1, room))];
  const rows: Cell[][] = [[]];
  let used = 0;
  for (const c of cells) {
    if (used + c.width > room && used > 0) {
      rows.push([]);
      used = 0;
    }
    rows[rows.length - 1]!.push(c);
    used += c.width;
    if (c.br) {
      rows.push([]);
      used = 0;
    }
  }
  if (rows.length > 1 && rows[rows.length - 1]!.length === 0) rows.pop();
  const cursorRow = Math.max(
    0,
    rows.findIndex((r) => r.some((c) => c.cursor)),
  );
  const first = Math.max(Math.min(rows.length - maxRows, cursorRow), cursorRow - maxRows + 1, 0);
  return rows.slice(first, first + maxRows).map(rowOf);
}
