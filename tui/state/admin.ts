import type { AgentView, PendingInvite } from '../../server/protocol/models.js';
import { makeForm, formReducer, type FormAction, type FormState } from './form.js';

/** The admin screen: the accounts and pending invites, what is selected, and the dialog that is open. */
export interface AdminState {
  agents: AgentView[] | null;
  selected: string | null;
  /** The invites not used yet (null until loaded). */
  invites: PendingInvite[] | null;
  selectedInvite: string | null;
  /** Which list the keys act on (`canned`: the team canned replies, in place of the lists). */
  focus: AdminFocus;
  dialog: AdminDialog | null;
  error?: string;
  /** Why the pending invites could not be read. */
  invitesError?: string;
}

export type AdminFocus = 'agents' | 'invites' | 'canned';

export type AdminDialog =
  | { kind: 'invite'; form: FormState }
  | { kind: 'maxChats'; username: string; form: FormState }
  | { kind: 'delete'; username: string; busy: boolean; error?: string }
  | { kind: 'revoke'; username: string; busy: boolean; error?: string }
  | { kind: 'resending'; username: string }
  /** `resent`: a new link for a pending invite (the old one stopped working). */
  | { kind: 'invited'; username: string; email: string; registerUrl: string; delivery?: string; resent?: boolean };

export type AdminAction =
  | { type: 'loaded'; agents: AgentView[] }
  | { type: 'load-failed'; error: string }
  | { type: 'invites-loaded'; invites: PendingInvite[] }
  | { type: 'invites-failed'; error: string }
  | { type: 'focus'; on: AdminFocus }
  | { type: 'open-revoke' }
  | { type: 'revoke-busy' }
  | { type: 'revoke-failed'; error: string }
  | { type: 'resending'; username: string }
  | { type: 'resend-failed'; error: string }
  | { type: 'step'; delta: 1 | -1 }
  | { type: 'open-invite' }
  | { type: 'open-max-chats' }
  | { type: 'open-delete' }
  | { type: 'form'; action: FormAction }
  | { type: 'delete-busy' }
  | { type: 'delete-failed'; error: string }
  | { type: 'invited'; username: string; email: string; registerUrl: string; delivery?: string; resent?: boolean }
  | { type: 'close' };

export const emptyAdmin: AdminState = {
  agents: null,
  selected: null,
  invites: null,
  selectedInvite: null,
  focus: 'agents',
  dialog: null,
};

/** Admin accounts are listed, but managed only on the server machine (`switchboard admin …`). */
export const isManageable = (a: AgentView | undefined): a is AgentView => Boolean(a && a.role === 'agent');

export const selectedAgent = (s: AdminState): AgentView | undefined => s.agents?.find((a) => a.username === s.selected);

export const selectedInvite = (s: AdminState): PendingInvite | undefined =>
  s.invites?.find((i) => i.username === s.selectedInvite);

/** The invite to select in a new list: the same one, else the one now at its place (a revoked row goes). */
function keepInviteSelection(s: AdminState, invites: PendingInvite[]): string | null {
  if (invites.some((i) => i.username === s.selectedInvite)) return s.selectedInvite;
  const was = s.invites?.findIndex((i) => i.username === s.selectedInvite) ?? -1;
  return invites[Math.min(Math.max(0, was), invites.length - 1)]?.username ?? null;
}

export function adminReducer(s: AdminState, a: AdminAction): AdminState {
  switch (a.type) {
    case 'loaded': {
      const selected = a.agents.some((x) => x.username === s.selected) ? s.selected : (a.agents[0]?.username ?? null);
      return { ...s, agents: a.agents, selected, error: undefined };
    }
    case 'load-failed':
      return { ...s, error: a.error };
    case 'invites-loaded':
      return { ...s, invites: a.invites, selectedInvite: keepInviteSelection(s, a.invites), invitesError: undefined };
    case 'invites-failed':
      return { ...s, invitesError: a.error };
    case 'focus':
      return { ...s, focus: a.on, error: undefined };
    case 'step': {
      if (s.focus === 'invites') {
        const list = s.invites ?? [];
        if (list.length === 0) return s;
        const at = list.findIndex((x) => x.username === s.selectedInvite);
        const to = Math.min(list.length - 1, Math.max(0, at + a.delta));
        return { ...s, selectedInvite: list[to]!.username };
      }
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
    case 'open-revoke': {
      const invite = selectedInvite(s);
      if (!invite) return { ...s, error: 'No pending invite is selected.' };
      return { ...s, error: undefined, dialog: { kind: 'revoke', username: invite.username, busy: false } };
    }
    case 'revoke-busy':
      return s.dialog?.kind === 'revoke' ? { ...s, dialog: { ...s.dialog, busy: true, error: undefined } } : s;
    case 'revoke-failed':
      return s.dialog?.kind === 'revoke' ? { ...s, dialog: { ...s.dialog, busy: false, error: a.error } } : s;
    case 'resending':
      return { ...s, error: undefined, dialog: { kind: 'resending', username: a.username } };
    case 'resend-failed':
      return { ...s, error: a.error, dialog: null };
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
          resent: a.resent,
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
