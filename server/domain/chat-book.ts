/** A chat that has not ended, as the engine keeps it in memory. */
export interface LiveChat {
  id: string;
  visitorName: string;
  /** The current agent; null while the chat waits in the queue. */
  agent: { username: string; name: string } | null;
  status: 'active' | 'queued';
  startedAt: number;
  lastSeq: number;
  queueEntryId: string;
}

/** The index of live chats and of which agent holds which (pure bookkeeping, no I/O). */
export class ChatBook {
  private readonly chats = new Map<string, LiveChat>();
  private readonly byAgent = new Map<string, Set<string>>();

  add(chat: LiveChat): void {
    this.chats.set(chat.id, chat);
    if (chat.agent) this.holder(chat.agent.username).add(chat.id);
  }

  get(id: string): LiveChat | undefined {
    return this.chats.get(id);
  }

  /** The chat ended: forget it. */
  remove(id: string): void {
    const chat = this.chats.get(id);
    if (!chat) return;
    if (chat.agent) this.release(chat.agent.username, id);
    this.chats.delete(id);
  }

  /** Gives the chat to an agent (active), or back to the queue with null (queued). */
  assign(id: string, agent: LiveChat['agent']): void {
    const chat = this.chats.get(id);
    if (!chat) return;
    if (chat.agent) this.release(chat.agent.username, id);
    chat.agent = agent;
    chat.status = agent ? 'active' : 'queued';
    if (agent) this.holder(agent.username).add(id);
  }

  openChatsOf(username: string): number {
    return this.byAgent.get(username)?.size ?? 0;
  }

  chatsOf(username: string): LiveChat[] {
    return [...(this.byAgent.get(username) ?? [])].map((id) => this.chats.get(id)!);
  }

  agentsWithChats(): string[] {
    return [...this.byAgent.keys()];
  }

  /** Reserves the next message number of a chat. */
  nextSeq(id: string): number {
    const chat = this.chats.get(id)!;
    return ++chat.lastSeq;
  }

  private holder(username: string): Set<string> {
    let set = this.byAgent.get(username);
    if (!set) this.byAgent.set(username, (set = new Set()));
    return set;
  }

  private release(username: string, id: string): void {
    const set = this.byAgent.get(username);
    set?.delete(id);
    if (set && set.size === 0) this.byAgent.delete(username);
  }
}
