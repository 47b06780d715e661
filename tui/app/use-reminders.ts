import { useEffect } from 'react';
import { reminderText, waitingChats } from '../state/reminders.js';
import type { SessionAction, SessionState } from '../state/session.js';

/**
 * Alerts nobody misses: every `everyMs` while a visitor has waited that long for a reply, the status
 * line says who and the bell rings again (and a desktop notification, with --notify desktop), until
 * the agent answers. 0 turns the reminder off.
 */
export function useReminders(
  dispatch: (a: SessionAction) => void,
  get: () => SessionState,
  now: () => number,
  everyMs: number,
): void {
  useEffect(() => {
    if (!(everyMs > 0)) return;
    const timer = setInterval(() => {
      const at = now();
      const waiting = waitingChats(get().chats, at, everyMs);
      if (waiting.length > 0) dispatch({ type: 'notice', text: reminderText(waiting, at), bell: true });
    }, everyMs);
    return () => clearInterval(timer);
  }, [dispatch, get, now, everyMs]);
}
