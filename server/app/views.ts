import type { AccountRecord, AgentMessageRecord } from '../domain/records.js';
import type { AgentMessage, AgentView, Me } from '../protocol/models.js';
import { liveAfter } from './chats/context.js';
import { effectiveMaxChats, type AppDeps } from './deps.js';

/** Record → wire shape. */
export const meView = async (deps: AppDeps, a: AccountRecord): Promise<Me> => ({
  username: a.username,
  name: a.name,
  role: a.role,
  status: a.status,
  maxChats: effectiveMaxChats(deps, a.maxChats),
  openChats: await deps.chatStore.openChatsOf(a.username),
});

/** With `connected`: a live /agent connection on any node. */
export const agentView = async (deps: AppDeps, a: AccountRecord): Promise<AgentView> => ({
  ...(await meView(deps, a)),
  email: a.email,
  connected: await deps.chatStore.isConnected(a.username, liveAfter(deps.now())),
});

export const agentMessageView = (m: AgentMessageRecord): AgentMessage => ({
  id: m.id,
  from: m.from,
  to: m.to,
  body: m.body,
  sentAt: new Date(m.sentAt).toISOString(),
});
