/**
 * When a staff token expires (ms since the epoch), read from its JWT `exp` claim without verifying
 * it: only to word "your session ended" right. Undefined when the token is not a readable JWT.
 */
export function tokenExpiresAt(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export const tokenExpired = (token: string, now = Date.now()): boolean => (tokenExpiresAt(token) ?? Infinity) <= now;
