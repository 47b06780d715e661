// Where the visitor is, kept in sessionStorage so a reload (or a reopened tab) resumes the same step.
// Shape: { step: 'home'|'queue'|'chat'|'ended', name, queueToken?, userToken?, chatId?, agentName?, endedBy? }

const KEY = 'switchboard.visitor';

export function loadSession() {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return value && typeof value === 'object' && typeof value.step === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Merges `changes` into the stored session and returns the result. */
export function saveSession(changes) {
  const next = { ...(loadSession() ?? { step: 'home' }), ...changes };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    /* storage full or disabled: the page still works, it just cannot resume after a reload */
  }
  return next;
}

/** Forgets the tokens, keeps the name for the next chat. */
export function resetSession() {
  const name = loadSession()?.name ?? '';
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ step: 'home', name }));
  } catch {
    /* see saveSession */
  }
}
