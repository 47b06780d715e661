import { composerReducer, emptyComposer, type ComposerAction, type ComposerState } from './composer.js';
import { emptyPicker, pickerReducer, type PickerAction, type PickerState } from './picker.js';

/** The chats screen's own state: a draft per chat, the open dialog, how far the transcript is scrolled back. */
export interface ChatScreenState {
  drafts: Record<string, ComposerState>;
  mode: 'compose' | 'confirm-end' | 'transfer';
  picker: PickerState;
  /** Messages hidden at the bottom while reading back. */
  scroll: number;
  ending: boolean;
  endError?: string;
  /** The visitor panel (who the visitor is: e-mail, page, attributes, browser) is shown. */
  info: boolean;
  /** The input writes an internal note (only agents see it) rather than a message to the visitor. */
  note: boolean;
}

export type ChatScreenAction =
  | { type: 'edit'; chatId: string; edit: ComposerAction }
  | { type: 'confirm-end' }
  | { type: 'ending' }
  | { type: 'end-failed'; error: string }
  | { type: 'transfer' }
  | { type: 'picker'; action: PickerAction }
  | { type: 'compose' }
  | { type: 'scroll'; delta: number; max: number }
  | { type: 'scroll-reset' }
  | { type: 'toggle-info' }
  | { type: 'note'; on: boolean };

export const initialChatScreen: ChatScreenState = {
  drafts: {},
  mode: 'compose',
  picker: emptyPicker,
  scroll: 0,
  ending: false,
  info: true,
  note: false,
};

export const draftOf = (s: ChatScreenState, chatId: string | null | undefined): ComposerState =>
  (chatId && s.drafts[chatId]) || emptyComposer;

export function chatScreenReducer(s: ChatScreenState, a: ChatScreenAction): ChatScreenState {
  switch (a.type) {
    case 'toggle-info':
      return { ...s, info: !s.info };
    case 'note':
      return s.note === a.on ? s : { ...s, note: a.on };
    case 'edit':
      return { ...s, drafts: { ...s.drafts, [a.chatId]: composerReducer(draftOf(s, a.chatId), a.edit) } };
    case 'confirm-end':
      return { ...s, mode: 'confirm-end', ending: false, endError: undefined };
    case 'ending':
      return { ...s, ending: true, endError: undefined };
    case 'end-failed':
      return { ...s, ending: false, endError: a.error };
    case 'transfer':
      return { ...s, mode: 'transfer', picker: emptyPicker };
    case 'picker':
      return { ...s, picker: pickerReducer(s.picker, a.action) };
    case 'compose':
      return { ...s, mode: 'compose', ending: false, endError: undefined, picker: emptyPicker };
    case 'scroll':
      return { ...s, scroll: Math.min(Math.max(0, s.scroll + a.delta), Math.max(0, a.max - 1)) };
    case 'scroll-reset':
      return s.scroll === 0 ? s : { ...s, scroll: 0 };
  }
}
