import { io, type Socket } from 'socket.io-client';

/** A real socket.io-client connection; resolves once connected, rejects with the connect_error. */
export function connect(
  url: string,
  namespace: '/agent' | '/visitor' | string,
  auth: Record<string, unknown>,
  opts: Record<string, unknown> = {},
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url + namespace, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...opts,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Resolves with the next `event` payload (optionally one matching `filter`), or rejects after `ms`. */
export function nextEvent<T = any>(
  socket: Socket,
  event: string,
  ms = 3000,
  filter: (p: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no "${event}" within ${ms} ms`));
    }, ms);
    const handler = (payload: T) => {
      if (!filter(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

/** Emits with an acknowledgement and resolves with the ack. */
export function emitAck<T = any>(socket: Socket, event: string, payload: unknown, ms = 3000): Promise<T> {
  return socket.timeout(ms).emitWithAck(event, payload) as Promise<T>;
}

/** Collects every `event` payload from now on. */
export function collect<T = any>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (p: T) => seen.push(p));
  return seen;
}

/** Connects and resolves with the first `event` the server sends on connect (e.g. chats:open, chat:history). */
export function connectFor<T = any>(
  url: string,
  namespace: string,
  auth: Record<string, unknown>,
  event: string,
  ms = 3000,
): Promise<{ socket: Socket; payload: T }> {
  return new Promise((resolve, reject) => {
    const socket = io(url + namespace, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    record(socket);
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no "${event}" within ${ms} ms of connecting to ${namespace}`));
    }, ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve({ socket, payload });
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
  });
}

const logs = new WeakMap<Socket, { event: string; payload: any }[]>();

/** Keeps every event the socket receives from now on (see `eventually`). */
export function record(socket: Socket): void {
  if (logs.has(socket)) return;
  const log: { event: string; payload: any }[] = [];
  logs.set(socket, log);
  socket.onAny((event: string, payload: unknown) => log.push({ event, payload }));
}

/**
 * Resolves with the first `event` matching `filter` that the socket received since it was
 * recorded, or that it receives within `ms`: for events that may arrive in the same packet batch
 * as the one a test was waiting for.
 */
export function eventually<T = any>(
  socket: Socket,
  event: string,
  filter: (p: T) => boolean = () => true,
  ms = 5000,
): Promise<T> {
  const seen = logs.get(socket)?.find((e) => e.event === event && filter(e.payload));
  if (seen) return Promise.resolve(seen.payload);
  return nextEvent(socket, event, ms, filter);
}
