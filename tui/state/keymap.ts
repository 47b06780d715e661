/**
 * Every key binding of the TUI, as data. Screens look a key press up here (`matchKey`) and own
 * what the action does; the footer and the help overlay are rendered from the same table, so what
 * is shown is what works. Only control keys are bound where a text field is always open (chats,
 * messages), so typing never triggers an action.
 */

import { keyLabel, matches, type KeyPress, type KeySpec, type NamedKey } from './key-press.js';

export type Scope =
  | 'global'
  | 'edit'
  | 'chats'
  /** The way to the admin screen: in the chats screen's keys for admins only. */
  | 'toAdmin'
  | 'messages'
  | 'admin'
  /** The admin screen with the pending invites selected. */
  | 'invites'
  /** The admin screen's team canned replies. */
  | 'canned'
  /** Line breaks in a multi-line form field (a canned reply's text). */
  | 'formText'
  /** The inbox: messages visitors left. */
  | 'inbox'
  /** Writing the reply to a left message. */
  | 'inboxReply'
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
  | 'chat.info'
  | 'chat.note'
  | 'view.admin'
  | 'view.inbox'
  | 'inbox.next'
  | 'inbox.prev'
  | 'inbox.reply'
  | 'inbox.close'
  | 'inbox.filter'
  | 'inbox.refresh'
  | 'inbox.scrollUp'
  | 'inbox.scrollDown'
  | 'inbox.send'
  | 'inbox.cancel'
  | 'admin.canned'
  | 'canned.add'
  | 'canned.edit'
  | 'canned.delete'
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
  | 'admin.invites'
  | 'admin.agents'
  | 'invite.revoke'
  | 'invite.resend'
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
  | 'quit.handBack'
  | 'help.close'
  | 'notice.close'
  | 'edit.left'
  | 'edit.right'
  | 'edit.home'
  | 'edit.end'
  | 'edit.backspace'
  | 'edit.deleteWord'
  | 'edit.clear'
  | 'edit.newline';

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
const newline: Binding = {
  action: 'edit.newline',
  keys: [{ key: 'altReturn' }, { key: 'linefeed' }],
  label: 'A-Enter',
  help: 'new line in the message',
};
const named = (key: NamedKey, shift?: boolean): KeySpec => (shift === undefined ? { key } : { key, shift });
/** Leaves the admin screen. */
const toChats: Binding = {
  action: 'view.chats',
  keys: [named('escape'), ctrl('y')],
  label: 'Esc',
  help: 'back to the chats',
  footer: 'back',
};

/** The admin screen's way to the team canned replies. */
const cannedKey: Binding = {
  action: 'admin.canned',
  keys: [{ input: 'c' }],
  label: 'c',
  help: 'the team canned replies (add, edit, delete)',
  footer: 'canned',
};

export const KEYMAP: Record<Scope, Binding[]> = {
  global: [
    { action: 'app.help', keys: [ctrl('k')], label: '^K', help: 'help: every key', footer: 'help' },
    { action: 'app.quitMenu', keys: [ctrl('q')], label: '^Q', help: 'quit or log out', footer: 'quit' },
    { action: 'app.quit', keys: [ctrl('c')], label: '^C', help: 'quit (stay logged in)' },
    { action: 'app.redraw', keys: [ctrl('l')], label: '^L', help: 'redraw the screen' },
  ],
  edit: [
    { action: 'edit.left', keys: [named('left')], label: '←', help: 'cursor left' },
    { action: 'edit.right', keys: [named('right')], label: '→', help: 'cursor right' },
    { action: 'edit.home', keys: [named('home'), ctrl('a')], label: 'Home', help: 'start of the line' },
    { action: 'edit.end', keys: [named('end'), ctrl('e')], label: 'End', help: 'end of the line' },
    {
      action: 'edit.backspace',
      keys: [named('backspace')],
      label: 'Bksp',
      help: 'delete back',
    },
    { action: 'edit.deleteWord', keys: [ctrl('w')], label: '^W', help: 'delete a word' },
    { action: 'edit.clear', keys: [ctrl('u')], label: '^U', help: 'clear the line' },
  ],
  chats: [
    {
      action: 'chat.next',
      keys: [named('tab', false), ctrl('n')],
      label: 'Tab',
      help: 'next chat; after /word: canned reply',
      footer: 'next chat',
    },
    { action: 'chat.prev', keys: [named('tab', true), ctrl('p')], label: 'S-Tab', help: 'previous chat' },
    { action: 'chat.send', keys: [named('return')], label: 'Enter', help: 'send the message', footer: 'send' },
    newline,
    {
      action: 'chat.end',
      keys: [ctrl('x')],
      label: '^X',
      help: 'end the chat (asks); close an ended one',
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
    {
      action: 'view.inbox',
      keys: [ctrl('b')],
      label: '^B',
      help: 'the inbox',
      footer: 'inbox',
    },
    {
      action: 'chat.note',
      keys: [ctrl('d')],
      label: '^D',
      help: 'internal note (agents only) / message',
      footer: 'note',
    },
    {
      action: 'chat.info',
      keys: [ctrl('r')],
      label: '^R',
      help: 'who the visitor is: show/hide',
    },
    { action: 'chat.scrollUp', keys: [named('pageUp')], label: 'PgUp', help: 'scroll back' },
    { action: 'chat.scrollDown', keys: [named('pageDown')], label: 'PgDn', help: 'scroll forward' },
  ],
  toAdmin: [
    { action: 'view.admin', keys: [ctrl('y')], label: '^Y', help: 'the admin screen: agents', footer: 'admin' },
  ],
  messages: [
    { action: 'conv.next', keys: [named('down')], label: '↓', help: 'next conversation' },
    { action: 'conv.prev', keys: [named('up')], label: '↑↓', help: 'previous conversation', footer: 'select' },
    { action: 'conv.send', keys: [named('return')], label: 'Enter', help: 'send the message', footer: 'send' },
    newline,
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
      action: 'admin.invites',
      keys: [named('tab', false), named('tab', true)],
      label: 'Tab',
      help: 'the pending invites (revoke, resend)',
      footer: 'invites',
    },
    cannedKey,
    toChats,
  ],
  invites: [
    {
      action: 'admin.prev',
      keys: [named('up'), { input: 'k' }],
      label: '↑↓',
      help: 'select an invite',
      footer: 'select',
    },
    { action: 'admin.next', keys: [named('down'), { input: 'j' }], label: '↓', help: 'next invite' },
    {
      action: 'invite.resend',
      keys: [{ input: 's' }],
      label: 's',
      help: 'send the invite again: a new link (the old one stops working)',
      footer: 'resend',
    },
    {
      action: 'invite.revoke',
      keys: [{ input: 'd' }],
      label: 'd',
      help: 'revoke the invite (asks first; its link stops working)',
      footer: 'revoke',
    },
    { action: 'admin.invite', keys: [{ input: 'i' }], label: 'i', help: 'invite an agent' },
    { action: 'admin.refresh', keys: [{ input: 'r' }], label: 'r', help: 'refresh now' },
    cannedKey,
    {
      action: 'admin.agents',
      keys: [named('tab', false), named('tab', true)],
      label: 'Tab',
      help: 'back to the agents',
      footer: 'agents',
    },
    toChats,
  ],
  canned: [
    {
      action: 'admin.prev',
      keys: [named('up'), { input: 'k' }],
      label: '↑↓',
      help: 'select a canned reply',
      footer: 'select',
    },
    { action: 'admin.next', keys: [named('down'), { input: 'j' }], label: '↓', help: 'next canned reply' },
    { action: 'canned.add', keys: [{ input: 'a' }], label: 'a', help: 'add a team reply', footer: 'add' },
    { action: 'canned.edit', keys: [{ input: 'e' }, named('return')], label: 'e', help: 'edit it', footer: 'edit' },
    {
      action: 'canned.delete',
      keys: [{ input: 'd' }],
      label: 'd',
      help: 'delete it (asks first)',
      footer: 'delete',
    },
    { action: 'admin.refresh', keys: [{ input: 'r' }], label: 'r', help: 'refresh now' },
    {
      action: 'admin.agents',
      keys: [named('escape'), named('tab', false), named('tab', true), { input: 'c' }],
      label: 'Esc',
      help: 'back to the agents',
      footer: 'agents',
    },
  ],
  formText: [{ ...newline, help: 'new line in the text' }],
  inbox: [
    {
      action: 'inbox.prev',
      keys: [named('up'), { input: 'k' }],
      label: '↑↓',
      help: 'select a message',
      footer: 'select',
    },
    { action: 'inbox.next', keys: [named('down'), { input: 'j' }], label: '↓', help: 'next message' },
    {
      action: 'inbox.reply',
      keys: [{ input: 'r' }, named('return')],
      label: 'r',
      help: 'reply (sent to the visitor by e-mail)',
      footer: 'reply',
    },
    { action: 'inbox.close', keys: [{ input: 'c' }], label: 'c', help: 'close it (asks first)', footer: 'close' },
    {
      action: 'inbox.filter',
      keys: [{ input: 'f' }],
      label: 'f',
      help: 'show open / answered / closed / all',
      footer: 'filter',
    },
    { action: 'inbox.refresh', keys: [{ input: 'u' }], label: 'u', help: 'fetch the list again' },
    { action: 'inbox.scrollUp', keys: [named('pageUp')], label: 'PgUp', help: 'scroll the message back' },
    { action: 'inbox.scrollDown', keys: [named('pageDown')], label: 'PgDn', help: 'scroll the message forward' },
    {
      action: 'view.chats',
      keys: [named('escape'), ctrl('b')],
      label: 'Esc',
      help: 'back to the chats',
      footer: 'back',
    },
  ],
  inboxReply: [
    {
      action: 'inbox.send',
      keys: [named('return')],
      label: 'Enter',
      help: 'send the reply (by e-mail)',
      footer: 'send',
    },
    newline,
    { action: 'inbox.cancel', keys: [named('escape')], label: 'Esc', help: 'cancel the reply', footer: 'cancel' },
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

/** The quit question while the agent holds open chats (^C or ^Q): leaving would strand the visitors. */
export const QUIT_HOLDING_MENU: Binding[] = [
  {
    action: 'quit.handBack',
    keys: [{ input: 'h' }],
    label: 'h',
    help: 'hand the chats back (to the front of the queue; you go offline), then quit',
    footer: 'hand back',
  },
  {
    action: 'app.quit',
    keys: [{ input: 'q' }, ctrl('q'), ctrl('c')],
    label: 'q',
    help: 'quit anyway (the chats wait for you for the grace period)',
    footer: 'quit anyway',
  },
  { action: 'confirm.no', keys: [named('escape'), { input: 'n' }], label: 'Esc', help: 'stay', footer: 'stay' },
];

/** The quit menu for an agent holding this many open chats. */
export const quitMenuFor = (openChats: number): Binding[] => (openChats > 0 ? QUIT_HOLDING_MENU : QUIT_MENU);

/** The bindings of these scopes, in lookup order (earlier scopes win). */
export function bindingsOf(scopes: readonly (Scope | Binding[])[]): Binding[] {
  return scopes.flatMap((s) => (typeof s === 'string' ? KEYMAP[s] : s));
}

/** The action a key press means in these scopes, if any. */
export function matchKey(scopes: readonly (Scope | Binding[])[], input: string, k: KeyPress): Action | undefined {
  for (const b of bindingsOf(scopes)) if (b.keys.some((spec) => matches(spec, input, k))) return b.action;
  return undefined;
}

/** Every key of a binding, for the help: `Tab ^N`. */
export const keysLabel = (b: Binding): string => [...new Set(b.keys.map(keyLabel))].join(' ');
