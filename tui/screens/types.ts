import stringWidth from 'string-width';
import type { SessionCommands } from '../app/commands.js';
import type { Overlay } from '../app/use-screen-keys.js';
import { bindingsOf, quitMenuFor, type Binding, type Scope } from '../state/keymap.js';
import type { Notice } from '../state/notices.js';
import type { SessionAction, SessionState } from '../state/session.js';

export interface Size {
  columns: number;
  rows: number;
}

/** What every signed-in screen gets. */
export interface ScreenProps {
  session: SessionState;
  /** The latest session state, for key handlers (keys may arrive faster than renders). */
  getSession: () => SessionState;
  dispatch: (a: SessionAction) => void;
  commands: SessionCommands;
  size: Size;
  /** The current time (ms), ticking, for "3m ago". */
  now: number;
  /** The status line's notice (notices expire unless they still hold). */
  notice: Notice | null;
}

/** Rows a message being written may take before it scrolls (it grows upwards over the transcript). */
export const composerRows = (size: Size): number => Math.max(1, Math.min(5, Math.floor(size.rows / 5)));

/** Rows the keys footer takes at this width (it wraps). */
export function footerRows(labels: string[], columns: number): number {
  let rows = 1;
  let used = 0;
  for (const l of labels) {
    const w = stringWidth(l) + 2;
    if (used > 0 && used + w > columns) {
      rows++;
      used = 0;
    }
    used += w;
  }
  return rows;
}

/** The keys the footer shows: the open overlay's, else the mode's and the global ones. */
export function footerScopesFor(
  overlay: Overlay,
  scopes: readonly (Scope | Binding[])[],
  openChats = 0,
): (Scope | Binding[])[] {
  return overlay === 'help' ? ['help'] : overlay === 'quit' ? [quitMenuFor(openChats)] : [...scopes, 'global'];
}

/** Rows left for the body between header, status line and footer. */
export function bodyRowsFor(size: Size, footerScopes: readonly (Scope | Binding[])[]): number {
  const labels = bindingsOf(footerScopes)
    .filter((b) => b.footer)
    .map((b) => `${b.label} ${b.footer}`);
  return size.rows - 2 - footerRows(labels, size.columns);
}

/** The quit question (^Q, or ^C while holding chats). */
export function quitPrompt(openChats: number): string {
  if (openChats === 0) return 'Quit Switchboard?  q quit (you stay logged in)  ·  l log out  ·  Esc stay';
  const chats = `${openChats} open chat${openChats === 1 ? '' : 's'}`;
  return `You hold ${chats}: h hand them back (go offline) · q quit anyway · Esc stay`;
}
