// The visitor's HTTP calls (see PROTOCOL.md "Visitors"). Every call resolves, never throws:
// { ok: true, status, data } or { ok: false, status, error: {code, message}, retryAfter? }.
// status 0 means the server could not be reached.
import { joinContext, rememberJoin } from './embed-context.js';

async function call(method, path, { token, body, language } = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (language) headers['Accept-Language'] = language; // the page's language, for what the server writes back
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

/** Joins with the page's context (visitorId; on /embed the host page's) and keeps the visitorId answered. */
export async function joinQueue(name) {
  const res = await call('POST', '/api/queue', { body: { name, ...joinContext() } });
  if (res.ok) rememberJoin(res.data);
  return res;
}
export const queueStatus = (queueToken) => call('GET', '/api/queue/status', { token: queueToken });
export const leaveQueue = (queueToken) => call('DELETE', '/api/queue', { token: queueToken });
export const startChat = (queueToken) => call('POST', '/api/chat/start', { token: queueToken });
// Contract v2: availability before joining, leave a message, rate an ended chat.
export const availability = () => call('GET', '/api/availability');
/** @param {{ name: string, email: string, body: string, page?: object }} message */
export const sendOfflineMessage = (message) =>
  call('POST', '/api/offline-messages', { body: message, language: document.documentElement.lang });
/** @param {string} userToken @param {{ score: number, comment?: string }} rating */
export const rateChat = (userToken, rating) => call('POST', '/api/chat/rating', { token: userToken, body: rating });
