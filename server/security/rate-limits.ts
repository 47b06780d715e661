import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../protocol/errors.js';
import type { Config } from '../config.js';

const FIFTEEN_MINUTES = 15 * 60;

/** The server's rate limits (rate-limiter-flexible, so a Redis limiter can replace memory later). */
export interface RateLimits {
  /** Throws `rate_limited` when this client address has joined the queue too often. */
  queueJoin(address: string): Promise<void>;
  /** Throws `rate_limited` past the per-sender message rate. */
  message(sender: string): Promise<void>;
  /** Throws `rate_limited` when too many logins failed recently for this username+address or address. */
  loginAllowed(username: string, address: string): Promise<void>;
  loginFailed(username: string, address: string): Promise<void>;
  loginSucceeded(username: string, address: string): Promise<void>;
}

const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

async function consume(limiter: RateLimiterAbstract, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      throw new AppError('rate_limited', `Too many ${what}; try again in ${retryAfter(e)} s.`, retryAfter(e));
    }
    throw e;
  }
}

export function createRateLimits(config: Config): RateLimits {
  const joins = new RateLimiterMemory({ keyPrefix: 'join', points: config.queueJoinsPerMinute, duration: 60 });
  const messages = new RateLimiterMemory({ keyPrefix: 'msg', points: config.messagesPerSecond, duration: 1 });
  const userFails = new RateLimiterMemory({ keyPrefix: 'login-user-addr', points: config.loginAttempts, duration: FIFTEEN_MINUTES });
  // One account tried from many addresses (a spread-out guess at one password).
  const accountFails = new RateLimiterMemory({ keyPrefix: 'login-user', points: config.loginAttempts * 10, duration: FIFTEEN_MINUTES });
  // Backoff: each lockout of the same username+address within a day doubles the next one.
  const lockouts = new RateLimiterMemory({ keyPrefix: 'login-lockouts', points: 1_000_000, duration: 24 * 3600 });
  // One address may try several usernames, but not endlessly.
  const addressFails = new RateLimiterMemory({ keyPrefix: 'login-addr', points: config.loginAttempts * 10, duration: FIFTEEN_MINUTES });
  const userKey = (u: string, a: string) => `${u.toLowerCase()}|${a}`;

  const blocked = async (limiter: RateLimiterMemory, key: string, points: number) => {
    const res = await limiter.get(key);
    if (res && res.consumedPoints >= points) {
      throw new AppError('rate_limited', `Too many failed logins; try again in ${retryAfter(res)} s.`, retryAfter(res));
    }
  };

  return {
    queueJoin: (address) => consume(joins, address, 'queue joins from this address'),
    message: (sender) => consume(messages, sender, 'messages'),
    async loginAllowed(username, address) {
      await blocked(userFails, userKey(username, address), config.loginAttempts);
      await blocked(accountFails, username.toLowerCase(), config.loginAttempts * 10);
      await blocked(addressFails, address, config.loginAttempts * 10);
    },
    async loginFailed(username, address) {
      const key = userKey(username, address);
      const res = await userFails.penalty(key, 1);
      if (res.consumedPoints === config.loginAttempts) {
        const n = (await lockouts.penalty(key, 1)).consumedPoints;
        if (n > 1) await userFails.block(key, Math.min(24 * 3600, FIFTEEN_MINUTES * 2 ** (n - 1)));
      }
      await accountFails.penalty(username.toLowerCase(), 1);
      await addressFails.penalty(address, 1);
    },
    async loginSucceeded(username, address) {
      await userFails.delete(userKey(username, address));
    },
  };
}
