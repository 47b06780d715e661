// The register page: redeems the invite token from the URL fragment with a password of the agent's choice.
// The token is read from `#token=…` (the fragment never reaches the server or its logs), removed from the
// address bar, and sent only in the JSON body of POST /api/register. All text goes in through textContent.

const MIN_LENGTH = 10;
const MAX_BYTES = 72; // bcrypt reads 72 bytes; the server refuses longer passwords.

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @type {string | null} */
let token = null;
let busy = false;

/** The token from `#token=…` (also accepts `#…&token=…`), or null. */
function tokenFromFragment() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const value = (params.get('token') ?? '').trim();
  return value.length > 0 ? value : null;
}

function setStatus(text, kind = 'info') {
  const status = $('status');
  status.textContent = text;
  status.dataset.kind = text === '' ? '' : kind;
}

function setFieldError(input, errorEl, text) {
  errorEl.textContent = text;
  errorEl.hidden = text === '';
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/** Checks both fields; shows the problems inline; returns the first field in trouble, or null. */
function validate() {
  const password = /** @type {HTMLInputElement} */ ($('password'));
  const confirm = /** @type {HTMLInputElement} */ ($('confirm'));
  let passwordError = '';
  let confirmError = '';
  if (password.value.length < MIN_LENGTH) {
    passwordError =
      password.value.length === 0
        ? `Choose a password of at least ${MIN_LENGTH} characters.`
        : `Too short: ${password.value.length} of at least ${MIN_LENGTH} characters.`;
  } else if (new TextEncoder().encode(password.value).length > MAX_BYTES) {
    passwordError = `Too long: use at most ${MAX_BYTES} characters (fewer with accented letters or emoji).`;
  }
  if (!passwordError && confirm.value !== password.value) {
    confirmError =
      confirm.value.length === 0 ? 'Type the same password again here.' : 'The two passwords do not match.';
  }
  setFieldError(password, $('password-error'), passwordError);
  setFieldError(confirm, $('confirm-error'), confirmError);
  return passwordError ? password : confirmError ? confirm : null;
}

/** Plain words for a failed POST /api/register. */
function explain(status, body, retryAfter) {
  const serverMessage = typeof body?.error?.message === 'string' ? body.error.message : '';
  switch (status) {
    case 410:
      return 'This invite link was already used or has expired — ask your admin for a new one.';
    case 400:
      return serverMessage
        ? `That password was not accepted: ${serverMessage.replace(/^password: /, '')}`
        : 'That password was not accepted. Try another one.';
    case 413:
      return 'That password is far too long. Try a shorter one.';
    case 429:
      return `Too many attempts. Wait ${retryAfter ? `${retryAfter} seconds` : 'a minute'} and try again.`;
    default:
      return status >= 500
        ? 'The server had a problem and could not create your account. ' +
            'Try again in a minute; if it keeps happening, tell your admin.'
        : `Something went wrong (${status}${serverMessage ? `: ${serverMessage}` : ''}). ` +
            'Try again, or ask your admin for a new link.';
  }
}

function setBusy(on) {
  busy = on;
  const form = $('register-form');
  const button = /** @type {HTMLButtonElement} */ ($('submit'));
  form.setAttribute('aria-busy', String(on));
  button.disabled = on;
  button.textContent = on ? 'Creating your account…' : 'Create my account';
}

function showDone(username) {
  $('register-form').hidden = true;
  setStatus('');
  $('done-user').textContent = `Your username is “${username}”.`;
  $('login-cmd').textContent = `switchboard login --server ${location.origin} --username ${username}`;
  const done = $('done');
  done.hidden = false;
  done.focus();
}

function showGone(message) {
  $('register-form').hidden = true;
  setStatus(message, 'error');
  $('gone-login-cmd').textContent = `switchboard login --server ${location.origin}`;
  $('gone-hint').hidden = false;
}

async function submit(event) {
  event.preventDefault();
  if (busy || !token) return;
  const invalid = validate();
  if (invalid) {
    setStatus('');
    invalid.focus();
    return;
  }
  const password = /** @type {HTMLInputElement} */ ($('password')).value;
  setBusy(true);
  setStatus('Creating your account…');
  let res;
  let body;
  try {
    res = await fetch('/api/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, password }),
      credentials: 'omit',
      cache: 'no-store',
    });
    body = await res.json().catch(() => undefined);
  } catch {
    setBusy(false);
    setStatus('Could not reach the server. Check your connection and try again.', 'error');
    return;
  }
  setBusy(false);
  if (res.status === 201 && typeof body?.username === 'string') {
    token = null;
    showDone(body.username);
    return;
  }
  const message = explain(res.status, body, res.headers.get('Retry-After'));
  if (res.status === 410) showGone(message);
  else setStatus(message, 'error');
}

/** Decides what the page shows for the current address. */
function start() {
  const found = tokenFromFragment();
  if (found) {
    token = found;
    // Keep the token out of the address bar, history and bookmarks from now on.
    history.replaceState(null, '', location.pathname + location.search);
  }
  $('done').hidden = true;
  $('gone-hint').hidden = true;
  setStatus('');
  if (!token) {
    $('register-form').hidden = true;
    $('incomplete').hidden = false;
    return;
  }
  $('incomplete').hidden = true;
  $('register-form').hidden = false;
  $('password').focus();
}

function init() {
  const form = $('register-form');
  const password = /** @type {HTMLInputElement} */ ($('password'));
  const confirm = /** @type {HTMLInputElement} */ ($('confirm'));
  let attempted = false;
  form.addEventListener('submit', (e) => {
    attempted = true;
    void submit(e);
  });
  // After a first attempt (or once the second field is filled), errors follow the typing.
  const recheck = () => {
    if (attempted || (confirm.value.length >= password.value.length && confirm.value.length > 0)) validate();
  };
  password.addEventListener('input', recheck);
  confirm.addEventListener('input', recheck);
  confirm.addEventListener('blur', () => {
    if (confirm.value) validate();
  });
  $('show').addEventListener('change', (e) => {
    const type = /** @type {HTMLInputElement} */ (e.target).checked ? 'text' : 'password';
    password.type = type;
    confirm.type = type;
  });
  // Pasting the full link into the same tab only changes the fragment: no reload, so look again.
  window.addEventListener('hashchange', () => {
    if (tokenFromFragment()) {
      token = null;
      start();
    }
  });
  start();
}

init();
