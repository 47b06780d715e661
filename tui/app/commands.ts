import type { Canned, CannedBody, CannedPatchBody } from '../../server/protocol/canned.js';
import type { OfflineMessage } from '../../server/protocol/offline-messages.js';
import type { AgentView, PendingInvite } from '../../server/protocol/models.js';
import type { AgentPatchBody, InviteBody } from '../../server/protocol/schemas.js';
import type { InviteResult } from '../client/http-client.js';
import type { Colleague } from '../state/agent-messages.js';
import type { InboxFilter } from '../state/inbox.js';

/** What the screens can ask of the session (each rejects with an Error whose message can be shown). */
export interface SessionCommands {
  send(chatId: string, body: string): Promise<void>;
  /** Adds an internal note (only agents see it). */
  note(chatId: string, body: string): Promise<void>;
  end(chatId: string): Promise<void>;
  transfer(chatId: string, to: string): Promise<void>;
  /** Tells the chat's visitor that the agent types, or stopped (no answer, nothing if offline). */
  typing(chatId: string, typing: boolean): void;
  toggleStatus(): Promise<void>;
  colleagues(): Promise<Colleague[] | null>;
  /** The canned replies the composer can insert (fetched when asked). */
  canned(): Promise<Canned[]>;
  addCanned(body: CannedBody): Promise<Canned>;
  editCanned(id: string, patch: CannedPatchBody): Promise<Canned>;
  removeCanned(id: string): Promise<void>;
  /** Fetches the inbox list for this filter into the session (errors go there too). */
  loadInbox(filter: InboxFilter): void;
  /** Sends the reply (e-mailed first; nothing stored when that fails), updates the message and the count. */
  replyInbox(id: string, body: string): Promise<OfflineMessage>;
  /** Closes a left message, updates it and the count. */
  closeInbox(id: string): Promise<void>;
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
