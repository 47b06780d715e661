// The home step: a name, then "Start chat" → POST /api/queue.
import { joinQueue } from './api.js';
import { $, setStatus, showView } from './dom.js';
import { joinFailure, nameProblem } from './words.js';

/** @param {{ queue(o: { queueToken: string, name: string }): void }} go */
export function setupHome(go) {
  const form = $('join-form');
  const input = /** @type {HTMLInputElement} */ ($('name'));
  const error = $('name-error');
  const status = $('home-status');
  const button = /** @type {HTMLButtonElement} */ ($('join'));
  let busy = false;
  let tried = false;

  const setFieldError = (text) => {
    error.textContent = text;
    error.hidden = !text;
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };

  const setBusy = (on) => {
    busy = on;
    button.disabled = on;
    button.textContent = on ? 'Joining the queue…' : 'Start chat';
    form.setAttribute('aria-busy', String(on));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
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
    if (res.status === 400) {
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
    /** @param {{ name?: string, message?: string, kind?: 'info' | 'error' }} [o] */
    show({ name = '', message = '', kind = 'info' } = {}) {
      showView('home');
      tried = false;
      setBusy(false);
      setFieldError('');
      input.value = name;
      setStatus(status, message, kind);
      input.focus();
    },
  };
}
