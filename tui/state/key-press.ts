/**
 * Key presses as a terminal sends them, and how bindings name them: which named key a press is,
 * whether it matches a binding's key, what it types, how a chunk of several keys splits.
 */

/** The subset of Ink's `Key` the matcher reads (kept here so this module needs no React/Ink). */
export interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  meta?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

export type NamedKey =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'tab'
  | 'backspace'
  /** Alt+Enter (ESC CR). */
  | 'altReturn'
  /** Ctrl+J (LF). */
  | 'linefeed';

/** One way to press a binding: a named key, or a character, with modifiers. */
export interface KeySpec {
  key?: NamedKey;
  /** A character (lower case for Ctrl+letter). */
  input?: string;
  ctrl?: boolean;
  shift?: boolean;
}

function namedOf(k: KeyPress, input: string): NamedKey | undefined {
  if (k.return && k.meta) return 'altReturn';
  if (input === '\n' && !k.ctrl && !k.meta) return 'linefeed';
  if (k.upArrow) return 'up';
  if (k.downArrow) return 'down';
  if (k.leftArrow) return 'left';
  if (k.rightArrow) return 'right';
  if (k.pageUp) return 'pageUp';
  if (k.pageDown) return 'pageDown';
  if (k.home) return 'home';
  if (k.end) return 'end';
  if (k.return) return 'return';
  if (k.escape) return 'escape';
  if (k.tab) return 'tab';
  // Terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`: both erase backwards.
  if (k.backspace || k.delete) return 'backspace';
  return undefined;
}

/** True when the key press is this spec. */
export function matches(spec: KeySpec, input: string, k: KeyPress): boolean {
  if (spec.key) {
    if (namedOf(k, input) !== spec.key) return false;
    return spec.shift === undefined || Boolean(k.shift) === spec.shift;
  }
  if (spec.input === undefined) return false;
  if (Boolean(spec.ctrl) !== Boolean(k.ctrl)) return false;
  if (!spec.ctrl && (k.meta || namedOf(k, input))) return false;
  return spec.ctrl ? input.toLowerCase() === spec.input : input === spec.input;
}

/** Text a key press types into a field: printable characters only (pastes arrive as one string). */
export function typedText(input: string, k: KeyPress): string {
  if (k.ctrl || k.meta || namedOf(k, input)) return '';
  return input;
}

/**
 * Ink hands a read of several bytes over as one "key" (a paste, or keys typed faster than they are
 * read, e.g. `hello⏎` or `^Tbob`). Splits such a chunk into printable runs and single control keys,
 * so a trailing Enter still sends and a control key is not typed as text. Escape sequences are
 * left to Ink.
 */
export function splitChunk(input: string): { input: string; key: KeyPress }[] {
  if (input.length < 2 || input.startsWith('\u001b') || !/[\u0000-\u001f\u007f]/.test(input)) return [];
  const out: { input: string; key: KeyPress }[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ input: text, key: {} });
    text = '';
  };
  for (const ch of input) {
    const code = ch.charCodeAt(0);
    if (code >= 0x20 && code !== 0x7f) {
      text += ch;
      continue;
    }
    flush();
    if (ch === '\r') out.push({ input: '', key: { return: true } });
    else if (ch === '\n') out.push({ input: '\n', key: {} });
    else if (ch === '\t') out.push({ input: '', key: { tab: true } });
    else if (ch === '\u007f' || ch === '\b') out.push({ input: '', key: { backspace: true } });
    else if (code >= 1 && code <= 26) out.push({ input: String.fromCharCode(code + 96), key: { ctrl: true } });
  }
  flush();
  return out;
}

const NAMED_LABEL: Record<NamedKey, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  backspace: 'Bksp',
  altReturn: 'A-Enter',
  linefeed: '^J',
};

/** How one key is written: `^X`, `S-Tab`, `Enter`, `i`. */
export function keyLabel(spec: KeySpec): string {
  if (spec.key) return (spec.shift ? 'S-' : '') + NAMED_LABEL[spec.key];
  if (spec.ctrl) return `^${(spec.input ?? '').toUpperCase()}`;
  return spec.input ?? '';
}
