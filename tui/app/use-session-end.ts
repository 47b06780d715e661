import { useCallback, useMemo, useRef } from 'react';
import { ApiError } from '../client/errors.js';
import { tokenExpired } from '../client/token-expiry.js';
import type { StaffApi } from './backend.js';

/** Why the server no longer honours the session (`revoked`: it did not say why). */
export type EndReason = 'expired' | 'revoked' | 'logout' | 'account_deleted';

const WHY: Record<EndReason, string> = {
  expired: 'it expired',
  revoked: 'logged out elsewhere, or the account was removed',
  logout: 'logged out elsewhere',
  account_deleted: 'your account was removed',
};

export const endedMessage = (why: EndReason): string => `Your session ended (${WHY[why]}). Log in again.`;

const refused = (e: unknown) => e instanceof ApiError && e.status === 401;

/**
 * The session as long as the server honours its token: `end` leaves for the login screen once,
 * with why; `api` is the StaffApi whose every 401 answer ends the session (the server revoked or
 * expired the token while the app ran).
 */
export function useSessionEnd(
  api: StaffApi,
  token: string,
  onSignedOut: (message: string) => void,
): {
  end: (why?: EndReason) => void;
  /** Leaving on purpose (logging out): the server's closing the session then says nothing; undone on failure. */
  leaving: (on: boolean) => void;
  api: StaffApi;
  refused: (e: unknown) => boolean;
} {
  const ended = useRef(false);
  const leaving = useCallback((on: boolean) => {
    ended.current = on;
  }, []);
  const end = useCallback(
    (why?: EndReason) => {
      if (ended.current) return;
      ended.current = true;
      onSignedOut(endedMessage(why ?? (tokenExpired(token) ? 'expired' : 'revoked')));
    },
    [token, onSignedOut],
  );
  const guarded = useMemo(() => {
    const guard = <T>(p: Promise<T>): Promise<T> =>
      p.catch((e: unknown) => {
        if (refused(e)) end();
        throw e;
      });
    return new Proxy(api, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || prop === 'logout') return value;
        return (...args: unknown[]) => {
          const result: unknown = value.apply(target, args);
          return result instanceof Promise ? guard(result) : result;
        };
      },
    });
  }, [api, end]);
  return { end, leaving, api: guarded, refused };
}
