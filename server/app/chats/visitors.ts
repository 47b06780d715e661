import type { ChatRecord } from '../../domain/records.js';
import { cutUserAgent, firstLocale, visitorView, type RatingRecord } from '../../domain/visitor.js';
import { AppError } from '../../protocol/errors.js';
import type { PageInfo, RatingView, VisitorAttributes, VisitorView } from '../../protocol/visitor-context.js';
import { toAgent, type Outcome } from '../events.js';
import type { ChatCtx } from './context.js';

/** What a visitor tells about itself when it joins (contract v2), besides its name. */
export interface VisitorJoin {
  email?: string;
  page?: PageInfo;
  attributes?: VisitorAttributes;
  visitorId?: string;
}

/** What the server reads of the request itself (never the address). */
export interface ClientHints {
  userAgent?: string;
  acceptLanguage?: string;
}

/**
 * Stores the context of a new queue entry and resolves its visitorId: the one sent back when this
 * server gave it out before (a stored context has it), else a new one.
 */
export async function saveVisitorContext(
  ctx: ChatCtx,
  entryId: string,
  join: VisitorJoin,
  hints: ClientHints,
): Promise<string> {
  const { deps } = ctx;
  const store = deps.visitorStore;
  const known = join.visitorId !== undefined && (await store.knownVisitor(join.visitorId));
  const visitorId = known ? join.visitorId! : deps.newId();
  await store.saveContext({
    entryId,
    visitorId,
    email: join.email ?? null,
    page: join.page && Object.keys(join.page).length ? join.page : null,
    attributes: join.attributes && Object.keys(join.attributes).length ? join.attributes : null,
    userAgent: cutUserAgent(hints.userAgent),
    locale: firstLocale(hints.acceptLanguage),
    createdAt: deps.now(),
  });
  return visitorId;
}

/** What staff see of a chat's visitor. */
export async function visitorOf(
  ctx: Pick<ChatCtx, 'deps'>,
  chat: Pick<ChatRecord, 'visitorName' | 'queueEntryId' | 'startedAt'>,
): Promise<VisitorView> {
  const store = ctx.deps.visitorStore;
  const context = await store.contextOf(chat.queueEntryId);
  const previous = context ? await store.previousChats(context.visitorId, chat.startedAt) : 0;
  return visitorView(chat, context, previous);
}

export const ratingView = (r: RatingRecord): RatingView => ({
  score: r.score,
  ...(r.comment !== null ? { comment: r.comment } : {}),
  ratedAt: new Date(r.ratedAt).toISOString(),
});

/** The agent who held a chat last, from its transcript (a chat that ended while back in the queue). */
async function lastAgentOf(ctx: ChatCtx, chatId: string): Promise<string | null> {
  const transcript = await ctx.store.getTranscript(chatId);
  for (let i = transcript.length - 1; i >= 0; i--) {
    const m = transcript[i]!;
    const username = m.fromRole === 'agent' ? m.fromUsername : m.toRole === 'agent' ? m.toUsername : null;
    if (username) return username;
  }
  return null;
}

/**
 * A visitor rates its chat once it has ended (user token). The agent who held it last hears
 * `chat:rated`. A second rating, or a rating of a chat still open, is a `conflict`.
 */
export async function rateChat(
  ctx: ChatCtx,
  userToken: string | undefined,
  input: { score: number; comment?: string },
): Promise<Outcome<{ rating: RatingView }>> {
  const { deps } = ctx;
  if (!userToken) throw new AppError('unauthorized', 'A user token is required.');
  const { chatId } = await deps.tokens.verify('user', userToken);
  const chat = await ctx.store.getChat(chatId);
  if (!chat) throw new AppError('gone', 'This chat no longer exists.');
  if (chat.status !== 'ended') throw new AppError('conflict', 'A chat can be rated once it has ended.');
  const comment = input.comment?.trim() ? input.comment : null;
  const rating: RatingRecord = { chatId, score: input.score, comment, ratedAt: deps.now() };
  if (!(await deps.visitorStore.addRating(rating))) throw new AppError('conflict', 'This chat is rated already.');
  deps.log.info({ chatId, score: rating.score }, 'chat rated');
  const view = ratingView(rating);
  const to = chat.agentUsername ?? (await lastAgentOf(ctx, chatId));
  const events = to
    ? [
        toAgent(to, 'chat:rated', {
          chatId,
          score: rating.score,
          ...(view.comment !== undefined ? { comment: view.comment } : {}),
        }),
      ]
    : [];
  return { value: { rating: view }, events };
}
