import { offlineReplyEmail } from '../mail/offline-reply-email.js';
import { AppError } from '../protocol/errors.js';
import type { OfflineMessage, OfflineMessageBody, OfflineMessageStatus } from '../protocol/offline-messages.js';
import type { AppDeps, Principal } from './deps.js';
import { type OutEvent, toAgent } from './events.js';
import type { OfflineMessageRecord } from './ports/offline-messages.js';

/** Contract v2, "Leave a message": visitors leave one; staff list, reply by e-mail and close them. */

export function offlineMessageView(m: OfflineMessageRecord): OfflineMessage {
  return {
    id: m.id,
    name: m.name,
    email: m.email,
    body: m.body,
    ...(m.page ? { page: m.page } : {}),
    createdAt: new Date(m.createdAt).toISOString(),
    status: m.status,
    replies: m.replies.map((r) => ({
      body: r.body,
      by: { username: r.byUsername, name: r.byName },
      sentAt: new Date(r.sentAt).toISOString(),
    })),
  };
}

const unknown = (id: string) => new AppError('not_found', `No message with id "${id}".`);

/**
 * A visitor leaves a message (limited per address like queue joins); every staff account hears of
 * it live. `language`: the e-mail language picked from Accept-Language, for the reply.
 */
export async function leaveOfflineMessage(
  deps: AppDeps,
  body: OfflineMessageBody,
  o: { address: string; language: string | undefined },
): Promise<{ value: { id: string }; events: OutEvent[] }> {
  await deps.limits.offlineMessage(o.address);
  const record: OfflineMessageRecord = {
    id: deps.newId(),
    name: body.name,
    email: body.email,
    body: body.body,
    page: body.page && Object.keys(body.page).length ? body.page : null,
    locale: o.language ?? null,
    createdAt: deps.now(),
    status: 'open',
    replies: [],
  };
  await deps.offlineMessages.add(record);
  deps.log.info({ offlineMessageId: record.id }, 'offline message left');
  const message = offlineMessageView(record);
  const staff = await deps.store.listAccounts();
  return { value: { id: record.id }, events: staff.map((a) => toAgent(a.username, 'offline-message', { message })) };
}

/** Newest first; `all` or one status (default `open`). */
export async function listOfflineMessages(
  deps: AppDeps,
  status: OfflineMessageStatus | 'all' = 'open',
  limit = 100,
): Promise<OfflineMessage[]> {
  const rows = await deps.offlineMessages.list(status === 'all' ? undefined : status, limit);
  return rows.map(offlineMessageView);
}

export async function getOfflineMessage(deps: AppDeps, id: string): Promise<OfflineMessage> {
  const m = await deps.offlineMessages.get(id);
  if (!m) throw unknown(id);
  return offlineMessageView(m);
}

/**
 * E-mails a reply to the visitor, then stores it (status `answered`). A closed message takes no
 * reply (409 `conflict`: reopen nothing by accident). When the mail cannot be sent, nothing is
 * stored (503 `unavailable`) and the agent may try again.
 */
export async function replyToOfflineMessage(
  deps: AppDeps,
  who: Principal,
  id: string,
  body: string,
): Promise<OfflineMessage> {
  const m = await deps.offlineMessages.get(id);
  if (!m) throw unknown(id);
  if (m.status === 'closed') throw closedConflict(id);
  const mail = offlineReplyEmail({
    to: m.email,
    visitorName: m.name,
    agentName: who.name,
    reply: body,
    original: m.body,
    language: m.locale,
  });
  let via: string;
  try {
    via = (await deps.mailer.send(mail)).via;
  } catch (e) {
    deps.log.error({ err: e, offlineMessageId: id, actor: who.username }, 'reply e-mail could not be sent');
    throw new AppError('unavailable', `The reply could not be e-mailed, so it was not stored: ${(e as Error).message}`);
  }
  const now = await deps.offlineMessages.addReply(id, {
    body,
    byUsername: who.username,
    byName: who.name,
    sentAt: deps.now(),
  });
  if (!now) throw unknown(id);
  deps.log.info({ offlineMessageId: id, actor: who.username, via }, 'offline message answered');
  return offlineMessageView(now);
}

const closedConflict = (id: string) =>
  new AppError('conflict', `The message "${id}" is closed; it takes no more replies.`);

export async function closeOfflineMessage(deps: AppDeps, who: Principal, id: string): Promise<void> {
  if (!(await deps.offlineMessages.close(id))) throw unknown(id);
  deps.log.info({ offlineMessageId: id, actor: who.username }, 'offline message closed');
}
