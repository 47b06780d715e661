// The home step: a name, then "Start chat" → POST /api/queue. Refused for joining too often (429), it
// says when the visitor can try again (from Retry-After) and the button counts down to it; the time is
// kept in the session, so a reload or another tab counts down to the same moment.
import { joinQueue } from './api.js';
import { $, setStatus, showView } from './dom.js';
import { saveSession } from './session.js';
import { countdown, joinBlocked, joinFailure, nameProblem, t } from './words.js';

const START = t('home.start');

/**
 * @param {{ queue(o: { queueToken: string, name: string }): void, closed(): void }} go
 * @param {ReturnType<typeof import('./availability.js').setupAvailability>} availability
 */
export function setupHome(go, availability) {
  const form = $('join-form');
  const input = /** @type {HTMLInputElement} */ ($('name'));
  const error = $('name-error');
  const status = $('home-status');
  const button = /** @type {HTMLButtonElement} */ ($('join'));
  let busy = false;
  let tried = false;
  let blockedUntil = 0;
  let ticker = 0;

  const setFieldError = (text) => {
    error.textContent = text;
    error.hidden = !text;
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };

  const showButton = () => {
    const left = (blockedUntil - Date.now()) / 1000;
    button.disabled = busy || left > 0;
    const text = busy ? t('home.joining') : left > 0 ? t('home.tryAgainIn', { countdown: countdown(left) }) : START;
    if (button.textContent !== text) button.textContent = text;
    form.setAttribute('aria-busy', String(busy));
  };

  const setBusy = (on) => {
    busy = on;
    showButton();
  };

  /** Counts down to `until` (ms since the epoch; 0: not blocked). */
  function block(until, announce) {
    clearInterval(ticker);
    blockedUntil = until > Date.now() ? until : 0;
    availability.offerMessage(blockedUntil > 0); // "Leave a message" beside the countdown
    if (blockedUntil) {
      if (announce) setStatus(status, joinBlocked(blockedUntil), 'error');
      ticker = setInterval(() => {
        showButton();
        if (Date.now() < blockedUntil) return;
        clearInterval(ticker);
        blockedUntil = 0;
        saveSession({ joinBlockedUntil: undefined });
        availability.offerMessage(false);
        setStatus(status, t('home.againNow'), 'info');
      }, 250);
    }
    showButton();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || blockedUntil > Date.now()) return;
    tried = true;
    const problem = nameProblem(input.value);
    setFieldError(problem);
    setStatus(status, '');
    if (problem) {
      input.focus();
      return;
    }
    const name = input.value.trim();
    setBusy(true);
    const res = await joinQueue(name);
    setBusy(false);
    if (res.ok) {
      go.queue({ queueToken: res.data.queueToken, name });
      return;
    }
    if (res.status === 429) {
      const until = Date.now() + Math.max(1, res.retryAfter ?? 60) * 1000;
      saveSession({ name, joinBlockedUntil: until });
      block(until, true);
    } else if (res.status === 409 && res.error.code === 'closed') {
      go.closed();
    } else if (res.status === 400) {
      setFieldError(joinFailure(res));
      input.focus();
    } else {
      setStatus(status, joinFailure(res), 'error');
    }
  });
  input.addEventListener('input', () => {
    if (tried) setFieldError(nameProblem(input.value));
  });

  return {
    /** @param {{ name?: string, message?: string, kind?: 'info' | 'error', blockedUntil?: number }} [o] */
    show({ name = '', message = '', kind = 'info', blockedUntil: until = 0 } = {}) {
      showView('home');
      tried = false;
      busy = false;
      setFieldError('');
      input.value = name;
      setStatus(status, message, kind);
      block(until, !message);
      input.focus();
      void availability.refresh();
    },
    /** Another tab's session on the home step: the same countdown here. */
    sync(s) {
      const until = s?.joinBlockedUntil ?? 0;
      if (until !== blockedUntil) block(until, true);
    },
  };
}
