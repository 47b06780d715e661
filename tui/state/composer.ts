import type { Action } from './keymap.js';
import { graphemes } from './terminal-text.js';

/**
 * A text field: the text and the cursor, an index into the text's characters as a person sees them
 * (grapheme clusters: an emoji with its modifiers, a letter with its accents, is one). Only the
 * `newline` action puts a line break in; everything typed or pasted stays on its line.
 */
export interface ComposerState {
  text: string;
  cursor: number;
  /** The whole text is selected (a value to edit, shown as it is): typing replaces it, a move keeps it. */
  selected?: boolean;
}

export type ComposerAction =
  | { type: 'insert'; text: string }
  /** A line break at the cursor (messages may span several lines). */
  | { type: 'newline' }
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
  cursor: graphemes(singleLine(text)).length,
});

/** A value to edit: shown whole and selected, so that typing replaces it. */
export const selectedValue = (text: string): ComposerState => ({ ...composerOf(text), selected: true });

/**
 * What a field accepts from the keyboard or a paste: line breaks and tabs become spaces, every other
 * control character (and so every escape sequence's introducer) is dropped.
 */
export function singleLine(s: string): string {
  return s.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** The text with `add` inserted at grapheme `at`; the cursor after it (the insertion may join a cluster). */
function insertAt(chars: string[], at: number, add: string): ComposerState {
  const before = chars.slice(0, at).join('') + add;
  return { text: before + chars.slice(at).join(''), cursor: graphemes(before).length };
}

export function composerReducer(state: ComposerState, action: ComposerAction): ComposerState {
  if (state.selected) return selectedReducer(state, action);
  const chars = graphemes(state.text);
  const at = Math.min(Math.max(state.cursor, 0), chars.length);
  switch (action.type) {
    case 'insert': {
      const add = singleLine(action.text);
      return add ? insertAt(chars, at, add) : state;
    }
    case 'newline':
      return insertAt(chars, at, '\n');
    case 'set': {
      // Text given back (a message that was not sent) keeps its line breaks.
      const text = action.text.split('\n').map(singleLine).join('\n');
      return { text, cursor: graphemes(text).length };
    }
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
      while (start > 0 && (chars[start - 1] === ' ' || chars[start - 1] === '\n')) start--;
      while (start > 0 && chars[start - 1] !== ' ' && chars[start - 1] !== '\n') start--;
      chars.splice(start, at - start);
      return { text: chars.join(''), cursor: start };
    }
    case 'clear':
      return emptyComposer;
  }
}

/** A selected value: what is typed replaces it, erasing empties it, a move unselects it. */
function selectedReducer(state: ComposerState, action: ComposerAction): ComposerState {
  const text = { text: state.text, cursor: state.cursor };
  switch (action.type) {
    case 'insert':
    case 'newline':
      return composerReducer(emptyComposer, action);
    case 'backspace':
    case 'deleteWord':
    case 'clear':
      return emptyComposer;
    case 'left':
    case 'home':
      return { ...text, cursor: 0 };
    case 'right':
    case 'end':
      return { ...text, cursor: graphemes(state.text).length };
    case 'set':
      return composerReducer(text, action);
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
  'edit.newline': { type: 'newline' },
};

/** The composer change a keymap action means, if it is an editing action. */
export const editActionOf = (action: Action): ComposerAction | undefined => EDITS[action];

/** The text to send: surrounding blanks trimmed; empty means nothing to send. */
export const outgoing = (state: ComposerState): string => state.text.trim();
