import type { RatingView, VisitorView } from './visitor-context.js';

/** Shapes that travel on the wire (HTTP responses and socket payloads). */

export type Role = 'agent' | 'admin';
export type Status = 'online' | 'offline';

export interface StaffUser {
  username: string;
  name: string;
  role: Role;
}

export interface Me extends StaffUser {
  status: Status;
  maxChats: number;
  openChats: number;
}

export interface AgentView extends Me {
  email: string | null;
  /** True while the account holds at least one live /agent connection (added to the contract). */
  connected: boolean;
}

export interface AgentMessage {
  id: string;
  from: string;
  to: string;
  body: string;
  sentAt: string;
}

export interface Party {
  role: 'visitor' | 'agent' | 'system';
  name: string;
  username?: string;
}

export interface ChatMessage {
  id: string;
  chatId: string;
  seq: number;
  from: Party;
  to?: Party;
  body: string;
  sentAt: string;
  /** v2: an internal note (staff only); present only on notes. */
  internal?: true;
}

/** GET /api/chats/:chatId (added): one chat with its whole transcript. */
export interface ChatDetail {
  chatId: string;
  /** v2: the visitor's whole record (context, visitorId, previousChats). */
  visitor: VisitorView;
  /** The agent holding it (for an ended chat: the last one). */
  agent: { username: string; name: string } | null;
  status: 'active' | 'queued' | 'ended';
  startedAt: string;
  /** Ended chats only. */
  endedAt?: string;
  endedBy?: 'visitor' | 'agent' | 'system';
  /** v2: the visitor's rating, once given. */
  rating?: RatingView;
  transcript: ChatMessage[];
}

/** GET /api/admin/invites: an invite not used yet and not expired. */
export interface PendingInvite {
  username: string;
  name: string;
  email: string;
  /** The admin who invited. */
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}
