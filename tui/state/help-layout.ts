import stringWidth from 'string-width';
import { wrapRuns } from './wrap.js';

/** One key of the help: how it is pressed, and what it does in lines that fit its column. */
export interface HelpEntry {
  keys: string;
  lines: string[];
}

export interface HelpLayout {
  keyWidth: number;
  columnWidth: number;
  columns: HelpEntry[][];
}

export const HELP_GAP = 2;

function attempt(items: { keys: string; help: string }[], width: number, rows: number, count: number) {
  const columnWidth = Math.floor((width - HELP_GAP * (count - 1)) / count);
  const keyWidth = Math.min(12, Math.max(...items.map((i) => stringWidth(i.keys))) + 1);
  const helpWidth = columnWidth - keyWidth;
  const entries = items.map((i) => ({
    keys: i.keys,
    lines: wrapRuns([{ text: i.help, style: 0 }], Math.max(1, helpWidth)).map((l) => l.map((r) => r.text).join('')),
  }));
  const columns: HelpEntry[][] = [[]];
  let used = 0;
  for (const e of entries) {
    if (used > 0 && used + e.lines.length > rows) {
      columns.push([]);
      used = 0;
    }
    columns[columns.length - 1]!.push(e);
    used += e.lines.length;
  }
  const fits = columns.length <= count && helpWidth >= 12;
  return { layout: { keyWidth, columnWidth, columns: columns.slice(0, count) }, fits };
}

/**
 * The help's keys in as few columns as hold them in `rows` rows, each description whole (wrapped
 * in its column, never cut or run into the next column); with no fit, the most that shows in three.
 */
export function helpLayout(items: { keys: string; help: string }[], width: number, rows: number): HelpLayout {
  let last = attempt(items, width, rows, 1);
  for (let count = 1; count <= 3; count++) {
    last = attempt(items, width, rows, count);
    if (last.fits) break;
  }
  return last.layout;
}
