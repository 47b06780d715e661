import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppError } from '../protocol/errors.js';
import type { Config } from '../config.js';
import { createSampler } from '../log.js';

const FIFTEEN_MINUTES = 15 * 60;

/**
 * The server's rate limits (rate-limiter-flexible): in this process's memory, or in Redis so every
 * node shares them.
 */
export interface RateLimits {
  /** Throws `rate_limited` when this client address has joined the queue too often. */
  queueJoin(address: string): Promise<void>;
  /** Throws `rate_limited` past the per-sender message rate. */
  message(sender: string): Promise<void>;
  /** Throws `rate_limited` when this client address has left too many offline messages (same rate as joins). */
  offlineMessage(address: string): Promise<void>;
  /** Throws `rate_limited` when too many logins failed recently for this username+address or address. */
  loginAllowed(username: string, address: string): Promise<void>;
  /** Counts a failure; tells whether it started a lockout of this username+address (and for how long). */
  loginFailed(username: string, address: string): Promise<{ lockedFor?: number }>;
  loginSucceeded(username: string, address: string): Promise<void>;
}

const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Which limit refused, for the log. */
type LimitName = 'queue_join' | 'message' | 'login' | 'offline_message';
type OnLimited = (limit: LimitName, key: string, fields: Record<string, string | number>) => void;

async function consume(
  limiter: RateLimiterAbstract,
  key: string,
  what: string,
  limited: (retryAfter: number) => void,
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      limited(retryAfter(e));
      throw new AppError('rate_limited', `Too many ${what}; try again in ${retryAfter(e)} s.`, retryAfter(e));
    }
    throw e;
  }
}

/**
 * A line per refusal, at most one per limit and key per minute (a flood must not flood the log);
 * `skipped` counts the refusals not logged since the last line.
 */
function limitedLog(log: Logger | undefined): OnLimited {
  if (!log) return () => {};
  const sampler = createSampler();
  return (limit, key, fields) => {
    const taken = sampler.take(`${limit}|${key}`);
    if (taken) log.warn({ limit, ...fields, ...(taken.skipped ? { skipped: taken.skipped } : {}) }, 'rate limited');
  };
}

/** Where the counters live: `memory` (one node) or a Redis client (shared by every node using that Redis). */
export type RateLimitStore = 'memory' | Redis;

/**
 * `loginWindowSeconds`: the failed-login window (15 min; shorter only in tests). `log`: where
 * refusals are reported (sampled), by limit and key: the client address, the sender
 * (`visitor:<chatId>`, `agent:<username>`), the username and address of a login.
 */
export function createRateLimits(
  config: Config,
  store: RateLimitStore = 'memory',
  o: { loginWindowSeconds?: number; log?: Logger } = {},
): RateLimits {
  const window = o.loginWindowSeconds ?? FIFTEEN_MINUTES;
  const limited = limitedLog(o.log);
  const limiter = (o: IRateLimiterOptions & { keyPrefix: string }): RateLimiterAbstract =>
    store === 'memory'
      ? new RateLimiterMemory(o)
      : new RateLimiterRedis({ ...o, keyPrefix: `switchboard:${o.keyPrefix}`, storeClient: store });
  const joins = limiter({ keyPrefix: 'join', points: config.queueJoinsPerMinute, duration: 60 });
  const messages = limiter({ keyPrefix: 'msg', points: config.messagesPerSecond, duration: 1 });
  const offline = limiter({ keyPrefix: 'offline', points: config.queueJoinsPerMinute, duration: 60 });
  const userFails = limiter({ keyPrefix: 'login-user-addr', points: config.loginAttempts, duration: window });
  // One account tried from many addresses (a spread-out guess at one password).
  const accountFails = limiter({ keyPrefix: 'login-user', points: config.loginAttempts * 10, duration: window });
  // Backoff: each lockout of the same username+address within a day doubles the next one.
  const lockouts = limiter({ keyPrefix: 'login-lockouts', points: 1_000_000, duration: 24 * 3600 });
  // One address may try several usernames, but not endlessly.
  const addressFails = limiter({ keyPrefix: 'login-addr', points: config.loginAttempts * 10, duration: window });
  const userKey = (u: string, a: string) => `${u.toLowerCase()}|${a}`;

  /** `by`: which count is used up (the username+address, the account from any address, the address). */
  const blocked = async (
    limiter: RateLimiterAbstract,
    key: string,
    points: number,
    by: string,
    who: { username: string; address: string },
  ) => {
    const res = await limiter.get(key);
    if (res && res.consumedPoints >= points) {
      limited('login', `${by}|${key}`, {
        by,
        username: who.username,
        address: who.address,
        retryAfter: retryAfter(res),
      });
      throw new AppError('rate_limited', `Too many failed logins; try again in ${retryAfter(res)} s.`, retryAfter(res));
    }
  };

  return {
    queueJoin: (address) =>
      consume(joins, address, 'queue joins from this address', (s) =>
        limited('queue_join', address, { address, retryAfter: s }),
      ),
    offlineMessage: (address) =>
      consume(offline, address, 'messages left from this address', (s) =>
        limited('offline_message', address, { address, retryAfter: s }),
      ),
    message: (sender) =>
      consume(messages, sender, 'messages', (s) => limited('message', sender, { sender, retryAfter: s })),
    async loginAllowed(username, address) {
      const who = { username: username.toLowerCase(), address };
      await blocked(userFails, userKey(username, address), config.loginAttempts, 'username+address', who);
      await blocked(accountFails, username.toLowerCase(), config.loginAttempts * 10, 'username', who);
      await blocked(addressFails, address, config.loginAttempts * 10, 'address', who);
    },
    async loginFailed(username, address) {
      const key = userKey(username, address);
      const res = await userFails.penalty(key, 1);
      let lockedFor: number | undefined;
      if (res.consumedPoints === config.loginAttempts) {
        const n = (await lockouts.penalty(key, 1)).consumedPoints;
        lockedFor = Math.min(24 * 3600, window * 2 ** (n - 1));
        if (n > 1) await userFails.block(key, lockedFor);
        else lockedFor = retryAfter(res);
      }
      await accountFails.penalty(username.toLowerCase(), 1);
      await addressFails.penalty(address, 1);
      return lockedFor === undefined ? {} : { lockedFor };
    },
    async loginSucceeded(username, address) {
      await userFails.delete(userKey(username, address));
    },
  };
}
