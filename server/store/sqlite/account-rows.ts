import type { AccountRecord, AgentMessageRecord, InviteRecord } from '../port.js';

/** Row ↔ record mapping for the staff tables. */

export interface AccountRow {
  username: string;
  name: string;
  email: string | null;
  role: string;
  password_hash: string;
  status: string;
  max_chats: number | null;
  created_at: number;
}

export const toAccount = (r: AccountRow): AccountRecord => ({
  username: r.username,
  name: r.name,
  email: r.email,
  role: r.role as AccountRecord['role'],
  passwordHash: r.password_hash,
  status: r.status as AccountRecord['status'],
  maxChats: r.max_chats,
  createdAt: r.created_at,
});

export interface InviteRow {
  token_hash: string;
  username: string;
  name: string;
  email: string;
  invited_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export const toInvite = (r: InviteRow): InviteRecord => ({
  tokenHash: r.token_hash,
  username: r.username,
  name: r.name,
  email: r.email,
  invitedBy: r.invited_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

export interface AgentMessageRow {
  id: string;
  sender: string;
  recipient: string;
  body: string;
  sent_at: number;
}

export const toAgentMessage = (r: AgentMessageRow): AgentMessageRecord => ({
  id: r.id,
  from: r.sender,
  to: r.recipient,
  body: r.body,
  sentAt: r.sent_at,
});
