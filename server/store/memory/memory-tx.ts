import type { RoutingTx, Staleness } from '../../app/ports/chat-store.js';
import type { ChatPatch, ChatRecord, MessageRecord, OpenChatRecord, QueueEntryRecord } from '../../domain/records.js';
import type { ChatLog, ChatOp } from './chat-log.js';
import type { MemoryState } from './state.js';

/**
 * A transaction of the one-node store: reads and changes memory at once (the transaction holds the
 * locks of what it touches, so nobody acts on what it changed before it ends), and collects the
 * writes, committed together at the end. `dirty`: memory changed beyond message numbers, so a
 * failure must rebuild memory from the log; `seqs` holds the numbers to put back otherwise.
 */
export class MemoryTx implements RoutingTx {
  readonly ops: ChatOp[] = [];
  dirty = false;
  private readonly held = new Map<string, Promise<() => void>>();
  /** Chat id → its lastSeq before this transaction's messages. */
  private readonly seqs = new Map<string, number>();

  constructor(
    private readonly s: MemoryState,
    private readonly log: ChatLog,
    private readonly acquire: (key: string) => Promise<() => void>,
  ) {}

  async lockChat(id: string): Promise<ChatRecord | undefined> {
    await this.lock(id);
    return this.read(id);
  }

  async messageByClientId(chatId: string, fromRole: MessageRecord['fromRole'], clientMsgId: string) {
    return this.log.messageByClientId(chatId, fromRole, clientMsgId);
  }

  async addMessages(messages: MessageRecord[]): Promise<void> {
    for (const m of messages) {
      const chat = this.s.book.get(m.chatId);
      if (chat && !this.seqs.has(m.chatId)) this.seqs.set(m.chatId, chat.lastSeq);
      this.s.book.raiseSeq(m.chatId, m.seq);
      // v2: an internal note is no message between the sides (--idle-close-after does not count it).
      if (!m.internal) this.s.lastActivity.set(m.chatId, Math.max(this.s.lastActivity.get(m.chatId) ?? 0, m.sentAt));
      this.ops.push({ op: 'insertMessage', message: m });
    }
  }

  async entry(id: string) {
    const entry = this.s.queue.get(id);
    return entry && { entry: { ...entry }, ahead: this.s.queue.ahead(id)! };
  }

  async head(): Promise<QueueEntryRecord | undefined> {
    const head = this.s.queue.head();
    return head && { ...head };
  }

  async removeEntry(id: string): Promise<void> {
    if (!this.s.queue.remove(id)) return;
    this.dirty = true;
    this.ops.push({ op: 'removeEntry', id });
  }

  async addFrontEntry(chat: { id: string; name: string }, now: number): Promise<void> {
    const entry = {
      id: chat.id,
      name: chat.name,
      joinedAt: now,
      front: true,
      position: ++this.s.positions.front,
      chatId: chat.id,
    };
    this.dirty = true;
    this.s.queue.joinFront(entry, now);
    this.ops.push({ op: 'insertEntry', entry });
  }

  async lockChatsOf(username: string): Promise<ChatRecord[]> {
    const ids = this.s.book.chatsOf(username).map((c) => c.id);
    for (const id of ids) await this.lock(id);
    // Read after the locks: a chat may have moved while this waited for one.
    return this.s.book.chatsOf(username).map((c) => ({ ...c }));
  }

  async chatsOf(username: string): Promise<ChatRecord[]> {
    return this.s.book.chatsOf(username).map((c) => ({ ...c }));
  }

  routable() {
    return this.s.routable();
  }

  async isAway(username: string, _liveAfter: number, goneBefore: number): Promise<boolean> {
    return this.s.isAway(username, goneBefore);
  }

  async insertChat(chat: ChatRecord): Promise<void> {
    this.dirty = true;
    if (chat.status !== 'ended') this.s.book.add(chat as OpenChatRecord);
    this.s.visitorSeen.set(chat.id, chat.startedAt);
    this.s.lastActivity.set(chat.id, chat.startedAt);
    this.ops.push({ op: 'insertChat', chat: { ...chat } });
  }

  async updateChat(patch: ChatPatch): Promise<void> {
    this.dirty = true;
    this.s.book.update(patch);
    if (patch.status === 'ended') {
      this.s.visitorSeen.delete(patch.id);
      this.s.lastActivity.delete(patch.id);
    }
    this.ops.push({ op: 'updateChat', patch: { ...patch } });
  }

  async markAssigned(username: string, now: number): Promise<void> {
    this.dirty = true;
    this.s.lastAssigned.set(username, now);
  }

  async staleness(chatId: string, limits: Staleness) {
    return this.s.staleness(chatId, limits);
  }

  async passedOver(chatId: string): Promise<string[]> {
    const pending = this.ops.flatMap((o) => (o.op === 'passOver' && o.chatId === chatId ? [o.username] : []));
    return [...this.log.passedOver(chatId), ...pending];
  }

  async addPassedOver(chatId: string, username: string, at: number): Promise<void> {
    this.ops.push({ op: 'passOver', chatId, username, at });
  }

  /** After a failure that changed only message numbers: puts them back. */
  restoreSeqs(): void {
    for (const [id, seq] of this.seqs) this.s.book.setSeq(id, seq);
  }

  release(): void {
    for (const held of this.held.values()) void held.then((release) => release());
    this.held.clear();
  }

  private read(id: string): ChatRecord | undefined {
    const open = this.s.book.get(id);
    return open ? { ...open } : this.log.getChat(id);
  }

  private async lock(id: string): Promise<void> {
    if (!this.held.has(id)) this.held.set(id, this.acquire(id));
    await this.held.get(id);
  }
}
