import { useInput } from 'ink';
import { useRefReducer } from './use-ref-reducer.js';
import { splitChunk, typedText, type KeyPress } from '../state/key-press.js';
import { matchKey, quitMenuFor, type Action, type Binding, type Scope } from '../state/keymap.js';

export type Overlay = 'help' | 'quit' | null;

export interface ScreenKeysOptions {
  /** The screen's scopes for its current mode, most specific first (`global` is added); read at each key press. */
  scopes: () => readonly (Scope | Binding[])[];
  /** A screen action (anything the global bindings do not handle). */
  onAction: (action: Action) => void;
  /** Printable text typed while no binding matched (into the focused field), if the mode has one. */
  onText?: (text: string) => void;
  quit: () => void;
  logout?: () => void;
  /** Open chats the agent holds: quitting with some asks first. */
  openChats?: () => number;
  /** Hands the open chats back, then quits. */
  handBack?: () => void;
  redraw?: () => void;
  /** False while something else owns the keyboard (never two owners for one key press). */
  isActive?: boolean;
}

/**
 * The one keyboard handler of a screen: looks every key press up in the keymap for the screen's
 * mode and runs the action. Help and the quit menu are overlays every screen shares.
 */
export function useScreenKeys(o: ScreenKeysOptions): { overlay: Overlay; closeOverlay: () => void } {
  const [overlay, setOverlay, getOverlay] = useRefReducer<Overlay, Overlay>(next, null);

  const handle = (input: string, key: KeyPress) => {
    const overlay = getOverlay();
    if (overlay === 'help') {
      if (matchKey(['help'], input, key)) setOverlay(null);
      return;
    }
    const holding = o.openChats?.() ?? 0;
    if (overlay === 'quit') {
      const action = matchKey([quitMenuFor(holding)], input, key);
      if (action === 'app.quit') o.quit();
      else if (action === 'quit.logout' || action === 'quit.handBack' || action === 'confirm.no') {
        setOverlay(null);
        if (action === 'quit.logout') o.logout?.();
        if (action === 'quit.handBack') o.handBack?.();
      }
      return;
    }
    const action = matchKey([...o.scopes(), 'global'], input, key);
    if (action === 'app.help') return setOverlay('help');
    // Without a session to log out of (login screen), ^Q simply quits.
    if (action === 'app.quitMenu') return o.logout ? setOverlay('quit') : o.quit();
    if (action === 'app.quit') return holding > 0 ? setOverlay('quit') : o.quit();
    if (action === 'app.redraw') return o.redraw?.();
    if (action) return o.onAction(action);
    const text = typedText(input, key);
    if (text && o.onText) o.onText(text);
  };

  useInput(
    (input, key) => {
      const parts = splitChunk(input);
      if (parts.length === 0) handle(input, key);
      else for (const p of parts) handle(p.input, p.key);
    },
    { isActive: o.isActive ?? true },
  );

  return { overlay, closeOverlay: () => setOverlay(null) };
}

const next = (_: Overlay, o: Overlay): Overlay => o;
