/**
 * Every key binding of the TUI, as data. Screens look a key press up here (`matchKey`) and own
 * what the action does; the footer and the help overlay are rendered from the same table, so what
 * is shown is what works. Only control keys are bound where a text field is always open (chats,
 * messages), so typing never triggers an action.
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
  | 'backspace';

/** One way to press a binding: a named key, or a character, with modifiers. */
export interface KeySpec {
  key?: NamedKey;
  /** A character (lower case for Ctrl+letter). */
  input?: string;
  ctrl?: boolean;
  shift?: boolean;
}

export type Scope =
  | 'global'
  | 'edit'
  | 'chats'
  | 'messages'
  | 'admin'
  | 'confirm'
  | 'picker'
  | 'form'
  | 'login'
  | 'help'
  | 'notice';

export type Action =
  | 'app.quit'
  | 'app.quitMenu'
  | 'app.help'
  | 'app.redraw'
  | 'view.chats'
  | 'view.messages'
  | 'view.admin'
  | 'chat.next'
  | 'chat.prev'
  | 'chat.send'
  | 'chat.end'
  | 'chat.transfer'
  | 'chat.scrollUp'
  | 'chat.scrollDown'
  | 'status.toggle'
  | 'conv.next'
  | 'conv.prev'
  | 'conv.send'
  | 'conv.new'
  | 'admin.next'
  | 'admin.prev'
  | 'admin.invite'
  | 'admin.maxChats'
  | 'admin.delete'
  | 'admin.refresh'
  | 'confirm.yes'
  | 'confirm.no'
  | 'picker.next'
  | 'picker.prev'
  | 'picker.choose'
  | 'picker.cancel'
  | 'form.next'
  | 'form.prev'
  | 'form.submit'
  | 'form.cancel'
  | 'login.submit'
  | 'login.next'
  | 'login.prev'
  | 'quit.logout'
  | 'help.close'
  | 'notice.close'
  | 'edit.left'
  | 'edit.right'
  | 'edit.home'
  | 'edit.end'
  | 'edit.backspace'
  | 'edit.deleteWord'
  | 'edit.clear';

export interface Binding {
  action: Action;
  keys: KeySpec[];
  /** How the key is written in the footer and the help. */
  label: string;
  help: string;
  /** Short text when shown in the footer (the others are only in the help overlay). */
  footer?: string;
}

const ctrl = (input: string): KeySpec => ({ input, ctrl: true });
const named = (key: NamedKey, shift?: boolean): KeySpec => (shift === undefined ? { key } : { key, shift });

export const KEYMAP: Record<Scope, Binding[]> = {
  global: [
    { action: 'app.help', keys: [ctrl('k')], label: '^K', help: 'help: every key', footer: 'help' },
    { action: 'app.quitMenu', keys: [ctrl('q')], label: '^Q', help: 'quit or log out', footer: 'quit' },
    { action: 'app.quit', keys: [ctrl('c')], label: '^C', help: 'quit now (stay logged in)' },
    { action: 'app.redraw', keys: [ctrl('l')], label: '^L', help: 'redraw the screen' },
  ],
  edit: [
    { action: 'edit.left', keys: [named('left')], label: '←', help: 'move the cursor left' },
    { action: 'edit.right', keys: [named('right')], label: '→', help: 'move the cursor right' },
    { action: 'edit.home', keys: [named('home'), ctrl('a')], label: 'Home', help: 'start of the line' },
    { action: 'edit.end', keys: [named('end'), ctrl('e')], label: 'End', help: 'end of the line' },
    {
      action: 'edit.backspace',
      keys: [named('backspace')],
      label: 'Bksp',
      help: 'delete the character before the cursor',
    },
    { action: 'edit.deleteWord', keys: [ctrl('w')], label: '^W', help: 'delete the word before the cursor' },
    { action: 'edit.clear', keys: [ctrl('u')], label: '^U', help: 'clear the line' },
  ],
  chats: [
    {
      action: 'chat.next',
      keys: [named('tab', false), ctrl('n')],
      label: 'Tab',
      help: 'next chat',
      footer: 'next chat',
    },
    { action: 'chat.prev', keys: [named('tab', true), ctrl('p')], label: 'S-Tab', help: 'previous chat' },
    { action: 'chat.send', keys: [named('return')], label: 'Enter', help: 'send the message', footer: 'send' },
    {
      action: 'chat.end',
      keys: [ctrl('x')],
      label: '^X',
      help: 'end the chat (asks first); closes an ended one',
      footer: 'end',
    },
    {
      action: 'chat.transfer',
      keys: [ctrl('t')],
      label: '^T',
      help: 'transfer the chat to another agent',
      footer: 'transfer',
    },
    { action: 'status.toggle', keys: [ctrl('o')], label: '^O', help: 'go online / offline', footer: 'online/offline' },
    { action: 'view.messages', keys: [ctrl('g')], label: '^G', help: 'agent messages', footer: 'messages' },
    { action: 'view.admin', keys: [ctrl('y')], label: '^Y', help: 'admin: agents (admins only)', footer: 'admin' },
    { action: 'chat.scrollUp', keys: [named('pageUp')], label: 'PgUp', help: 'scroll the transcript back' },
    { action: 'chat.scrollDown', keys: [named('pageDown')], label: 'PgDn', help: 'scroll the transcript forward' },
  ],
  messages: [
    { action: 'conv.next', keys: [named('down')], label: '↓', help: 'next conversation' },
    { action: 'conv.prev', keys: [named('up')], label: '↑↓', help: 'previous conversation', footer: 'select' },
    { action: 'conv.send', keys: [named('return')], label: 'Enter', help: 'send the message', footer: 'send' },
    { action: 'conv.new', keys: [ctrl('n')], label: '^N', help: 'write to an agent by username', footer: 'new' },
    {
      action: 'view.chats',
      keys: [named('escape'), ctrl('g')],
      label: 'Esc',
      help: 'back to the chats',
      footer: 'back',
    },
  ],
  admin: [
    {
      action: 'admin.prev',
      keys: [named('up'), { input: 'k' }],
      label: '↑↓',
      help: 'select an agent',
      footer: 'select',
    },
    { action: 'admin.next', keys: [named('down'), { input: 'j' }], label: '↓', help: 'next agent' },
    { action: 'admin.invite', keys: [{ input: 'i' }], label: 'i', help: 'invite an agent', footer: 'invite' },
    {
      action: 'admin.maxChats',
      keys: [{ input: 'm' }],
      label: 'm',
      help: "set the agent's max chats",
      footer: 'max chats',
    },
    {
      action: 'admin.delete',
      keys: [{ input: 'd' }],
      label: 'd',
      help: 'delete the agent (asks first)',
      footer: 'delete',
    },
    { action: 'admin.refresh', keys: [{ input: 'r' }], label: 'r', help: 'refresh now' },
    {
      action: 'view.chats',
      keys: [named('escape'), ctrl('y')],
      label: 'Esc',
      help: 'back to the chats',
      footer: 'back',
    },
  ],
  confirm: [
    { action: 'confirm.yes', keys: [{ input: 'y' }, { input: 'Y' }], label: 'y', help: 'yes', footer: 'yes' },
    {
      action: 'confirm.no',
      keys: [{ input: 'n' }, { input: 'N' }, named('escape')],
      label: 'n/Esc',
      help: 'no',
      footer: 'no',
    },
  ],
  picker: [
    { action: 'picker.prev', keys: [named('up')], label: '↑↓', help: 'select', footer: 'select' },
    { action: 'picker.next', keys: [named('down'), named('tab', false)], label: '↓', help: 'next' },
    {
      action: 'picker.choose',
      keys: [named('return')],
      label: 'Enter',
      help: 'choose (or the username typed)',
      footer: 'transfer',
    },
    { action: 'picker.cancel', keys: [named('escape')], label: 'Esc', help: 'cancel', footer: 'cancel' },
  ],
  form: [
    {
      action: 'form.next',
      keys: [named('tab', false), named('down')],
      label: 'Tab',
      help: 'next field',
      footer: 'next field',
    },
    { action: 'form.prev', keys: [named('tab', true), named('up')], label: 'S-Tab', help: 'previous field' },
    { action: 'form.submit', keys: [named('return')], label: 'Enter', help: 'next field / submit', footer: 'submit' },
    { action: 'form.cancel', keys: [named('escape')], label: 'Esc', help: 'cancel', footer: 'cancel' },
  ],
  login: [
    {
      action: 'login.next',
      keys: [named('tab', false), named('down')],
      label: 'Tab',
      help: 'next field',
      footer: 'next field',
    },
    { action: 'login.prev', keys: [named('tab', true), named('up')], label: 'S-Tab', help: 'previous field' },
    { action: 'login.submit', keys: [named('return')], label: 'Enter', help: 'next field / log in', footer: 'log in' },
    { action: 'app.quit', keys: [named('escape')], label: 'Esc', help: 'quit', footer: 'quit' },
  ],
  help: [
    {
      action: 'help.close',
      keys: [named('escape'), named('return'), ctrl('k'), { input: 'q' }],
      label: 'Esc',
      help: 'close the help',
      footer: 'close',
    },
  ],
  notice: [
    {
      action: 'notice.close',
      keys: [named('escape'), named('return')],
      label: 'Enter',
      help: 'close',
      footer: 'close',
    },
  ],
};

/** Scope of the quit menu (Ctrl+Q): reuses the confirm keys for "quit", plus "l" to log out. */
export const QUIT_MENU: Binding[] = [
  {
    action: 'app.quit',
    keys: [{ input: 'q' }, { input: 'y' }, ctrl('q')],
    label: 'q',
    help: 'quit (stay logged in)',
    footer: 'quit',
  },
  {
    action: 'quit.logout',
    keys: [{ input: 'l' }],
    label: 'l',
    help: 'log out (your chats go back to the queue)',
    footer: 'log out',
  },
  { action: 'confirm.no', keys: [named('escape'), { input: 'n' }], label: 'Esc', help: 'stay', footer: 'stay' },
];

function namedOf(k: KeyPress): NamedKey | undefined {
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
    if (namedOf(k) !== spec.key) return false;
    return spec.shift === undefined || Boolean(k.shift) === spec.shift;
  }
  if (spec.input === undefined) return false;
  if (Boolean(spec.ctrl) !== Boolean(k.ctrl)) return false;
  if (!spec.ctrl && (k.meta || namedOf(k))) return false;
  return spec.ctrl ? input.toLowerCase() === spec.input : input === spec.input;
}

/** The bindings of these scopes, in lookup order (earlier scopes win). */
export function bindingsOf(scopes: readonly (Scope | Binding[])[]): Binding[] {
  return scopes.flatMap((s) => (typeof s === 'string' ? KEYMAP[s] : s));
}

/** The action a key press means in these scopes, if any. */
export function matchKey(scopes: readonly (Scope | Binding[])[], input: string, k: KeyPress): Action | undefined {
  for (const b of bindingsOf(scopes)) if (b.keys.some((spec) => matches(spec, input, k))) return b.action;
  return undefined;
}

/** Text a key press types into a field: printable characters only (pastes arrive as one string). */
export function typedText(input: string, k: KeyPress): string {
  if (k.ctrl || k.meta || namedOf(k)) return '';
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
    if (ch === '\r' || ch === '\n') out.push({ input: '', key: { return: true } });
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
};

/** How one key is written: `^X`, `S-Tab`, `Enter`, `i`. */
export function keyLabel(spec: KeySpec): string {
  if (spec.key) return (spec.shift ? 'S-' : '') + NAMED_LABEL[spec.key];
  if (spec.ctrl) return `^${(spec.input ?? '').toUpperCase()}`;
  return spec.input ?? '';
}

/** Every key of a binding, for the help: `Tab ^N`. */
export const keysLabel = (b: Binding): string => [...new Set(b.keys.map(keyLabel))].join(' ');
