// "How was it?" once a chat has ended (either side): five choices (a radio group: arrow keys move
// between them) and an optional comment → POST /api/chat/rating with the chat's user token. Once per
// chat: a rated chat (here, in another tab, or before a reload) shows the thanks instead.
import { rateChat } from './api.js';
import { $ } from './dom.js';
import { t } from './words.js';

export const COMMENT_MAX = 1000;
const RATED_KEY = 'switchboard.rated';

const ratedChats = () => {
  try {
    const list = JSON.parse(localStorage.getItem(RATED_KEY) ?? '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
};
const markRated = (chatId) => {
  try {
    localStorage.setItem(RATED_KEY, JSON.stringify([...ratedChats().filter((c) => c !== chatId), chatId].slice(-20)));
  } catch {
    /* storage disabled: asked again after a reload, and the server says it is rated */
  }
};

export function setupRating() {
  const form = /** @type {HTMLFormElement} */ ($('rating-form'));
  const comment = /** @type {HTMLTextAreaElement} */ ($('rating-comment'));
  const error = $('rating-error');
  const thanks = $('rating-thanks');
  const button = /** @type {HTMLButtonElement} */ ($('rating-send'));
  /** @type {{ token: string, chatId: string } | null} */
  let chat = null;
  let busy = false;

  const setError = (text) => {
    error.textContent = text;
    error.hidden = !text;
  };
  const thank = (focus) => {
    form.hidden = true;
    thanks.textContent = t('rating.thanks');
    thanks.hidden = false;
    if (focus) thanks.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!chat || busy) return;
    const picked = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="score"]:checked'));
    if (!picked) {
      setError(t('rating.pick'));
      /** @type {HTMLInputElement} */ (form.querySelector('input[name="score"]')).focus();
      return;
    }
    const text = comment.value.trim();
    if (text.length > COMMENT_MAX) {
      setError(t('rating.commentTooLong', { length: text.length, max: COMMENT_MAX }));
      comment.focus();
      return;
    }
    setError('');
    const c = chat;
    busy = true;
    button.disabled = true;
    button.textContent = t('rating.sending');
    const res = await rateChat(c.token, { score: Number(picked.value), ...(text ? { comment: text } : {}) });
    busy = false;
    button.disabled = false;
    button.textContent = t('rating.submit');
    if (c !== chat) return;
    // 409: rated already (another tab): the thanks stand either way.
    if (res.ok || res.status === 409) {
      markRated(c.chatId);
      return thank(true);
    }
    if (res.status === 401) {
      form.hidden = true; // the chat's token expired: nothing to rate with any more
      return;
    }
    setError(t('rating.failed'));
  });
  form.addEventListener('change', () => setError(''));
  comment.addEventListener('input', () => setError(''));

  return {
    /** The chat ended: ask, unless it was rated already or can no longer be (refused token). */
    offer(o) {
      if (chat?.chatId === o.chatId && chat.token === o.token) return;
      chat = { token: o.token, chatId: o.chatId };
      form.reset();
      setError('');
      thanks.hidden = true;
      if (o.refused) form.hidden = true;
      else if (o.chatId && ratedChats().includes(o.chatId)) thank(false);
      else form.hidden = false;
    },
    hide() {
      chat = null;
      form.hidden = true;
      thanks.hidden = true;
    },
  };
}
