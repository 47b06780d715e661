// Leave a message (POST /api/offline-messages): name, e-mail and message, checked here by the server's
// own rules before sending, then "Thanks, we'll reply by e-mail". Offered when closed, when no agent
// is online, after joins were refused for a while (429), and as a choice while waiting: the place in
// the queue is kept while the visitor writes (their turn may still come), and given up once the
// message is sent.
import { sendOfflineMessage } from './api.js';
import { joinContext } from './embed-context.js';
import { $, setStatus, showView } from './dom.js';
import { loadSession } from './session.js';
import { clock, joinFailure, nameProblem, t } from './words.js';

export const EMAIL_MAX = 254;
export const BODY_MAX = 4000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** '' when the address will do. */
export function emailProblem(value) {
  const email = value.trim();
  if (!email) return t('offline.emailEmpty');
  if (email.length > EMAIL_MAX) return t('offline.emailTooLong', { length: email.length, max: EMAIL_MAX });
  return EMAIL.test(email) ? '' : t('offline.emailInvalid');
}

/** '' when the message will do. */
export function bodyProblem(value) {
  if (!value.trim()) return t('offline.bodyEmpty');
  return value.length > BODY_MAX ? t('offline.bodyTooLong', { length: value.length, max: BODY_MAX }) : '';
}

/**
 * @param {{ home(o?: object): void, closed(): void }} go
 * @param {{ token(): string | null, leave(): Promise<void> }} queue
 */
export function setupOfflineMessage(go, queue) {
  const form = /** @type {HTMLFormElement} */ ($('offline-form'));
  const status = $('offline-status');
  const send = /** @type {HTMLButtonElement} */ ($('offline-send'));
  const fields = [
    { input: /** @type {HTMLInputElement} */ ($('offline-name')), error: $('offline-name-error'), check: nameProblem },
    {
      input: /** @type {HTMLInputElement} */ ($('offline-email')),
      error: $('offline-email-error'),
      check: emailProblem,
    },
    {
      input: /** @type {HTMLTextAreaElement} */ ($('offline-body')),
      error: $('offline-body-error'),
      check: bodyProblem,
    },
  ];
  const [nameField, emailField, bodyField] = fields;
  let from = 'home';
  let tried = false;
  let busy = false;

  const setError = (f, text) => {
    f.error.textContent = text;
    f.error.hidden = !text;
    if (text) f.input.setAttribute('aria-invalid', 'true');
    else f.input.removeAttribute('aria-invalid');
  };
  const check = () => {
    let first = null;
    for (const f of fields) {
      const problem = f.check(f.input.value);
      setError(f, problem);
      if (problem && !first) first = f;
    }
    return first;
  };
  for (const f of fields) f.input.addEventListener('input', () => tried && setError(f, f.check(f.input.value)));

  const setBusy = (on) => {
    busy = on;
    send.disabled = on;
    send.textContent = on ? t('offline.sending') : t('offline.submit');
    form.setAttribute('aria-busy', String(on));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    tried = true;
    setStatus(status, '');
    const wrong = check();
    if (wrong) return wrong.input.focus();
    const message = {
      name: nameField.input.value.trim(),
      email: emailField.input.value.trim(),
      body: bodyField.input.value,
    };
    const page = joinContext().page;
    setBusy(true);
    const res = await sendOfflineMessage(page ? { ...message, page } : message);
    setBusy(false);
    if (res.ok) {
      if (from === 'queue' && queue.token()) await queue.leave();
      return done(message.email);
    }
    if (res.status === 429) {
      const at = Date.now() + Math.max(1, res.retryAfter ?? 60) * 1000;
      setStatus(status, t('offline.blocked', { time: clock(at) }), 'error');
    } else if (res.status === 400) {
      const reason = (res.error.message || '').replace(/^\w+: /, '');
      setStatus(status, t('offline.failed', { reason }), 'error');
    } else {
      setStatus(status, res.status >= 500 ? t('offline.server') : joinFailure(res), 'error');
    }
  });

  function done(email) {
    form.hidden = true;
    $('offline-done').hidden = false;
    $('offline-thanks-detail').textContent = t('offline.thanksDetail', { email });
    bodyField.input.value = '';
    $('offline-thanks').focus();
  }

  $('offline-back').addEventListener('click', () => {
    if (from === 'queue' && queue.token()) {
      showView('queue');
      $('queue-title').focus();
    } else if (from === 'closed') go.closed();
    else go.home();
  });
  $('offline-home').addEventListener('click', () => go.home());

  return {
    /** @param {{ from: 'home' | 'closed' | 'queue' }} o */
    show(o) {
      from = o.from;
      tried = false;
      setBusy(false);
      for (const f of fields) setError(f, '');
      setStatus(status, '');
      form.hidden = false;
      $('offline-done').hidden = true;
      const typed = /** @type {HTMLInputElement} */ ($('name')).value.trim();
      if (!nameField.input.value) nameField.input.value = loadSession()?.name || typed;
      showView('message');
      $('offline-title').focus();
    },
  };
}
