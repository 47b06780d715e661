import { toAgent, toVisitor, type OutEvent } from '../events.js';
import { liveAfter, type ChatCtx } from './context.js';

/**
 * The visitors of an agent's chats learn that it lost its last connection (on every node), or that
 * it is connected again: `chat:agent-connection`.
 */
export async function agentConnectionEvents(ctx: ChatCtx, username: string, connected: boolean): Promise<OutEvent[]> {
  if (!connected && (await ctx.store.isConnected(username, liveAfter(ctx.deps.now())))) return [];
  const chats = await ctx.store.chatsOf(username);
  return chats.map((c) => toVisitor(c.id, 'chat:agent-connection', { connected }));
}

/** The agent holding a chat learns whether its visitor is there: `chat:presence`. */
export async function visitorPresenceEvents(ctx: ChatCtx, chatId: string, here: boolean): Promise<OutEvent[]> {
  const chat = await ctx.store.getChat(chatId);
  if (chat?.status !== 'active' || !chat.agentUsername) return [];
  return [toAgent(chat.agentUsername, 'chat:presence', { chatId, visitor: here ? 'here' : 'away' })];
}
