import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { Logger } from 'pino';

/** A Redis connection for a node that shares its sockets' events and its rate limits with other nodes. */
export interface RedisLink {
  /** For commands (rate limits) and for publishing socket events. */
  client: Redis;
  /** Makes `io` use the Redis adapter: an emit to a room, or disconnectSockets, reaches every node. */
  attach(io: Server): void;
  close(): Promise<void>;
}

/** The URL with its password hidden, for messages. */
export const redactedRedisUrl = (url: string) => url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');

async function open(client: Redis, url: string, lastError: () => Error | undefined): Promise<void> {
  try {
    await client.connect();
  } catch (e) {
    client.disconnect();
    // connect() rejects with "Connection is closed."; the error event before it says why.
    throw new Error(`cannot connect to Redis at ${redactedRedisUrl(url)}: ${(lastError() ?? (e as Error)).message}`);
  }
}

/** Connects (a command/publish client and a subscriber) and fails at once when Redis cannot be reached. */
export async function connectRedis(url: string, log: Logger): Promise<RedisLink> {
  // lazyConnect: connect() below reports the first failure instead of retrying in the background.
  const client = new Redis(url, { lazyConnect: true, connectionName: 'switchboard' });
  const subscriber = client.duplicate();
  let lastWarned = 0;
  let connected = false;
  let lastError: Error | undefined;
  const onError = (e: Error) => {
    lastError = e;
    // ioredis reconnects by itself; say so now and then, not on every retry.
    if (connected && Date.now() - lastWarned > 10_000) {
      lastWarned = Date.now();
      log.warn({ err: e.message, redis: redactedRedisUrl(url) }, 'redis connection error');
    }
  };
  client.on('error', onError);
  subscriber.on('error', onError);
  await open(client, url, () => lastError);
  try {
    await open(subscriber, url, () => lastError);
  } catch (e) {
    client.disconnect();
    throw e;
  }
  connected = true;
  let closing: Promise<void> | undefined;
  return {
    client,
    attach(io) {
      io.adapter(createAdapter(client, subscriber, { key: 'switchboard' }));
    },
    close() {
      closing ??= (async () => {
        await Promise.allSettled([client.quit(), subscriber.quit()]);
        client.disconnect();
        subscriber.disconnect();
      })();
      return closing;
    },
  };
}
