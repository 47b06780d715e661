// What belongs to one tab of a chat, kept in sessionStorage so a reload finds it: the draft in the box
// and the messages typed here that the server has not confirmed yet. Per tab, so two tabs of the same
// chat never send each other's messages or overwrite each other's drafts.

const key = (what, chatId) => `switchboard.${what}.${chatId}`;

function get(k) {
  try {
    return sessionStorage.getItem(k);
  } catch {
    return null;
  }
}

function set(k, value) {
  try {
    if (value === null) sessionStorage.removeItem(k);
    else sessionStorage.setItem(k, value);
  } catch {
    /* storage full or disabled: the page still works, a reload just forgets it */
  }
}

/** @param {string} chatId */
export const loadDraft = (chatId) => get(key('draft', chatId)) ?? '';
/** @param {string} chatId @param {string} text */
export const saveDraft = (chatId, text) => set(key('draft', chatId), text ? text : null);

/**
 * @param {string} chatId
 * @returns {{ localId: string, clientMsgId: string, body: string, tried?: boolean }[]}
 */
export function loadOutbox(chatId) {
  try {
    const list = JSON.parse(get(key('outbox', chatId)) ?? '[]');
    return Array.isArray(list)
      ? list.filter((p) => p && typeof p.clientMsgId === 'string' && typeof p.body === 'string')
      : [];
  } catch {
    return [];
  }
}

/** @param {string} chatId @param {{ localId: string, clientMsgId: string, body: string }[]} items */
export function saveOutbox(chatId, items) {
  set(key('outbox', chatId), items.length ? JSON.stringify(items) : null);
}

/** Forgets everything of this tab about a chat (a new chat starts clean). */
export function forgetChat(chatId) {
  set(key('draft', chatId), null);
  set(key('outbox', chatId), null);
}
