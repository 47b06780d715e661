import { AppError } from '../protocol/errors.js';
import type { InviteBody, RegisterBody } from '../protocol/schemas.js';
import { inviteEmail } from '../mail/invite-email.js';
import { newSecretToken, sha256 } from '../security/random.js';
import type { AppDeps, Principal } from './deps.js';

export interface InviteResult {
  username: string;
  email: string;
  expiresAt: string;
  registerUrl: string;
  /** Added to the contract: how the e-mail left ("smtp" or "outbox"). */
  delivery: 'smtp' | 'outbox';
}

/** Creates a single-use invite (only the token's hash is stored) and mails the register link. */
export async function invite(deps: AppDeps, who: Principal, body: InviteBody): Promise<InviteResult> {
  const token = newSecretToken();
  const now = deps.now();
  const expiresAt = now + deps.config.inviteTtlHours * 3600_000;
  const created = await deps.store.createInvite(
    {
      tokenHash: sha256(token),
      username: body.username,
      name: body.name,
      email: body.email,
      invitedBy: who.username,
      createdAt: now,
      expiresAt,
      usedAt: null,
    },
    now,
  );
  if (!created)
    throw new AppError('conflict', `The username "${body.username}" is already taken or has a pending invite.`);
  const mail = inviteEmail({
    to: body.email,
    name: body.name,
    username: body.username,
    invitedBy: who.name,
    publicUrl: deps.publicUrl(),
    token,
    expiresAt: new Date(expiresAt),
  });
  let sent: Awaited<ReturnType<AppDeps['mailer']['send']>>;
  try {
    sent = await deps.mailer.send(mail);
  } catch (e) {
    deps.log.error({ err: e, username: body.username }, 'invite e-mail could not be sent');
    // An invite nobody received must not hold the username: withdraw it so the admin can retry.
    await deps.store.deleteInvite(sha256(token));
    throw new AppError(
      'unavailable',
      `The invite e-mail could not be sent, so the invite was withdrawn: ${(e as Error).message}`,
    );
  }
  deps.log.info({ username: body.username, via: sent.via, file: sent.file }, 'invite sent');
  return {
    username: body.username,
    email: body.email,
    expiresAt: new Date(expiresAt).toISOString(),
    registerUrl: mail.registerUrl,
    delivery: sent.via,
  };
}

/** Redeems an invite token: creates the agent account with the chosen password. */
export async function register(deps: AppDeps, body: RegisterBody): Promise<{ username: string }> {
  const hash = sha256(body.token);
  const now = deps.now();
  const inv = await deps.store.findInvite(hash);
  const gone = () =>
    new AppError('gone', 'This invite link is unknown, already used or expired. Ask your admin for a new one.');
  if (!inv || inv.usedAt !== null || inv.expiresAt <= now) throw gone();
  const passwordHash = await deps.passwords.hash(body.password);
  const ok = await deps.store
    .redeemInvite(
      hash,
      {
        username: inv.username,
        name: inv.name,
        email: inv.email,
        role: 'agent',
        passwordHash,
        status: 'offline',
        maxChats: null,
        createdAt: now,
      },
      now,
    )
    .catch(() => false);
  if (!ok) throw gone();
  deps.log.info({ username: inv.username }, 'agent registered');
  return { username: inv.username };
}
