// "Alice is typing…" while the agent types (`chat:typing` {typing, name}; a `typing: true` not
// refreshed within 6 s counts as stopped, and the agent's message ends it), and the visitor's own
// typing for the agent: `chat:typing` {typing, draft} at most once per 2 s while the text changes,
// and {typing: false} after 3 s without a key, on sending, or when the box is emptied.
import { $ } from './dom.js';
import { neutralise } from './rich-text.js';
import { t } from './words.js';

export const TYPING_STALE_MS = 6_000;
export const TYPING_EVERY_MS = 2_000;
export const TYPING_IDLE_MS = 3_000;
/** The end of the draft the agent may preview (the server forwards it only with --typing-preview). */
const DRAFT_MAX = 200;

export function createTyping() {
  const line = $('typing');
  let stale = 0;

  const show = (text) => {
    if (line.textContent !== text) line.textContent = text;
    line.dataset.on = String(Boolean(text));
  };
  const clear = () => {
    clearTimeout(stale);
    show('');
  };

  // Ours.
  /** @type {((payload: { typing: boolean, draft?: string }) => void) | null} */
  let emit = null;
  let typing = false;
  let lastSent = 0;
  let idle = 0;
  const stop = () => {
    clearTimeout(idle);
    if (typing) emit?.({ typing: false });
    typing = false;
    lastSent = 0;
  };

  return {
    /** The agent's `chat:typing`. */
    incoming(e) {
      clearTimeout(stale);
      if (!e?.typing) return show('');
      show(t('chat.typing', { name: neutralise(typeof e.name === 'string' && e.name ? e.name : '…') }));
      stale = setTimeout(() => show(''), TYPING_STALE_MS);
    },
    /** A message from the agent: they are done typing it. */
    agentSpoke: clear,
    /** The box changed (a key, a paste, a draft restored). */
    local(text) {
      if (!emit) return;
      if (!text.trim()) return stop();
      const now = Date.now();
      if (!typing || now - lastSent >= TYPING_EVERY_MS) {
        typing = true;
        lastSent = now;
        emit({ typing: true, draft: text.slice(-DRAFT_MAX) });
      }
      clearTimeout(idle);
      idle = setTimeout(stop, TYPING_IDLE_MS);
    },
    /** Sent (or ended): no longer typing. */
    stop,
    /** Where our signals go (the open chat's socket), or null: none. */
    connect(fn) {
      stop();
      emit = fn;
    },
    reset() {
      stop();
      emit = null;
      clear();
    },
  };
}
