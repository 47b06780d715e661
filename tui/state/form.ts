import { composerReducer, emptyComposer, selectedValue, type ComposerAction, type ComposerState } from './composer.js';

/** A small form of one-line fields (login, invite, max chats, new conversation). */
export interface Field {
  name: string;
  label: string;
  /** Shown as bullets (passwords). */
  secret?: boolean;
  value: ComposerState;
}

export interface FormState {
  fields: Field[];
  focus: number;
  error?: string;
  busy: boolean;
}

export type FormAction =
  | { type: 'focus'; delta: 1 | -1 }
  | { type: 'focus-at'; index: number }
  | { type: 'edit'; edit: ComposerAction }
  | { type: 'busy' }
  /** `retype`: focus this field and empty it (a refused password). */
  | { type: 'failed'; error: string; retype?: number };

export function makeForm(
  fields: { name: string; label: string; secret?: boolean; value?: string }[],
  focus = 0,
): FormState {
  return {
    fields: fields.map((f) => ({
      name: f.name,
      label: f.label,
      secret: f.secret,
      // A value to edit starts selected: typing replaces it (5, then 1, is 1, never 51).
      value: f.value ? selectedValue(f.value) : emptyComposer,
    })),
    focus: Math.min(Math.max(0, focus), fields.length - 1),
    busy: false,
  };
}

export function formReducer(s: FormState, a: FormAction): FormState {
  switch (a.type) {
    case 'focus':
      return { ...s, focus: (s.focus + a.delta + s.fields.length) % s.fields.length };
    case 'focus-at':
      return { ...s, focus: Math.min(Math.max(0, a.index), s.fields.length - 1) };
    case 'edit': {
      if (s.busy) return s;
      const fields = s.fields.map((f, i) => (i === s.focus ? { ...f, value: composerReducer(f.value, a.edit) } : f));
      return { ...s, fields, error: undefined };
    }
    case 'busy':
      return { ...s, busy: true, error: undefined };
    case 'failed': {
      if (a.retype === undefined || !s.fields[a.retype]) return { ...s, busy: false, error: a.error };
      const fields = s.fields.map((f, i) => (i === a.retype ? { ...f, value: emptyComposer } : f));
      return { ...s, fields, focus: a.retype, busy: false, error: a.error };
    }
  }
}

/** The trimmed value of each field, by name (passwords are not trimmed). */
export function formValues(s: FormState): Record<string, string> {
  return Object.fromEntries(s.fields.map((f) => [f.name, f.secret ? f.value.text : f.value.text.trim()]));
}

export const isLastField = (s: FormState): boolean => s.focus === s.fields.length - 1;

/** The first empty field, if any (for "fill in …" messages and focus). */
export function firstEmpty(s: FormState): number {
  return s.fields.findIndex((f) => (f.secret ? f.value.text : f.value.text.trim()) === '');
}
