import { CANNED_SHORTCUT_RE, type Canned } from '../../server/protocol/canned.js';
import { composerReducer, emptyComposer } from './composer.js';
import { formReducer, makeForm, type FormAction, type FormState } from './form.js';

/** The admin screen's team canned replies: the list, the selection and the dialog open on it. */
export interface CannedAdminState {
  /** Team replies by shortcut; null until fetched. */
  list: Canned[] | null;
  selected: string | null;
  error?: string;
  dialog: CannedDialog | null;
}

export type CannedDialog =
  /** `id` null: a new reply. */
  | { kind: 'form'; id: string | null; form: FormState }
  | { kind: 'delete'; id: string; shortcut: string; busy: boolean; error?: string };

export type CannedAdminAction =
  | { type: 'loaded'; canned: Canned[] }
  | { type: 'failed'; error: string }
  | { type: 'step'; delta: 1 | -1 }
  | { type: 'add' }
  | { type: 'edit' }
  | { type: 'delete' }
  | { type: 'form'; action: FormAction }
  | { type: 'delete-busy' }
  | { type: 'delete-failed'; error: string }
  /** Saved: select it and close the dialog. */
  | { type: 'saved'; id: string }
  | { type: 'close' };

export const emptyCannedAdmin: CannedAdminState = { list: null, selected: null, dialog: null };

export const selectedCanned = (s: CannedAdminState): Canned | undefined => s.list?.find((c) => c.id === s.selected);

function cannedForm(shortcut = '', text = ''): FormState {
  const form = makeForm([
    { name: 'shortcut', label: 'Shortcut', value: shortcut },
    { name: 'body', label: 'Text' },
  ]);
  // The text keeps its line breaks (a one-line field would flatten them).
  const value = text ? composerReducer(emptyComposer, { type: 'set', text }) : emptyComposer;
  return { ...form, fields: form.fields.map((f) => (f.name === 'body' ? { ...f, value } : f)) };
}

export function cannedAdminReducer(s: CannedAdminState, a: CannedAdminAction): CannedAdminState {
  switch (a.type) {
    case 'loaded': {
      const list = a.canned.filter((c) => c.scope === 'team');
      const selected = list.some((c) => c.id === s.selected) ? s.selected : (list[0]?.id ?? null);
      return { ...s, list, selected, error: undefined };
    }
    case 'failed':
      return { ...s, error: a.error };
    case 'step': {
      const list = s.list ?? [];
      if (list.length === 0) return s;
      const at = list.findIndex((c) => c.id === s.selected);
      return { ...s, selected: list[Math.min(list.length - 1, Math.max(0, at + a.delta))]!.id };
    }
    case 'add':
      return { ...s, error: undefined, dialog: { kind: 'form', id: null, form: cannedForm() } };
    case 'edit': {
      const c = selectedCanned(s);
      if (!c) return { ...s, error: 'No canned reply is selected: a adds one.' };
      return { ...s, error: undefined, dialog: { kind: 'form', id: c.id, form: cannedForm(c.shortcut, c.body) } };
    }
    case 'delete': {
      const c = selectedCanned(s);
      if (!c) return { ...s, error: 'No canned reply is selected.' };
      return { ...s, error: undefined, dialog: { kind: 'delete', id: c.id, shortcut: c.shortcut, busy: false } };
    }
    case 'form':
      return s.dialog?.kind === 'form'
        ? { ...s, dialog: { ...s.dialog, form: formReducer(s.dialog.form, a.action) } }
        : s;
    case 'delete-busy':
      return s.dialog?.kind === 'delete' ? { ...s, dialog: { ...s.dialog, busy: true, error: undefined } } : s;
    case 'delete-failed':
      return s.dialog?.kind === 'delete' ? { ...s, dialog: { ...s.dialog, busy: false, error: a.error } } : s;
    case 'saved':
      return { ...s, selected: a.id, dialog: null };
    case 'close':
      return { ...s, dialog: null };
  }
}

/** The form's shortcut as the API takes it (a leading `/`, as typed in the composer, is dropped), or why not. */
export function parseShortcut(text: string): { shortcut: string } | { error: string } {
  const shortcut = text.trim().replace(/^\//, '');
  if (CANNED_SHORTCUT_RE.test(shortcut)) return { shortcut };
  return {
    error: 'The shortcut takes lower case letters, digits, _ and - (up to 32, starting with a letter or digit).',
  };
}
