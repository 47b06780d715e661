import { useEffect, useRef } from 'react';

/** A `typing: true` is sent again this often while the agent keeps typing (the server drops it after 6 s). */
export const TYPING_REFRESH_MS = 2000;

/**
 * The visitor sees "Alice is typing…" while the composer of their chat has text: `typing: true` when
 * text appears (again every TYPING_REFRESH_MS while it changes), `typing: false` when it is sent or
 * erased, or the agent moves to another chat.
 */
export function useAgentTyping(
  send: (chatId: string, typing: boolean) => void,
  chatId: string | null,
  text: string,
  now: () => number,
): void {
  const state = useRef<{ chatId: string | null; since: number }>({ chatId: null, since: 0 });
  useEffect(() => {
    const s = state.current;
    if (s.chatId && (s.chatId !== chatId || !text.trim())) {
      send(s.chatId, false);
      state.current = { chatId: null, since: 0 };
    }
    if (!chatId || !text.trim()) return;
    const at = now();
    if (state.current.chatId !== chatId || at - state.current.since >= TYPING_REFRESH_MS) {
      send(chatId, true);
      state.current = { chatId, since: at };
    }
  }, [send, chatId, text, now]);

  // Leaving the screen (or the app) stops it too.
  useEffect(
    () => () => {
      const s = state.current;
      if (s.chatId) send(s.chatId, false);
    },
    [send],
  );
}
