import type { SessionCommands } from '../app/commands.js';
import type { Overlay } from '../app/use-screen-keys.js';
import { bindingsOf, QUIT_MENU, type Binding, type Scope } from '../state/keymap.js';
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
}

/** Rows the keys footer takes at this width (it wraps). */
export function footerRows(labels: string[], columns: number): number {
  let rows = 1;
  let used = 0;
  for (const l of labels) {
    const w = [...l].length + 2;
    if (used > 0 && used + w > columns) {
      rows++;
      used = 0;
    }
    used += w;
  }
  return rows;
}

/** The keys the footer shows: the open overlay's, else the mode's and the global ones. */
export function footerScopesFor(overlay: Overlay, scopes: readonly (Scope | Binding[])[]): (Scope | Binding[])[] {
  return overlay === 'help' ? ['help'] : overlay === 'quit' ? [QUIT_MENU] : [...scopes, 'global'];
}

/** Rows left for the body between header, status line and footer. */
export function bodyRowsFor(size: Size, footerScopes: readonly (Scope | Binding[])[]): number {
  const labels = bindingsOf(footerScopes)
    .filter((b) => b.footer)
    .map((b) => `${b.label} ${b.footer}`);
  return size.rows - 2 - footerRows(labels, size.columns);
}

export const QUIT_PROMPT = 'Quit Switchboard?  q quit (you stay logged in)  ·  l log out  ·  Esc stay';
