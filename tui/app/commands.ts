import type { AgentView, PendingInvite } from '../../server/protocol/models.js';
import type { AgentPatchBody, InviteBody } from '../../server/protocol/schemas.js';
import type { InviteResult } from '../client/http-client.js';
import type { Colleague } from '../state/agent-messages.js';

/** What the screens can ask of the session (each rejects with an Error whose message can be shown). */
export interface SessionCommands {
  send(chatId: string, body: string): Promise<void>;
  end(chatId: string): Promise<void>;
  transfer(chatId: string, to: string): Promise<void>;
  toggleStatus(): Promise<void>;
  colleagues(): Promise<Colleague[] | null>;
  sendAgentMessage(to: string, body: string): Promise<void>;
  listAgents(): Promise<AgentView[]>;
  invite(body: InviteBody): Promise<InviteResult>;
  listInvites(): Promise<PendingInvite[]>;
  revokeInvite(username: string): Promise<void>;
  resendInvite(username: string): Promise<InviteResult>;
  updateAgent(username: string, patch: AgentPatchBody): Promise<AgentView>;
  deleteAgent(username: string): Promise<void>;
  quit(): void;
  logout(): void;
  /** Hands the open chats back to the queue (by logging out: the API has no other way), then quits. */
  handBack(): void;
  redraw(): void;
}

/** A failure as one line for the status bar or a dialog. */
export function errorText(e: unknown): string {
  const err = e as { message?: string; code?: string };
  const message = (err?.message ?? String(e)).replace(/\s*Run: switchboard login$/, '');
  return err?.code && !message.includes(err.code) ? `${message} (${err.code})` : message;
}
