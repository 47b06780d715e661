// What the page adds to a queue join, and its side of the widget (web-visitor/widget.js).
// On `/` and `/embed`: the visitorId the server gave at the last join, sent back on the next one.
// On `/embed` (<html data-mode="embed">, framed by a site of --allowed-origins): the host page's URL,
// title and referrer and what it told through identify()/setAttributes(), received by postMessage only
// from the parent's origin (`?origin=`, checked against location.ancestorOrigins where the browser has
// it); chat started/ended and unread agent messages go back to that origin only. See docs/api.md.

const VISITOR_KEY = 'switchboard.visitorId';
const CHATS_KEY = 'switchboard.embed.chats';
const UNREAD_KEY = 'switchboard.embed.unread';
const ATTRIBUTE_KEY = /^[A-Za-z0-9_.-]{1,32}$/;
const VISITOR_ID = /^[A-Za-z0-9_-]{1,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const embedded = document.documentElement.dataset.mode === 'embed' && window.parent !== window;
const params = new URLSearchParams(location.search);

/** The host page's origin, when it is the one that frames us; '' otherwise (nothing is sent or taken). */
function parentOrigin() {
  if (!embedded) return '';
  let told = '';
  try {
    told = new URL(params.get('origin') ?? '').origin;
  } catch {
    return '';
  }
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length > 0 && ancestors[0] !== told) return '';
  return told === 'null' ? '' : told;
}
const parent = parentOrigin();

// `storage` is 'localStorage' or 'sessionStorage', looked up inside the try: where a browser blocks a
// frame's storage, even reading the property throws.
const read = (storage, key) => {
  try {
    return JSON.parse(window[storage].getItem(key) ?? 'null');
  } catch {
    return null;
  }
};
const write = (storage, key, value) => {
  try {
    window[storage].setItem(key, JSON.stringify(value));
  } catch {
    /* storage disabled: only forgotten */
  }
};

// ---- The context the host page gave (kept for this page's life; the loader sends it again on load).
/** @type {{ page?: object, name?: string, email?: string, attributes?: Record<string, string|number|boolean> }} */
let context = {};

const webUrl = (s) => typeof s === 'string' && s.length <= 2048 && /^https?:\/\//i.test(s);

/** The host's context within the contract's limits: what would not pass is left out (and said in the console). */
function clean(m) {
  const out = {};
  const page = {};
  if (webUrl(m.page?.url)) page.url = m.page.url;
  if (typeof m.page?.title === 'string' && m.page.title) page.title = m.page.title.slice(0, 256);
  if (webUrl(m.page?.referrer)) page.referrer = m.page.referrer;
  if (Object.keys(page).length) out.page = page;
  if (typeof m.name === 'string' && m.name.trim()) out.name = m.name.trim();
  if (typeof m.email === 'string') {
    const email = m.email.trim();
    if (email.length <= 254 && EMAIL.test(email)) out.email = email;
    else console.warn('Switchboard: identify() email left out: it does not look like an e-mail address.');
  }
  const attributes = {};
  for (const [k, v] of Object.entries(m.attributes && typeof m.attributes === 'object' ? m.attributes : {})) {
    const fits =
      ATTRIBUTE_KEY.test(k) &&
      ((typeof v === 'string' && v.length <= 256) || typeof v === 'boolean' || Number.isFinite(v));
    if (fits && Object.keys(attributes).length < 20) attributes[k] = v;
    else console.warn(`Switchboard: attribute "${k.slice(0, 40)}" left out (see README: keys, values, at most 20).`);
  }
  if (Object.keys(attributes).length) out.attributes = attributes;
  return out;
}

/** The fields besides `name` for `POST /api/queue`. */
export function joinContext() {
  const extra = {};
  const visitorId = read('localStorage', VISITOR_KEY);
  if (typeof visitorId === 'string' && VISITOR_ID.test(visitorId)) extra.visitorId = visitorId;
  if (context.email) extra.email = context.email;
  if (context.page) extra.page = context.page;
  if (context.attributes) extra.attributes = context.attributes;
  return extra;
}

/** The host page the widget is on (`{url?, title?, referrer?}`), or undefined: e.g. for a left message's `page`. */
export const hostPage = () => context.page;

/** Keeps the visitorId of a successful join's answer, for the next join from this browser. */
export function rememberJoin(data) {
  if (typeof data?.visitorId === 'string' && VISITOR_ID.test(data.visitorId))
    write('localStorage', VISITOR_KEY, data.visitorId);
}

// ---- Talking to the widget.
const tell = (type, body = {}) => {
  if (parent) window.parent.postMessage({ source: 'switchboard', type, ...body }, parent);
};

let widgetOpen = false;
let unread = (() => {
  const saved = read('sessionStorage', UNREAD_KEY);
  return typeof saved?.count === 'number' ? saved : { chatId: '', count: 0 };
})();
const setUnread = (chatId, count) => {
  unread = { chatId, count };
  write('sessionStorage', UNREAD_KEY, unread);
  tell('unread', { count });
};

/** What the widget has been told of each chat (so `chat:started` says `resumed` and `chat:ended` comes once). */
const chatState = (chatId) => read('localStorage', CHATS_KEY)?.[chatId];
const setChatState = (chatId, state) => {
  const all = Object.entries(read('localStorage', CHATS_KEY) ?? {})
    .filter(([id]) => id !== chatId)
    .slice(-19);
  write('localStorage', CHATS_KEY, Object.fromEntries([...all, [chatId, state]]));
};

let currentChat = '';

export const embed = {
  embedded: Boolean(parent),
  /** The chat view opened for a chat still going (fresh, or found again on load). */
  chatStarted(chatId) {
    if (!parent || !chatId || currentChat === chatId) return;
    currentChat = chatId;
    const before = chatState(chatId);
    if (before === 'ended') return;
    setChatState(chatId, 'started');
    tell('chat:started', { chatId, resumed: before === 'started' });
    if (unread.chatId !== chatId) {
      unread = { chatId, count: 0 };
      write('sessionStorage', UNREAD_KEY, unread);
    } else if (unread.count) tell('unread', { count: unread.count });
  },
  /** The chat ended (by anyone); told once per chat. */
  chatEnded(chatId, by) {
    if (!parent || !chatId || chatState(chatId) === 'ended') return;
    setChatState(chatId, 'ended');
    tell('chat:ended', { chatId, by: by ?? null });
  },
  /** A new agent message arrived: unread while the widget is closed. */
  agentMessage(chatId) {
    if (!parent || widgetOpen) return;
    setUnread(chatId, (unread.chatId === chatId ? unread.count : 0) + 1);
  },
};

/** Whether dark text reads better than white on this colour (#rgb or #rrggbb; WCAG relative luminance). */
function light(hex) {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = Number.parseInt(h.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179;
}

/** The compact page's own touches: the site's title and colour, a close button that closes the widget. */
function dress() {
  const root = document.documentElement;
  const color = params.get('color') ?? '';
  if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(color)) {
    root.style.setProperty('--accent', color);
    root.style.setProperty('--own-bubble', color);
    const text = light(color) ? '#111827' : '#ffffff';
    root.style.setProperty('--accent-text', text);
    root.style.setProperty('--own-text', text);
  }
  const title = params.get('title');
  const brand = document.querySelector('.brand-name');
  if (title && brand) brand.textContent = title.slice(0, 80);
  const bar = document.querySelector('.topbar');
  if (!bar || !parent) return;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'btn-icon embed-close';
  close.setAttribute('aria-label', 'Close chat');
  close.title = 'Close chat';
  close.innerHTML =
    '<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path fill="currentColor" ' +
    'd="M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z"/></svg>';
  close.addEventListener('click', () => tell('close'));
  bar.append(close);
}

if (embedded) {
  dress();
  window.addEventListener('message', (e) => {
    if (!parent || e.origin !== parent || e.source !== window.parent) return;
    const m = e.data;
    if (m?.source !== 'switchboard') return;
    if (m.type === 'context') {
      context = clean(m);
      const input = /** @type {HTMLInputElement | null} */ (document.getElementById('name'));
      if (context.name && input && !input.value) input.value = context.name.slice(0, 64);
    } else if (m.type === 'open') {
      widgetOpen = true;
      if (unread.count) setUnread(unread.chatId, 0);
      const view = document.body.dataset.view;
      const target = document.getElementById(view === 'home' ? 'name' : view === 'chat' ? 'message' : 'main');
      target?.focus();
    } else if (m.type === 'close') widgetOpen = false;
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('dialog[open]')) tell('close');
  });
}

/** The page shows its first view: the widget may show its launcher and send the context. */
export function embedReady() {
  tell('ready');
}
