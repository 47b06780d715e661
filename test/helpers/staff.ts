import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import type { ApiAnswer } from './server.js';

/** Asserts the contract's error answer: this status and `{error:{code, message}}` with a human message. */
export function assertError(res: ApiAnswer, status: number, code: string): void {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(typeof res.body, 'object', `error body is not JSON: ${JSON.stringify(res.body)}`);
  assert.equal(res.body.error?.code, code, `expected code ${code}, got ${JSON.stringify(res.body)}`);
  assert.equal(typeof res.body.error.message, 'string');
  assert.ok(res.body.error.message.length > 0, 'error message is empty');
}

/** Asserts that `actual` holds at least the given fields with these values (the contract allows additions). */
export function assertFields(actual: unknown, expected: Record<string, unknown>, what = 'object'): void {
  assert.ok(actual !== null && typeof actual === 'object', `${what} is not an object: ${JSON.stringify(actual)}`);
  for (const [k, v] of Object.entries(expected)) {
    assert.ok(k in (actual as object), `${what} lacks "${k}": ${JSON.stringify(actual)}`);
    assert.deepEqual((actual as Record<string, unknown>)[k], v, `${what}.${k}`);
  }
}

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export interface AgentConnection {
  socket: Socket;
  /** The `chats:open` payload the server sends right after connecting. */
  chatsOpen: Promise<any>;
}

/**
 * Opens an /agent socket with a staff token, listening for `chats:open` before the connection
 * completes (so the first event is never missed). Rejects with the `connect_error`.
 */
export function connectAgent(
  url: string,
  token: unknown,
  opts: Record<string, unknown> = {},
): Promise<AgentConnection> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/agent`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...opts,
    });
    const chatsOpen = new Promise<any>((res) => socket.once('chats:open', res));
    socket.once('connect', () => resolve({ socket, chatsOpen }));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Resolves with the `connect_error` of a handshake that must be refused; fails the test if it connects. */
export async function refusedAtConnect(
  url: string,
  token: unknown,
  opts: Record<string, unknown> = {},
): Promise<Error & { description?: any; context?: any }> {
  try {
    const { socket } = await connectAgent(url, token, opts);
    socket.close();
  } catch (err) {
    return err as Error;
  }
  assert.fail('the /agent handshake was accepted but should have been refused');
}

/** Resolves with the disconnect reason, or rejects when the socket stays connected for `ms`. */
export function disconnected(socket: Socket, ms = 3000): Promise<string> {
  if (!socket.connected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket still connected after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
