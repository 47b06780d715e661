// The Switchboard chat widget for other sites (README "Add the chat to your site"): a launcher button
// with an unread badge that opens the chat (/embed of the server this script came from) in an iframe.
// `window.Switchboard` is its API; calls queued by the stub before this ran are replayed first, in order.
// Loader and frame talk by postMessage (docs/api.md "Embeddable widget"), each checking the other's origin.
(() => {
  const S = window.Switchboard || { q: [] };
  if (S.loaded) return;
  const script =
    document.currentScript || document.querySelector('script[src$="/widget.js"], script[src*="/widget.js?"]');
  if (!script) return;
  const server = new URL(script.src, location.href).origin;
  const data = script.dataset;
  const title = (data.title || 'Chat with us').slice(0, 80);
  const color = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(data.color || '') ? data.color : '#1d4ed8';
  const lum = (hex) => {
    const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
    const [r, g, b] = [0, 2, 4].map((i) => {
      const v = Number.parseInt(h.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ink = lum(color) > 0.179 ? '#111827' : '#fff';
  const left = data.position === 'left';
  const locale = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(data.locale || '') ? data.locale : '';
  const OPEN_KEY = 'switchboard.widget.open';

  const handlers = {};
  const context = { attributes: {} };
  let ready = false;
  let isOpen = false;
  let unread = 0;

  const emit = (event, payload) => {
    for (const fn of (handlers[event] || []).slice()) {
      try {
        fn(payload);
      } catch (e) {
        setTimeout(() => {
          throw e;
        });
      }
    }
  };
  const remember = (open) => {
    try {
      if (open) sessionStorage.setItem(OPEN_KEY, '1');
      else sessionStorage.removeItem(OPEN_KEY);
    } catch {
      /* storage disabled: the widget starts closed on the next page */
    }
  };
  const wasOpen = () => {
    try {
      return sessionStorage.getItem(OPEN_KEY) === '1';
    } catch {
      return false;
    }
  };

  // ---- Drawing: in a shadow root, so the host page's styles and ours never mix.
  const host = document.createElement('div');
  host.setAttribute('data-switchboard-widget', '');
  const root = host.attachShadow({ mode: 'open' });
  const css = `
:host{all:initial}
.launcher{position:fixed;bottom:20px;${left ? 'left' : 'right'}:20px;z-index:2147483646;width:56px;height:56px;
border:0;border-radius:50%;background:${color};color:${ink};cursor:pointer;box-shadow:0 4px 16px rgb(0 0 0/.25);
display:grid;place-items:center;padding:0}
.launcher:hover{filter:brightness(1.1)}
.launcher:focus-visible{outline:3px solid #f59e0b;outline-offset:3px}
.launcher>span:first-child{display:grid}.launcher svg{width:28px;height:28px}
.badge{position:absolute;top:-4px;${left ? 'right' : 'left'}:-4px;min-width:22px;height:22px;padding:0 6px;
border-radius:11px;background:#c4320a;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center;
box-sizing:border-box;border:2px solid #fff}
.panel{position:fixed;bottom:88px;${left ? 'left' : 'right'}:20px;z-index:2147483647;width:380px;
max-width:calc(100vw - 40px);height:600px;max-height:calc(100vh - 108px);border-radius:16px;overflow:hidden;
box-shadow:0 12px 40px rgb(0 0 0/.3);background:#fff}
.panel iframe{border:0;width:100%;height:100%;display:block}
[hidden]{display:none!important}
@media (max-width:480px){.panel{inset:0;width:100%;max-width:none;height:100%;max-height:none;border-radius:0}
.open .launcher{display:none}}`;
  if (root.adoptedStyleSheets && window.CSSStyleSheet) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  const wrap = document.createElement('div');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.hidden = true;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'switchboard-panel');
  // Built as elements, not parsed from text: pages that enforce Trusted Types allow it.
  const svg = (d) => {
    const NS = 'http://www.w3.org/2000/svg';
    const el = document.createElementNS(NS, 'svg');
    const path = document.createElementNS(NS, 'path');
    el.setAttribute('viewBox', '0 0 24 24');
    el.setAttribute('aria-hidden', 'true');
    el.setAttribute('focusable', 'false');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', d);
    el.append(path);
    return el;
  };
  const chatIcon = svg(
    'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H11l-4.5 4v-4h0A2.5 2.5 0 0 1 4 13.5z',
  );
  const closeIcon = svg('M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z');
  const icon = document.createElement('span');
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true');
  button.append(icon, badge);
  const panel = document.createElement('div');
  panel.className = 'panel';
  panel.id = 'switchboard-panel';
  panel.hidden = true;
  const frame = document.createElement('iframe');
  frame.title = title;
  frame.setAttribute('allow', 'autoplay');
  const params = new URLSearchParams({ origin: location.origin, title, color });
  if (locale) params.set('lang', locale);
  frame.src = `${server}/embed?${params}`;
  panel.append(frame);
  wrap.append(panel, button);
  root.append(wrap);

  const drawButton = () => {
    icon.replaceChildren(isOpen ? closeIcon : chatIcon);
    button.setAttribute('aria-expanded', String(isOpen));
    const label = isOpen ? `Close: ${title}` : unread ? `${title} (${unread} unread)` : title;
    button.setAttribute('aria-label', label);
    button.title = isOpen ? 'Close the chat' : title;
    badge.textContent = unread > 99 ? '99+' : String(unread);
    badge.hidden = isOpen || unread === 0;
    wrap.className = isOpen ? 'open' : '';
  };

  // ---- Talking to the frame: only to the server's origin, only from our own frame.
  const post = (type, body) => {
    if (ready) frame.contentWindow?.postMessage({ source: 'switchboard', type, ...body }, server);
  };
  const sendContext = () =>
    post('context', {
      page: { url: location.href, title: document.title, referrer: document.referrer },
      ...context,
    });

  const api = {
    loaded: true,
    open() {
      if (!ready) {
        isOpen = true; // opened as soon as the chat has loaded
        return;
      }
      if (isOpen && !panel.hidden) return;
      isOpen = true;
      panel.hidden = false;
      remember(true);
      sendContext();
      post('open');
      drawButton();
      frame.focus();
      emit('open');
    },
    close() {
      if (!ready || panel.hidden) {
        isOpen = false;
        return;
      }
      isOpen = false;
      panel.hidden = true;
      remember(false);
      post('close');
      drawButton();
      if (root.activeElement === frame || document.activeElement === host) button.focus();
      emit('close');
    },
    toggle() {
      if (isOpen) api.close();
      else api.open();
    },
    identify(who) {
      if (!who || typeof who !== 'object') return;
      if (typeof who.name === 'string') context.name = who.name;
      if (typeof who.email === 'string') context.email = who.email;
      sendContext();
    },
    setAttributes(attributes) {
      if (!attributes || typeof attributes !== 'object') return;
      for (const [k, v] of Object.entries(attributes)) {
        if (v === null || v === undefined) delete context.attributes[k];
        else context.attributes[k] = v;
      }
      sendContext();
    },
    on(event, fn) {
      if (typeof fn !== 'function') return;
      if (!handlers[event]) handlers[event] = [];
      handlers[event].push(fn);
      if (event === 'ready' && ready) setTimeout(() => fn());
    },
  };

  window.addEventListener('message', (e) => {
    if (e.origin !== server || e.source !== frame.contentWindow) return;
    const m = e.data;
    if (m?.source !== 'switchboard' || typeof m.type !== 'string') return;
    if (m.type === 'ready') {
      if (ready) {
        // The frame reloaded: it has forgotten what it was told.
        sendContext();
        if (isOpen) post('open');
        return;
      }
      ready = true;
      button.hidden = false;
      drawButton();
      sendContext();
      const open = isOpen || wasOpen();
      isOpen = false;
      emit('ready');
      if (open) api.open();
    } else if (m.type === 'close') api.close();
    else if (m.type === 'unread' && typeof m.count === 'number') {
      unread = isOpen ? 0 : m.count;
      drawButton();
      emit('unread', { count: unread });
    } else if (m.type === 'chat:started' || m.type === 'chat:ended') {
      const { source, type, ...payload } = m;
      emit(type, payload);
    }
  });
  button.addEventListener('click', () => api.toggle());
  setTimeout(() => {
    if (!ready)
      console.warn(
        `Switchboard: the chat at ${server}/embed did not load. ` +
          `Is ${location.origin} in the server's --allowed-origins?`,
      );
  }, 15_000);

  // The stub's queue, in order (handlers for `ready` are registered before it fires), then our methods.
  const queued = Array.isArray(S.q) ? S.q : [];
  Object.assign(S, api);
  for (const [method, ...args] of queued) if (typeof api[method] === 'function') api[method](...args);
  S.q = [];
  window.Switchboard = S;
  const mount = () => (document.body || document.documentElement).append(host);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
