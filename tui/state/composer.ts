import type { Action } from './keymap.js';

/** A one-line text field: the text and the cursor (an index into the text's code points). */
export interface ComposerState {
  text: string;
  cursor: number;
}

export type ComposerAction =
  | { type: 'insert'; text: string }
  | { type: 'set'; text: string }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'backspace' }
  | { type: 'deleteWord' }
  | { type: 'clear' };

export const emptyComposer: ComposerState = { text: '', cursor: 0 };

export const composerOf = (text: string): ComposerState => ({
  text: singleLine(text),
  cursor: [...singleLine(text)].length,
});

/**
 * What a field accepts from the keyboard or a paste: line breaks and tabs become spaces, every other
 * control character (and so every escape sequence's introducer) is dropped.
 */
export function singleLine(s: string): string {
  return s.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

export function composerReducer(state: ComposerState, action: ComposerAction): ComposerState {
  const chars = [...state.text];
  const at = Math.min(Math.max(state.cursor, 0), chars.length);
  switch (action.type) {
    case 'insert': {
      const add = [...singleLine(action.text)];
      if (add.length === 0) return state;
      chars.splice(at, 0, ...add);
      return { text: chars.join(''), cursor: at + add.length };
    }
    case 'set':
      return composerOf(action.text);
    case 'left':
      return { ...state, cursor: Math.max(0, at - 1) };
    case 'right':
      return { ...state, cursor: Math.min(chars.length, at + 1) };
    case 'home':
      return { ...state, cursor: 0 };
    case 'end':
      return { ...state, cursor: chars.length };
    case 'backspace':
      if (at === 0) return state;
      chars.splice(at - 1, 1);
      return { text: chars.join(''), cursor: at - 1 };
    case 'deleteWord': {
      let start = at;
      while (start > 0 && chars[start - 1] === ' ') start--;
      while (start > 0 && chars[start - 1] !== ' ') start--;
      chars.splice(start, at - start);
      return { text: chars.join(''), cursor: start };
    }
    case 'clear':
      return emptyComposer;
  }
}

const EDITS: Partial<Record<Action, ComposerAction>> = {
  'edit.left': { type: 'left' },
  'edit.right': { type: 'right' },
  'edit.home': { type: 'home' },
  'edit.end': { type: 'end' },
  'edit.backspace': { type: 'backspace' },
  'edit.deleteWord': { type: 'deleteWord' },
  'edit.clear': { type: 'clear' },
};

/** The composer change a keymap action means, if it is an editing action. */
export const editActionOf = (action: Action): ComposerAction | undefined => EDITS[action];

/** The text to send: surrounding blanks trimmed; empty means nothing to send. */
export const outgoing = (state: ComposerState): string => state.text.trim();
