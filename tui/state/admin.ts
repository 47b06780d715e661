import type { AgentView } from '../../server/protocol/models.js';
import { makeForm, formReducer, type FormAction, type FormState } from './form.js';

/** The admin screen: the accounts, the selected one, and the dialog that is open. */
export interface AdminState {
  agents: AgentView[] | null;
  selected: string | null;
  dialog: AdminDialog | null;
  error?: string;
}

export type AdminDialog =
  | { kind: 'invite'; form: FormState }
  | { kind: 'maxChats'; username: string; form: FormState }
  | { kind: 'delete'; username: string; busy: boolean; error?: string }
  | { kind: 'invited'; username: string; email: string; registerUrl: string; delivery?: string };

export type AdminAction =
  | { type: 'loaded'; agents: AgentView[] }
  | { type: 'load-failed'; error: string }
  | { type: 'step'; delta: 1 | -1 }
  | { type: 'open-invite' }
  | { type: 'open-max-chats' }
  | { type: 'open-delete' }
  | { type: 'form'; action: FormAction }
  | { type: 'delete-busy' }
  | { type: 'delete-failed'; error: string }
  | { type: 'invited'; username: string; email: string; registerUrl: string; delivery?: string }
  | { type: 'close' };

export const emptyAdmin: AdminState = { agents: null, selected: null, dialog: null };

/** Admin accounts are listed, but managed only on the server machine (`switchboard admin …`). */
export const isManageable = (a: AgentView | undefined): a is AgentView => Boolean(a && a.role === 'agent');

export const selectedAgent = (s: AdminState): AgentView | undefined => s.agents?.find((a) => a.username === s.selected);

export function adminReducer(s: AdminState, a: AdminAction): AdminState {
  switch (a.type) {
    case 'loaded': {
      const selected = a.agents.some((x) => x.username === s.selected) ? s.selected : (a.agents[0]?.username ?? null);
      return { ...s, agents: a.agents, selected, error: undefined };
    }
    case 'load-failed':
      return { ...s, error: a.error };
    case 'step': {
      const list = s.agents ?? [];
      if (list.length === 0) return s;
      const at = list.findIndex((x) => x.username === s.selected);
      const to = Math.min(list.length - 1, Math.max(0, at + a.delta));
      return { ...s, selected: list[to]!.username };
    }
    case 'open-invite':
      return {
        ...s,
        dialog: {
          kind: 'invite',
          form: makeForm([
            { name: 'username', label: 'Username' },
            { name: 'name', label: 'Name' },
            { name: 'email', label: 'E-mail' },
          ]),
        },
      };
    case 'open-max-chats': {
      const agent = selectedAgent(s);
      if (!isManageable(agent))
        return {
          ...s,
          error: agent ? 'Admin accounts are managed on the server machine (switchboard admin).' : undefined,
        };
      return {
        ...s,
        error: undefined,
        dialog: {
          kind: 'maxChats',
          username: agent.username,
          form: makeForm([{ name: 'maxChats', label: 'Max chats', value: String(agent.maxChats) }]),
        },
      };
    }
    case 'open-delete': {
      const agent = selectedAgent(s);
      if (!isManageable(agent))
        return {
          ...s,
          error: agent ? 'Admin accounts are managed on the server machine (switchboard admin).' : undefined,
        };
      return { ...s, error: undefined, dialog: { kind: 'delete', username: agent.username, busy: false } };
    }
    case 'form':
      if (s.dialog?.kind !== 'invite' && s.dialog?.kind !== 'maxChats') return s;
      return { ...s, dialog: { ...s.dialog, form: formReducer(s.dialog.form, a.action) } };
    case 'delete-busy':
      return s.dialog?.kind === 'delete' ? { ...s, dialog: { ...s.dialog, busy: true, error: undefined } } : s;
    case 'delete-failed':
      return s.dialog?.kind === 'delete' ? { ...s, dialog: { ...s.dialog, busy: false, error: a.error } } : s;
    case 'invited':
      return {
        ...s,
        dialog: {
          kind: 'invited',
          username: a.username,
          email: a.email,
          registerUrl: a.registerUrl,
          delivery: a.delivery,
        },
      };
    case 'close':
      return { ...s, dialog: null };
  }
}

/** Parses the max-chats field: an integer 0–100, or an error message. */
export function parseMaxChats(text: string): number | string {
  if (!/^\d{1,3}$/.test(text.trim())) return 'Max chats must be a whole number from 0 to 100.';
  const n = Number(text.trim());
  return n <= 100 ? n : 'Max chats must be a whole number from 0 to 100.';
}
