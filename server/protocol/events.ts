import type { AgentMessage, AgentView, ChatMessage, Status } from './models.js';

/** Payloads of the events the server sends (shared by the server, the TUI, the CLI and tests). */

export interface OpenChat {
  chatId: string;
  visitor: { name: string };
  startedAt: string;
  transcript: ChatMessage[];
}

export interface AgentServerEvents {
  'chats:open': { chats: OpenChat[] };
  'chat:assigned': { chatId: string; visitor: { name: string }; reason: 'new' | 'transfer' | 'requeue'; transcript: ChatMessage[] };
  'chat:message': ChatMessage;
  'chat:ended': { chatId: string; by: 'visitor' | 'agent' | 'system' };
  'chat:removed': { chatId: string; reason: 'transferred' | 'requeued' };
  'agent-message': AgentMessage;
  /** Added: this account's status changed (login, PUT /api/me/status). */
  'agent:status': { status: Status };
  /** Added: an admin changed this account (name, maxChats). */
  'agent:updated': AgentView;
}

export interface VisitorServerEvents {
  'chat:history': { chatId: string; transcript: ChatMessage[]; agent: { name: string } | null; status: 'active' | 'queued' | 'ended'; ahead?: number };
  'chat:message': ChatMessage;
  'chat:agent': { name: string };
  'chat:queued': { ahead: number };
  'chat:ended': { chatId: string; by: 'visitor' | 'agent' | 'system' };
}

export interface QueueServerEvents {
  'queue:turn': { ahead: 0 };
}
