import { composerReducer, emptyComposer, type ComposerAction, type ComposerState } from './composer.js';
import { formReducer, makeForm, type FormAction, type FormState } from './form.js';

/** The agent messages screen's own state: the message being written, or the "write to…" prompt. */
export interface MessagesScreenState {
  composer: ComposerState;
  /** Open while asking which agent to write to (^N). */
  newTo: FormState | null;
  sending: boolean;
}

export type MessagesScreenAction =
  | { type: 'edit'; edit: ComposerAction }
  | { type: 'sending'; on: boolean }
  | { type: 'new' }
  | { type: 'new-form'; action: FormAction }
  | { type: 'new-close' };

export const initialMessagesScreen: MessagesScreenState = { composer: emptyComposer, newTo: null, sending: false };

export function messagesScreenReducer(s: MessagesScreenState, a: MessagesScreenAction): MessagesScreenState {
  switch (a.type) {
    case 'edit':
      return { ...s, composer: composerReducer(s.composer, a.edit) };
    case 'sending':
      return { ...s, sending: a.on };
    case 'new':
      return { ...s, newTo: makeForm([{ name: 'to', label: 'Write to (username)' }]) };
    case 'new-form':
      return s.newTo ? { ...s, newTo: formReducer(s.newTo, a.action) } : s;
    case 'new-close':
      return { ...s, newTo: null };
  }
}
