import { AppError } from '../protocol/errors.js';
import { LIMITS } from '../protocol/limits.js';
import type { Me, StaffUser, Status } from '../protocol/models.js';
import type { LoginBody } from '../protocol/schemas.js';
import { TokenRefused } from '../security/tokens.js';
import type { AppDeps, Principal } from './deps.js';
import { disconnectSession, outcome, toAgent, toSession, type Outcome } from './events.js';
import type { Routing } from './routing-port.js';
import { meView } from './views.js';

const UNAUTHORIZED = 'Missing, invalid, expired or revoked token.';

/**
 * A staff token is honoured while its signature holds and its session has not been ended. A refusal
 * is a TokenRefused (`unauthorized`) that keeps the reason for the log.
 */
export async function authenticateStaff(deps: AppDeps, token: string | undefined): Promise<Principal> {
  if (!token) throw new TokenRefused('missing', UNAUTHORIZED);
  const claims = await deps.tokens.verify('staff', token);
  const session = await deps.store.getSession(claims.jti);
  if (!session || session.username !== claims.sub) throw new TokenRefused('revoked', UNAUTHORIZED);
  const account = await deps.store.getAccount(claims.sub);
  if (!account) throw new TokenRefused('revoked', UNAUTHORIZED);
  return { username: account.username, name: account.name, role: account.role, jti: claims.jti, exp: claims.exp };
}

/**
 * Checks the password, opens a session and sets the account online; if it already holds a live
 * /agent connection it may take chats at once, so waiting ones are handed out. Every outcome is
 * logged with the client address; a failure with its reason (never the password).
 */
export async function login(
  deps: AppDeps,
  routing: Routing,
  body: LoginBody,
  address: string,
): Promise<Outcome<{ token: string; user: StaffUser }>> {
  const username = body.username.trim().toLowerCase();
  await deps.limits.loginAllowed(username, address);
  const account = await deps.store.getAccount(username);
  // bcrypt reads only 72 bytes: a longer password never matches (it would match its own prefix).
  const tooLong = Buffer.byteLength(body.password, 'utf8') > LIMITS.passwordMaxBytes;
  const ok =
    account && !tooLong
      ? await deps.passwords.verify(body.password, account.passwordHash)
      : await deps.passwords.verifyDummy(body.password);
  if (!account || !ok) {
    const reason = !account ? 'unknown_user' : tooLong ? 'password_too_long' : 'wrong_password';
    deps.log.warn({ username, address, reason }, 'login failed');
    const { lockedFor } = await deps.limits.loginFailed(username, address);
    if (lockedFor !== undefined) deps.log.warn({ username, address, seconds: lockedFor }, 'login locked out');
    throw new AppError('unauthorized', 'Wrong username or password.');
  }
  await deps.limits.loginSucceeded(username, address);
  const signed = await deps.tokens.sign('staff', { sub: account.username, name: account.name, role: account.role });
  await deps.store.createSession({
    jti: signed.jti,
    username: account.username,
    createdAt: deps.now(),
    expiresAt: signed.exp,
  });
  await deps.store.updateAccount(account.username, { status: 'online' });
  deps.log.info({ username: account.username, address }, 'login');
  const user = { username: account.username, name: account.name, role: account.role };
  const status = toAgent(account.username, 'agent:status', { status: 'online' });
  return outcome({ token: signed.token, user }, [status, ...(await routing.dispatch())]);
}

/**
 * Ends this session, sets the account offline, sends its open chats to the front of the queue
 * and closes the session's sockets.
 */
export async function logout(deps: AppDeps, routing: Routing, who: Principal): Promise<Outcome<void>> {
  await deps.store.deleteSession(who.jti);
  await deps.store.updateAccount(who.username, { status: 'offline' });
  deps.log.info({ username: who.username }, 'logout');
  const requeued = await routing.requeueChatsOf(who.username);
  const told = toSession(who.jti, 'auth:revoked', { reason: 'logout' });
  return outcome(undefined, [...requeued, told, disconnectSession(who.jti)]);
}

/**
 * Hands the agent's open chats back to the front of the queue and sets it offline, keeping the
 * session (the TUI's "hand them back and quit"). Resolves how many chats went back.
 */
export async function handBack(
  deps: AppDeps,
  routing: Routing,
  who: Principal,
): Promise<Outcome<{ status: Status; handedBack: number }>> {
  await deps.store.updateAccount(who.username, { status: 'offline' });
  const held = await deps.chatStore.openChatsOf(who.username);
  const requeued = await routing.requeueChatsOf(who.username);
  deps.log.info({ username: who.username, chats: held }, 'chats handed back');
  const status = toAgent(who.username, 'agent:status', { status: 'offline' });
  return outcome({ status: 'offline' as const, handedBack: held }, [status, ...requeued]);
}

/** Online or offline; going online may hand out waiting chats at once. Offline keeps current chats. */
export async function setStatus(
  deps: AppDeps,
  routing: Routing,
  who: Principal,
  status: Status,
): Promise<Outcome<{ status: Status }>> {
  await deps.store.updateAccount(who.username, { status });
  const events = [toAgent(who.username, 'agent:status', { status })];
  if (status === 'online') events.push(...(await routing.dispatch()));
  return outcome({ status }, events);
}

export async function me(deps: AppDeps, who: Principal): Promise<Me> {
  const account = await deps.store.getAccount(who.username);
  if (!account) throw new AppError('unauthorized', UNAUTHORIZED);
  return meView(deps, account);
}
