import { AppError } from '../protocol/errors.js';

/** What the transfer rule looks at: the target account and whether it can take one more chat now. */
export interface TransferTarget {
  username: string;
  /** undefined: no such account. */
  account: { name: string } | undefined;
  /** Online and connected (routable). */
  ready: boolean;
  openChats: number;
  maxChats: number;
}

/**
 * Why a transfer from `actor` to `target` is refused, if it is: the target must exist, not be the
 * sender, be online with a live connection, and be below its maxChats.
 */
export function transferRefusal(actor: { username: string }, target: TransferTarget): AppError | undefined {
  const { account } = target;
  if (!account) return new AppError('not_found', `No agent "${target.username}".`);
  if (target.username === actor.username) return new AppError('conflict', 'You already hold this chat.');
  if (!target.ready)
    return new AppError('conflict', `${account.name} cannot take chats now (offline or not connected).`);
  if (target.openChats >= target.maxChats)
    return new AppError('conflict', `${account.name} is at their limit of open chats.`);
  return undefined;
}
