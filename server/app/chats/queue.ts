import type { OutEvent } from '../events.js';
import type { ChatCtx } from './context.js';
import { dispatch } from './dispatch.js';
import { queueGone } from './errors.js';
import { assertOpen } from '../availability.js';
import { agentsOnline } from './routing.js';
import { estimateFor } from './wait-estimate.js';
import { saveVisitorContext, type ClientHints, type VisitorJoin } from './visitors.js';

/**
 * Appends a visitor to the back of the queue; the queue token's jti is the entry id. `ahead`
 * counts the entries committed before (with several nodes, a join committing on another node in
 * the same instant may be missing from it; the next status poll counts it).
 */
export async function joinQueue(
  ctx: ChatCtx,
  name: string,
  address: string,
  visitor: VisitorJoin = {},
  hints: ClientHints = {},
) {
  const { deps } = ctx;
  assertOpen(deps);
  await deps.limits.queueJoin(address);
  const id = deps.newId();
  // v2: the visitor's context, stored before anyone can start a chat from the entry.
  const visitorId = await saveVisitorContext(ctx, id, visitor, hints);
  const [ahead, { token }] = await Promise.all([
    ctx.store.join({ id, name, joinedAt: deps.now() }),
    deps.tokens.sign('queue', { name, jti: id }),
  ]);
  return { queueToken: token, ahead, visitorId, estimatedWaitSeconds: await estimateFor(ctx, ahead) };
}

/** The queue entry a queue token stands for. */
export async function entryOf(ctx: ChatCtx, queueToken: string | undefined) {
  if (!queueToken) throw queueGone();
  return (await ctx.deps.tokens.verify('queue', queueToken)).jti;
}

/** `{ahead, agentsOnline, estimatedWaitSeconds}`. Counts as a sign of life. */
export async function queueStatus(ctx: ChatCtx, queueToken: string | undefined) {
  const id = await entryOf(ctx, queueToken);
  const ahead = await ctx.store.poll(id, ctx.deps.now());
  if (ahead === undefined) throw queueGone();
  const [online, estimatedWaitSeconds] = await Promise.all([agentsOnline(ctx), estimateFor(ctx, ahead)]);
  return { ahead, agentsOnline: online, estimatedWaitSeconds };
}

/** A visitor leaves the queue on purpose (added to the contract: DELETE /api/queue). */
export async function leaveQueue(ctx: ChatCtx, queueToken: string | undefined): Promise<OutEvent[]> {
  const id = await entryOf(ctx, queueToken);
  if (!(await ctx.store.removeFreshEntry(id))) throw queueGone();
  return dispatch(ctx);
}

/**
 * Drops fresh visitors without a sign of life for --abandon-after (a status poll, or a /queue
 * connection on any node). Requeued chats never expire.
 */
export async function abandonExpired(ctx: ChatCtx): Promise<OutEvent[]> {
  const dropped = await ctx.store.dropAbandoned(ctx.deps.now() - ctx.deps.config.abandonAfter * 1000);
  if (!dropped) return [];
  ctx.deps.log.info({ dropped }, 'abandoned queue entries dropped');
  return dispatch(ctx);
}
