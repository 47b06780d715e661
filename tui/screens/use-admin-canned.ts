import { useCallback } from 'react';
import type { SessionCommands } from '../app/commands.js';
import { errorText } from '../app/commands.js';
import { useRefReducer } from '../app/use-ref-reducer.js';
import { cannedAdminReducer, emptyCannedAdmin, parseShortcut, type CannedAdminState } from '../state/admin-canned.js';
import { editActionOf } from '../state/composer.js';
import { formValues, isLastField } from '../state/form.js';
import type { Action, Scope } from '../state/keymap.js';
import type { SessionAction } from '../state/session.js';

/** The keys of the canned replies section now: its list, the form, or the delete question. */
export function cannedScopes(s: CannedAdminState): Scope[] {
  if (s.dialog?.kind === 'form') return ['form', 'formText', 'edit'];
  if (s.dialog?.kind === 'delete') return ['confirm'];
  return ['canned'];
}

/** The admin screen's team canned replies: state, fetching, and what its keys do. */
export function useAdminCanned(commands: SessionCommands, dispatch: (a: SessionAction) => void) {
  const [state, act, get] = useRefReducer(cannedAdminReducer, emptyCannedAdmin);

  const reload = useCallback(() => {
    commands.canned().then(
      (canned) => act({ type: 'loaded', canned }),
      (e: unknown) => act({ type: 'failed', error: `Could not fetch the canned replies: ${errorText(e)}` }),
    );
  }, [commands, act]);

  const submit = () => {
    const d = get().dialog;
    if (d?.kind !== 'form' || d.form.busy) return;
    if (!isLastField(d.form)) return act({ type: 'form', action: { type: 'focus', delta: 1 } });
    const values = formValues(d.form);
    const parsed = parseShortcut(values.shortcut!);
    if ('error' in parsed) {
      act({ type: 'form', action: { type: 'focus-at', index: 0 } });
      return act({ type: 'form', action: { type: 'failed', error: parsed.error } });
    }
    if (!values.body) return act({ type: 'form', action: { type: 'failed', error: 'Write the text.' } });
    const was = get().list?.find((c) => c.id === d.id);
    const patch = {
      ...(was?.shortcut !== parsed.shortcut ? { shortcut: parsed.shortcut } : {}),
      ...(was?.body !== values.body ? { body: values.body } : {}),
    };
    if (was && Object.keys(patch).length === 0) return act({ type: 'close' });
    act({ type: 'form', action: { type: 'busy' } });
    const saving = was
      ? commands.editCanned(was.id, patch)
      : commands.addCanned({ shortcut: parsed.shortcut, body: values.body, scope: 'team' });
    saving.then(
      (c) => {
        act({ type: 'saved', id: c.id });
        dispatch({ type: 'notice', text: `${was ? 'Saved' : 'Added'} the team reply /${c.shortcut}` });
        reload();
      },
      (e: unknown) => act({ type: 'form', action: { type: 'failed', error: errorText(e) } }),
    );
  };

  const confirmDelete = () => {
    const d = get().dialog;
    if (d?.kind !== 'delete' || d.busy) return;
    act({ type: 'delete-busy' });
    commands.removeCanned(d.id).then(
      () => {
        act({ type: 'close' });
        dispatch({ type: 'notice', text: `Deleted the team reply /${d.shortcut}` });
        reload();
      },
      (e: unknown) => act({ type: 'delete-failed', error: errorText(e) }),
    );
  };

  /** Handles a key's action while the section is open; false: not its key. */
  const onAction = (a: Action): boolean => {
    const edit = editActionOf(a);
    const d = get().dialog;
    if (edit) {
      // Line breaks belong in the text only.
      if (edit.type === 'newline' && d?.kind === 'form' && d.form.focus === 0) return true;
      act({ type: 'form', action: { type: 'edit', edit } });
      return true;
    }
    switch (a) {
      case 'admin.next':
      case 'admin.prev':
        act({ type: 'step', delta: a === 'admin.next' ? 1 : -1 });
        return true;
      case 'canned.add':
        act({ type: 'add' });
        return true;
      case 'canned.edit':
        act({ type: 'edit' });
        return true;
      case 'canned.delete':
        act({ type: 'delete' });
        return true;
      case 'admin.refresh':
        reload();
        return true;
      case 'form.next':
      case 'form.prev':
        act({ type: 'form', action: { type: 'focus', delta: a === 'form.next' ? 1 : -1 } });
        return true;
      case 'form.submit':
        submit();
        return true;
      case 'confirm.yes':
        confirmDelete();
        return true;
      case 'form.cancel':
      case 'confirm.no':
        act({ type: 'close' });
        return true;
    }
    return false;
  };

  const onText = (text: string) => act({ type: 'form', action: { type: 'edit', edit: { type: 'insert', text } } });

  return { state, get, reload, onAction, onText };
}
