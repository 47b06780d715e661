// Where the visitor is, kept in localStorage: every tab of this browser shows the same step (the same
// place in the queue, the same chat) until the chat ends, and a closed browser finds it again.
// Shape: { step: 'home'|'queue'|'chat'|'ended', name, queueToken?, userToken?, chatId?, agentName?, endedBy?,
//          endedAt?, joinBlockedUntil? }
// Tabs agree through the `storage` event, which the browser fires in every other tab of this origin
// when the session changes.

const KEY = 'switchboard.visitor';

const parse = (text) => {
  try {
    const value = JSON.parse(text ?? 'null');
    return value && typeof value === 'object' && typeof value.step === 'string' ? value : null;
  } catch {
    return null;
  }
};

function read() {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: the page still works, it just cannot resume
  }
}

function write(value) {
  try {
    localStorage.setItem(KEY, JSON.stringify(value));
  } catch {
    /* storage full or disabled: see read() */
  }
}

// Pages before this one kept the session per tab (sessionStorage): bring a chat under way along.
try {
  const old = sessionStorage.getItem(KEY);
  if (old !== null) {
    if (read() === null && parse(old)) localStorage.setItem(KEY, old);
    sessionStorage.removeItem(KEY);
  }
} catch {
  /* see read() */
}

export function loadSession() {
  return parse(read());
}

/** Merges `changes` into the stored session and returns the result. */
export function saveSession(changes) {
  const next = { ...(loadSession() ?? { step: 'home' }), ...changes };
  write(next);
  return next;
}

/** Forgets the tokens, keeps the name (and a join refusal still running) for the next chat. */
export function resetSession() {
  const s = loadSession();
  write({ step: 'home', name: s?.name ?? '', joinBlockedUntil: s?.joinBlockedUntil });
}

/**
 * Calls `listener(session)` when another tab of this browser changes the session (not for this
 * tab's own saves).
 */
export function onSessionChange(listener) {
  window.addEventListener('storage', (e) => {
    if (e.key === KEY || e.key === null) listener(parse(e.newValue) ?? { step: 'home', name: '' });
  });
}
