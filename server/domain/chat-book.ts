import type { ChatPatch, OpenChatRecord } from './records.js';

/**
 * The open chats of one node and which agent holds which (pure bookkeeping, no I/O): the one-node
 * store keeps them in memory so that loads, access checks and message numbers cost no query.
 */
export class ChatBook {
  private readonly chats = new Map<string, OpenChatRecord>();
  private readonly byAgent = new Map<string, Set<string>>();

  add(chat: OpenChatRecord): void {
    this.remove(chat.id);
    this.chats.set(chat.id, { ...chat });
    if (chat.status === 'active' && chat.agentUsername) this.holder(chat.agentUsername).add(chat.id);
  }

  get(id: string): OpenChatRecord | undefined {
    return this.chats.get(id);
  }

  /** The chat ended: forget it. */
  remove(id: string): void {
    const chat = this.chats.get(id);
    if (!chat) return;
    if (chat.agentUsername) this.release(chat.agentUsername, id);
    this.chats.delete(id);
  }

  /** Applies a change to a chat; a chat that ends is forgotten. */
  update(patch: ChatPatch): void {
    const chat = this.chats.get(patch.id);
    if (!chat) return;
    const next: Record<string, unknown> = { ...chat };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) next[k] = v;
    if (next.status === 'ended') this.remove(chat.id);
    else this.add(next as unknown as OpenChatRecord);
  }

  /** Moves the chat's last message number up to `seq`. */
  raiseSeq(id: string, seq: number): void {
    const chat = this.chats.get(id);
    if (chat && seq > chat.lastSeq) chat.lastSeq = seq;
  }

  /** Sets the chat's last message number back (a write that failed). */
  setSeq(id: string, seq: number): void {
    const chat = this.chats.get(id);
    if (chat) chat.lastSeq = seq;
  }

  openChatsOf(username: string): number {
    return this.byAgent.get(username)?.size ?? 0;
  }

  /** The agent's active chats, oldest first. */
  chatsOf(username: string): OpenChatRecord[] {
    return [...(this.byAgent.get(username) ?? [])]
      .map((id) => this.chats.get(id)!)
      .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  }

  /** Agents holding at least one active chat. */
  agentsWithChats(): string[] {
    return [...this.byAgent.keys()];
  }

  private holder(username: string): Set<string> {
    const set = this.byAgent.get(username) ?? new Set<string>();
    this.byAgent.set(username, set);
    return set;
  }

  private release(username: string, id: string): void {
    const set = this.byAgent.get(username);
    set?.delete(id);
    if (set && set.size === 0) this.byAgent.delete(username);
  }
}
