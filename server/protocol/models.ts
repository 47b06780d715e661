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
}
