import type { Colleague } from './agent-messages.js';
import { composerReducer, emptyComposer, type ComposerAction, type ComposerState } from './composer.js';

/** The transfer target picker: the agents with their load, filtered by what is typed. */
export interface PickerState {
  /** null while loading; an empty list when the server offers no agent list to this account. */
  agents: Colleague[] | null;
  filter: ComposerState;
  index: number;
  busy: boolean;
  error?: string;
}

export type PickerAction =
  | { type: 'loaded'; agents: Colleague[] }
  | { type: 'step'; delta: 1 | -1 }
  | { type: 'edit'; edit: ComposerAction }
  | { type: 'busy' }
  | { type: 'failed'; error: string };

export const emptyPicker: PickerState = { agents: null, filter: emptyComposer, index: 0, busy: false };

/** Can this agent take a transfer now? (online, connected, below maxChats) */
export function available(c: Colleague): boolean {
  return (
    c.status === 'online' && c.connected !== false && (c.maxChats === undefined || (c.openChats ?? 0) < c.maxChats)
  );
}

/** The agents matching the filter; those who can take the chat first, then by username. */
export function pickerChoices(s: PickerState): Colleague[] {
  const q = s.filter.text.trim().toLowerCase();
  const list = (s.agents ?? []).filter((c) => !q || c.username.includes(q) || (c.name ?? '').toLowerCase().includes(q));
  return list.sort((a, b) => Number(available(b)) - Number(available(a)) || (a.username < b.username ? -1 : 1));
}

export function pickerReducer(s: PickerState, a: PickerAction): PickerState {
  switch (a.type) {
    case 'loaded':
      return { ...s, agents: a.agents, index: 0 };
    case 'step': {
      const n = pickerChoices(s).length;
      return n === 0 ? s : { ...s, index: (s.index + a.delta + n) % n };
    }
    case 'edit':
      return { ...s, filter: composerReducer(s.filter, a.edit), index: 0, error: undefined };
    case 'busy':
      return { ...s, busy: true, error: undefined };
    case 'failed':
      return { ...s, busy: false, error: a.error };
  }
}

/** The username Enter transfers to: the highlighted agent, else the username typed. */
export function pickerTarget(s: PickerState): string | undefined {
  const choice = pickerChoices(s)[s.index];
  if (choice) return choice.username;
  const typed = s.filter.text.trim().toLowerCase();
  return typed || undefined;
}
