import { AppError } from '../protocol/errors.js';
import type { InviteBody, RegisterBody } from '../protocol/schemas.js';
import { inviteEmail } from '../mail/invite-email.js';
import { newSecretToken, sha256 } from '../security/random.js';
import type { InviteRecord } from '../domain/records.js';
import type { PendingInvite } from '../protocol/models.js';
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
  const record: InviteRecord = {
    tokenHash: sha256(token),
    username: body.username,
    name: body.name,
    email: body.email,
    invitedBy: who.username,
    createdAt: now,
    expiresAt: now + deps.config.inviteTtlHours * 3600_000,
    usedAt: null,
  };
  if (!(await deps.store.createInvite(record, now))) {
    throw new AppError('conflict', `The username "${body.username}" is already taken or has a pending invite.`);
  }
  return mailInvite(deps, who, record, token, 'invite sent');
}

/** A pending invite again, with a new link (the old one stops working) and a new e-mail. */
export async function resendInvite(deps: AppDeps, who: Principal, username: string): Promise<InviteResult> {
  const token = newSecretToken();
  const now = deps.now();
  const renewed = await deps.store.renewInvite(
    username,
    sha256(token),
    now,
    now + deps.config.inviteTtlHours * 3600_000,
  );
  if (!renewed) throw noPendingInvite(username);
  return mailInvite(deps, who, renewed, token, 'invite resent');
}

/** The invites not used yet and not expired, oldest first. */
export async function listInvites(deps: AppDeps): Promise<PendingInvite[]> {
  return (await deps.store.listPendingInvites(deps.now())).map((i) => ({
    username: i.username,
    name: i.name,
    email: i.email,
    invitedBy: i.invitedBy,
    createdAt: new Date(i.createdAt).toISOString(),
    expiresAt: new Date(i.expiresAt).toISOString(),
  }));
}

/** Withdraws the pending invite of a username: its link stops working and the name is free again. */
export async function revokeInvite(deps: AppDeps, who: Principal, username: string): Promise<void> {
  if (!(await deps.store.revokeInvites(username, deps.now()))) throw noPendingInvite(username);
  deps.log.info({ username, actor: who.username }, 'invite revoked');
}

const noPendingInvite = (username: string) => new AppError('not_found', `No pending invite for "${username}".`);

/** Mails the register link of an invite; an invite nobody received must not hold the username. */
async function mailInvite(
  deps: AppDeps,
  who: Principal,
  inv: InviteRecord,
  token: string,
  what: string,
): Promise<InviteResult> {
  const mail = inviteEmail({
    to: inv.email,
    name: inv.name,
    username: inv.username,
    invitedBy: who.name,
    publicUrl: deps.publicUrl(),
    token,
    expiresAt: new Date(inv.expiresAt),
  });
  let sent: Awaited<ReturnType<AppDeps['mailer']['send']>>;
  try {
    sent = await deps.mailer.send(mail);
  } catch (e) {
    deps.log.error({ err: e, username: inv.username, actor: who.username }, 'invite e-mail could not be sent');
    await deps.store.deleteInvite(sha256(token));
    throw new AppError(
      'unavailable',
      `The invite e-mail could not be sent, so the invite was withdrawn: ${(e as Error).message}`,
    );
  }
  deps.log.info({ username: inv.username, actor: who.username, via: sent.via, file: sent.file }, what);
  return {
    username: inv.username,
    email: inv.email,
    expiresAt: new Date(inv.expiresAt).toISOString(),
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
