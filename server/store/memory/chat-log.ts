import type { ChatPatch, ChatRecord, MessageRecord, QueueEntryRecord } from '../../domain/records.js';

/** One write of a chat transaction. A transaction's writes are committed together, in order. */
export type ChatOp =
  | { op: 'insertEntry'; entry: QueueEntryRecord }
  | { op: 'removeEntry'; id: string }
  | { op: 'insertChat'; chat: ChatRecord }
  | { op: 'updateChat'; patch: ChatPatch }
  | { op: 'insertMessage'; message: MessageRecord }
  | { op: 'passOver'; chatId: string; username: string; at: number };

/**
 * Where the one-node chat store keeps what it holds in memory (SQLite): it writes every change and
 * reads back what memory does not hold (ended chats, transcripts). Reads are synchronous.
 */
export interface ChatLog {
  /** Commits the writes as one transaction, after every write asked for before. */
  write(ops: ChatOp[]): Promise<void>;
  /** True when no write is waiting or being committed. */
  idle(): boolean;
  /** Resolves once the writes asked for so far have been committed (or have failed). */
  settled(): Promise<void>;
  /** The waiting queue (front segment first, each in order) and every chat not ended. */
  loadLive(): { queue: QueueEntryRecord[]; chats: ChatRecord[] };
  getChat(id: string): ChatRecord | undefined;
  chatByEntry(entryId: string): ChatRecord | undefined;
  transcript(chatId: string, afterSeq: number): MessageRecord[];
  messageByClientId(
    chatId: string,
    fromRole: MessageRecord['fromRole'],
    clientMsgId: string,
  ): MessageRecord | undefined;
  /** v2: see RoutingTx.passedOver. */
  passedOver(chatId: string): string[];
  /** v2: see ChatStore.unansweredChats (chats as committed). */
  unanswered(before: number): string[];
}
