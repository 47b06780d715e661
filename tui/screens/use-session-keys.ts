import { useScreenKeys, type Overlay, type ScreenKeysOptions } from '../app/use-screen-keys.js';
import { openChatCount } from '../state/chats.js';
import type { Binding, Scope } from '../state/keymap.js';
import { footerScopesFor, quitPrompt, type ScreenProps } from './types.js';

export interface SessionKeys {
  overlay: Overlay;
  /** The keys the footer shows now. */
  footerScopes: (Scope | Binding[])[];
  /** The quit question, while it is asked. */
  prompt?: string;
}

/**
 * The keyboard of a signed-in screen: its own keys (`scopes`: this render's, `o.scopes`: read at
 * each key press), plus what every such screen shares: help, redraw, and quitting or logging out,
 * which asks first while the agent holds open chats.
 */
export function useSessionKeys(
  { session, getSession, commands }: ScreenProps,
  scopes: readonly (Scope | Binding[])[],
  o: Pick<ScreenKeysOptions, 'scopes' | 'onAction' | 'onText'>,
): SessionKeys {
  const { overlay } = useScreenKeys({
    ...o,
    quit: commands.quit,
    logout: commands.logout,
    redraw: commands.redraw,
    handBack: commands.handBack,
    openChats: () => openChatCount(getSession().chats),
  });
  const holding = openChatCount(session.chats);
  return {
    overlay,
    footerScopes: footerScopesFor(overlay, scopes, holding),
    prompt: overlay === 'quit' ? quitPrompt(holding) : undefined,
  };
}
