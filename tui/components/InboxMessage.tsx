import type { OfflineMessage } from '../../server/protocol/offline-messages.js';
import { age, clock } from '../state/format.js';
import { forTerminal } from '../state/terminal-text.js';
import { wrapRuns, type Run } from '../state/wrap.js';
import { WrappedLines, type Style } from './WrappedLines.js';

const DIM: Style = { dimColor: true };
const PLAIN: Style = {};
const NAME: Style = { bold: true, color: 'cyan' };
const STATUS: Record<OfflineMessage['status'], Style> = {
  open: { color: 'yellow', bold: true },
  answered: { color: 'green', bold: true },
  closed: { dimColor: true, bold: true },
};

/** `5m ago`, `just now`. */
const ago = (iso: string, now: number) => {
  const a = age(iso, now);
  return a === 'now' ? 'just now' : `${a} ago`;
};

const safe = (text: string, style: Style, multiline = false): Run<Style> => ({
  text: forTerminal(text, multiline),
  style,
});

/**
 * A left message in full, laid out in rows of `width` columns: who, when, from which page, the text,
 * then every reply with who sent it and when. Everything the visitor wrote goes through forTerminal.
 */
export function inboxMessageLines(m: OfflineMessage, width: number, now: number): Run<Style>[][] {
  const wrap = (runs: Run<Style>[]) => wrapRuns(runs, width);
  const lines = [
    ...wrap([safe(m.name, NAME), safe(` <${m.email}>`, PLAIN)]),
    ...wrap([
      safe(`left ${clock(m.createdAt)} (${ago(m.createdAt, now)}) · `, DIM),
      { text: m.status, style: STATUS[m.status] },
    ]),
  ];
  const page = m.page;
  if (page?.title || page?.url) {
    const title = page.title ? `${page.title} ` : '';
    lines.push(...wrap([safe('page: ', DIM), safe(title, PLAIN), safe(page.url ?? '', DIM)]));
  }
  if (page?.referrer) lines.push(...wrap([safe('from: ', DIM), safe(page.referrer, DIM)]));
  lines.push([], ...wrap([safe(m.body, PLAIN, true)]));
  for (const r of m.replies) {
    lines.push(
      [],
      ...wrap([
        safe('↳ reply by ', DIM),
        safe(r.by.name, { bold: true }),
        safe(` (${r.by.username}) ${clock(r.sentAt)}, ${ago(r.sentAt, now)}, e-mailed`, DIM),
      ]),
      ...wrap([safe(r.body, { color: 'green' }, true)]),
    );
  }
  return lines;
}

/** Rows `from`… of the laid-out message. */
export function InboxMessage({ lines, from, rows }: { lines: Run<Style>[][]; from: number; rows: number }) {
  return <WrappedLines lines={lines.slice(from, from + Math.max(0, rows))} />;
}
