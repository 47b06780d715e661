import { ChatBook } from '../../domain/chat-book.js';
import { WaitingQueue } from '../../domain/queue.js';
import type { AccountRecord, OpenChatRecord, QueueEntryRecord } from '../../domain/records.js';
import type { RoutableAgent, StaleReason, Staleness } from '../../app/ports/chat-store.js';
import type { ChatLog } from './chat-log.js';

/** What one node keeps in memory: the queue (O(log n) places), the open chats, who is connected. */
export class MemoryState {
  queue = new WaitingQueue<QueueEntryRecord>();
  book = new ChatBook();
  positions = { front: 0, back: 0 };
  /** Per account: connected on this node, or when its last connection closed. */
  readonly presence = new Map<string, { connected: boolean; leftAt: number | null }>();
  readonly lastAssigned = new Map<string, number>();
  /** Per open chat: when its visitor was last seen, and its last message (restored as "now"). */
  readonly visitorSeen = new Map<string, number>();
  readonly lastActivity = new Map<string, number>();
  /** When this node (the whole "cluster") came up: nobody was seen before. */
  startedAt: number | undefined;

  constructor(
    private readonly log: ChatLog,
    private readonly accounts: (username: string) => Promise<AccountRecord | undefined>,
  ) {}

  /** Rebuilds the queue and the open chats from the log; every entry counts as seen `now`. */
  load(now: number): void {
    const { queue, chats } = this.log.loadLive();
    this.queue = new WaitingQueue<QueueEntryRecord>();
    this.book = new ChatBook();
    this.positions = { front: 0, back: 0 };
    for (const c of chats) {
      if (c.status === 'ended') continue;
      this.book.add(c as OpenChatRecord);
      this.visitorSeen.set(c.id, Math.max(now, this.visitorSeen.get(c.id) ?? 0));
      this.lastActivity.set(c.id, Math.max(now, this.lastActivity.get(c.id) ?? 0));
    }
    for (const id of [...this.visitorSeen.keys()]) {
      if (this.book.get(id)) continue;
      this.visitorSeen.delete(id);
      this.lastActivity.delete(id);
    }
    this.queue.restore(queue.map((entry) => ({ entry, front: entry.front, lastSeenAt: now })));
    for (const e of queue) {
      const segment = e.front ? 'front' : 'back';
      this.positions[segment] = Math.max(this.positions[segment], e.position);
    }
  }

  /** Why an open chat is stale now, if it is. */
  staleness(chatId: string, limits: Staleness): StaleReason | undefined {
    const chat = this.book.get(chatId);
    if (!chat) return undefined;
    if ((this.visitorSeen.get(chatId) ?? chat.startedAt) < limits.visitorGoneBefore) return 'visitor-gone';
    const idle = chat.status === 'active' && limits.idleBefore !== undefined;
    if (idle && (this.lastActivity.get(chatId) ?? chat.startedAt) < limits.idleBefore!) return 'idle';
    return undefined;
  }

  isConnected(username: string): boolean {
    return this.presence.get(username)?.connected === true;
  }

  /** Connected nowhere, and last seen (never before this node started) at or before `goneBefore`. */
  isAway(username: string, goneBefore: number): boolean {
    const p = this.presence.get(username);
    if (p?.connected) return false;
    return Math.max(p?.leftAt ?? 0, this.startedAt ?? 0) <= goneBefore;
  }

  async routable(): Promise<RoutableAgent[]> {
    const out: RoutableAgent[] = [];
    for (const [username, p] of this.presence) {
      if (!p.connected) continue;
      const account = await this.accounts(username);
      if (account?.status !== 'online') continue;
      out.push({
        username,
        name: account.name,
        maxChats: account.maxChats,
        openChats: this.book.openChatsOf(username),
        lastAssignedAt: this.lastAssigned.get(username) ?? 0,
      });
    }
    return out;
  }
}
