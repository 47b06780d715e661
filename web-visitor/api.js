// The visitor's HTTP calls (see PROTOCOL.md "Visitors"). Every call resolves, never throws:
// { ok: true, status, data } or { ok: false, status, error: {code, message}, retryAfter? }.
// status 0 means the server could not be reached.

async function call(method, path, { token, body } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: 'The server could not be reached.' } };
  }
  const data = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (res.ok) return { ok: true, status: res.status, data };
  const error = data?.error && typeof data.error.code === 'string' ? data.error : { code: 'internal', message: '' };
  const retryAfter = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
  return { ok: false, status: res.status, error, ...(Number.isFinite(retryAfter) ? { retryAfter } : {}) };
}

export const joinQueue = (name) => call('POST', '/api/queue', { body: { name } });
export const queueStatus = (queueToken) => call('GET', '/api/queue/status', { token: queueToken });
export const leaveQueue = (queueToken) => call('DELETE', '/api/queue', { token: queueToken });
export const startChat = (queueToken) => call('POST', '/api/chat/start', { token: queueToken });
