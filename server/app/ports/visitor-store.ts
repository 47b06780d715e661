import type { RatingRecord, VisitorContextRecord } from '../../domain/visitor.js';

/**
 * Visitor context and ratings (contract v2). Stored beside the chat side: a context is keyed by the
 * queue entry the visitor joined with, which its chat keeps (`queueEntryId`) through requeues and
 * transfers; a rating by its chat. Every method is atomic on its own.
 */
export interface VisitorStore {
  /** Whether a context with this visitorId was ever stored (the id was given out by this server). */
  knownVisitor(visitorId: string): Promise<boolean>;
  saveContext(context: VisitorContextRecord): Promise<void>;
  contextOf(entryId: string): Promise<VisitorContextRecord | undefined>;
  /** Chats of this visitorId started before `startedBefore` (epoch ms). */
  previousChats(visitorId: string, startedBefore: number): Promise<number>;
  /** Resolves false when the chat has a rating already. */
  addRating(rating: RatingRecord): Promise<boolean>;
  ratingOf(chatId: string): Promise<RatingRecord | undefined>;
}
