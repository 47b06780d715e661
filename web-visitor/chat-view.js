// The chat view's DOM: header, banner, message list (kept in place so only new items are announced),
// composer and the ended panel. No protocol knowledge here.
import { $, setStatus } from './dom.js';
import { messageNode, pendingNode } from './message-view.js';
import { neutralise } from './rich-text.js';
import { initials, t } from './words.js';

export function createChatView() {
  const list = $('messages');
  const input = /** @type {HTMLTextAreaElement} */ ($('message'));
  const nodes = new Map(); // message id -> li
  const pendingNodes = new Map(); // localId -> { state, node }

  const nearBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < 96;
  // Following the latest message unless the visitor scrolled up to read; kept when the list is
  // resized (a phone's keyboard opening, a window resized, the banner appearing).
  let following = true;
  const scrollToEnd = () => {
    list.scrollTop = list.scrollHeight;
    following = true;
  };
  list.addEventListener(
    'scroll',
    () => {
      following = nearBottom();
    },
    { passive: true },
  );
  new ResizeObserver(() => {
    if (following) list.scrollTop = list.scrollHeight;
  }).observe(list);

  /** Puts `node` right after `prev` (or first), moving it only when it is not already there. */
  const place = (node, prev) => {
    const want = prev ? prev.nextSibling : list.firstChild;
    if (node !== want) list.insertBefore(node, want);
    return node;
  };

  return {
    input,
    reset() {
      list.replaceChildren();
      nodes.clear();
      pendingNodes.clear();
      input.value = '';
      this.setSendError('');
      this.setBanner('');
      $('ended-panel').hidden = true;
      $('composer').hidden = false;
    },

    /** Messages in seq order, then the visitor's unconfirmed ones. */
    render(messages, pending, actions, { forceScroll = false } = {}) {
      const stick = forceScroll || following;
      let prev = null;
      for (const m of messages) {
        const node = nodes.get(m.id) ?? messageNode(m);
        nodes.set(m.id, node);
        prev = place(node, prev);
      }
      const live = new Set(pending.map((p) => p.localId));
      for (const [id, entry] of pendingNodes) {
        if (!live.has(id)) {
          entry.node.remove();
          pendingNodes.delete(id);
        }
      }
      for (const p of pending) {
        let entry = pendingNodes.get(p.localId);
        if (!entry || entry.state !== p.state) {
          entry?.node.remove();
          entry = { state: p.state, node: pendingNode(p, actions) };
          pendingNodes.set(p.localId, entry);
        }
        prev = place(entry.node, prev);
      }
      if (stick) scrollToEnd();
    },

    /** The header: agent name (or waiting), and a state line. kind: online | waiting | offline | ended */
    setHeader(agentName, stateText, kind) {
      const shown = agentName ? neutralise(agentName) : t('chat.inQueue');
      if ($('agent-name').textContent !== shown) $('agent-name').textContent = shown;
      $('agent-avatar').textContent = agentName ? initials(agentName) : '';
      const state = $('chat-state');
      if (state.textContent !== stateText) state.textContent = stateText;
      state.dataset.kind = kind;
    },

    /** What an empty conversation says. */
    setEmptyText(text) {
      list.dataset.empty = neutralise(text);
    },

    setBanner(text, kind = 'warn') {
      const banner = $('chat-banner');
      // Only when it changes: the banner is a live region, read out on every change.
      if (banner.textContent !== text) banner.textContent = text;
      banner.dataset.kind = kind;
      banner.hidden = !text;
    },

    setSendError(text) {
      const status = $('send-status');
      setStatus(status, text, 'error');
      status.hidden = !text;
    },

    showEnded(line) {
      $('composer').hidden = true;
      $('ended-panel').hidden = false;
      $('ended-line').textContent = line;
      scrollToEnd();
    },

    focusEnded() {
      $('ended-line').focus();
    },

    /** Puts text back into the box without losing what is already there. */
    restoreText(text) {
      input.value = input.value.trim() ? `${text}\n${input.value}` : text;
      input.dispatchEvent(new Event('input')); // resizes the box and keeps the draft
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    },

    /** The draft kept from before a reload (without announcing or moving the focus). */
    setDraft(text) {
      input.value = text;
      input.dispatchEvent(new Event('input'));
    },
  };
}
