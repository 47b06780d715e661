import type { Canned, CannedBody, CannedPatchBody } from '../../../server/protocol/canned.js';
import type { OfflineMessage } from '../../../server/protocol/offline-messages.js';
import type { AgentEvents } from '../../../server/protocol/events.js';
import type { AgentMessage, AgentView, ChatMessage, Me, PendingInvite, Role } from '../../../server/protocol/models.js';
import type { Backend, LiveChannel, StaffApi } from '../../../tui/app/backend.js';
import type { StoredConfig } from '../../../tui/client/config-store.js';
import { ApiError } from '../../../tui/client/errors.js';
import type { Colleague } from '../../../tui/state/agent-messages.js';
import type { InboxFilter } from '../../../tui/state/inbox.js';

type Handler = (payload: any) => void;

/** A LiveChannel the test drives: `emit` plays the server, `calls` records what the TUI asked. */
export class FakeLive implements LiveChannel {
  handlers = new Map<string, Set<Handler>>();
  connection = new Set<(s: { connected: boolean; error?: string; reason?: string }) => void>();
  calls: { op: 'send' | 'note' | 'end' | 'transfer'; chatId: string; arg?: string }[] = [];
  closed = false;
  reconnects = 0;
  seq = 100;
  /** Set to make the next command fail with this error. */
  failNext?: ApiError;

  on<E extends keyof AgentEvents>(event: E, handler: (payload: AgentEvents[E]) => void): () => void {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(handler as Handler);
    return () => this.handlers.get(event)!.delete(handler as Handler);
  }
  onConnection(handler: (s: { connected: boolean; error?: string; reason?: string }) => void): () => void {
    this.connection.add(handler);
    return () => this.connection.delete(handler);
  }
  emit<E extends keyof AgentEvents>(event: E, payload: AgentEvents[E]): void {
    for (const h of this.handlers.get(event) ?? []) h(payload);
  }
  setConnected(connected: boolean, error?: string, reason?: string): void {
    for (const h of this.connection) h({ connected, error, reason });
  }
  reconnect(): void {
    this.reconnects++;
  }
  private check(): void {
    const f = this.failNext;
    this.failNext = undefined;
    if (f) throw f;
  }
  async send(chatId: string, body: string): Promise<ChatMessage> {
    this.calls.push({ op: 'send', chatId, arg: body });
    this.check();
    const from: ChatMessage['from'] = { role: 'agent', name: 'Alice A', username: 'alice' };
    return message(chatId, ++this.seq, from, body, { role: 'visitor', name: 'Grace' });
  }
  async note(chatId: string, body: string): Promise<ChatMessage> {
    this.calls.push({ op: 'note', chatId, arg: body });
    this.check();
    const from: ChatMessage['from'] = { role: 'agent', name: 'Alice A', username: 'alice' };
    return { ...message(chatId, ++this.seq, from, body), internal: true };
  }
  /** `chat:typing` as sent, in order. */
  typings: { chatId: string; typing: boolean }[] = [];
  typing(chatId: string, typing: boolean): void {
    this.typings.push({ chatId, typing });
  }
  async end(chatId: string): Promise<void> {
    this.calls.push({ op: 'end', chatId });
    this.check();
  }
  async transfer(chatId: string, to: string): Promise<void> {
    this.calls.push({ op: 'transfer', chatId, arg: to });
    this.check();
  }
  close(): void {
    this.closed = true;
  }
}

export function message(
  chatId: string,
  seq: number,
  from: ChatMessage['from'],
  body: string,
  to?: ChatMessage['to'],
  sentAt = new Date(Date.now() - 60_000).toISOString(),
): ChatMessage {
  return { id: `${chatId}-m${seq}`, chatId, seq, from, to, body, sentAt };
}

export const visitorSays = (chatId: string, seq: number, name: string, body: string) =>
  message(chatId, seq, { role: 'visitor', name }, body, { role: 'agent', name: 'Alice A', username: 'alice' });

export function me(o: Partial<Me> = {}): Me {
  return { username: 'alice', name: 'Alice A', role: 'agent', status: 'online', maxChats: 5, openChats: 0, ...o };
}

export function agentView(username: string, o: Partial<AgentView> = {}): AgentView {
  return {
    username,
    name: `${username[0]!.toUpperCase()}${username.slice(1)} B`,
    role: 'agent',
    status: 'online',
    maxChats: 5,
    openChats: 0,
    email: `${username}@example.test`,
    connected: true,
    ...o,
  };
}

/** A StaffApi whose answers the test sets; every call is recorded. */
export class FakeApi implements StaffApi {
  calls: { op: string; args: unknown[] }[] = [];
  meValue: Me;
  agents: AgentView[] = [];
  colleaguesValue: Colleague[] | null = [];
  messages: AgentMessage[] = [];
  /** The account's read marker, as the server keeps it (the id of the last message read). */
  readUpTo: string | null = null;
  invites: PendingInvite[] = [];
  /** Links handed out, so a resent invite gets a new one. */
  links = 0;
  failMe?: ApiError;
  /** Set to make every call fail with this error (a revoked token: 401). */
  failAll?: ApiError;
  constructor(m: Me = me()) {
    this.meValue = m;
  }
  private rec(op: string, ...args: unknown[]) {
    this.calls.push({ op, args });
    if (this.failAll) throw this.failAll;
  }
  ops = (op: string) => this.calls.filter((c) => c.op === op);
  async me() {
    this.rec('me');
    if (this.failMe) throw this.failMe;
    return this.meValue;
  }
  async setStatus(status: 'online' | 'offline') {
    this.rec('setStatus', status);
    this.meValue = { ...this.meValue, status };
    return { status };
  }
  async logout() {
    this.rec('logout');
  }
  async handBack() {
    this.rec('handBack');
    this.meValue = { ...this.meValue, status: 'offline' as const };
    return { status: 'offline' as const, handedBack: this.meValue.openChats };
  }
  async listAgents() {
    this.rec('listAgents');
    return this.agents;
  }
  async invite(body: { username: string; name: string; email: string }) {
    this.rec('invite', body);
    if (this.agents.some((a) => a.username === body.username)) {
      throw new ApiError(409, 'conflict', `The username ${body.username} is taken.`);
    }
    const expiresAt = new Date(Date.now() + 72 * 3600_000).toISOString();
    this.invites.push({ ...body, invitedBy: this.meValue.username, createdAt: new Date().toISOString(), expiresAt });
    return this.inviteAnswer(body.username);
  }
  private inviteAnswer(username: string) {
    const invite = this.invites.find((i) => i.username === username)!;
    const token = `tok-${username}${++this.links > 1 ? `-${this.links}` : ''}`;
    const registerUrl = `http://sb.test/register#token=${token}`;
    return { username, email: invite.email, expiresAt: invite.expiresAt, registerUrl, delivery: 'outbox' as const };
  }
  private pending(username: string): PendingInvite {
    const invite = this.invites.find((i) => i.username === username);
    if (!invite) throw new ApiError(404, 'not_found', `No pending invite for ${username}.`);
    return invite;
  }
  async listInvites() {
    this.rec('listInvites');
    return [...this.invites];
  }
  async revokeInvite(username: string) {
    this.rec('revokeInvite', username);
    this.pending(username);
    this.invites = this.invites.filter((i) => i.username !== username);
  }
  async resendInvite(username: string) {
    this.rec('resendInvite', username);
    this.pending(username).expiresAt = new Date(Date.now() + 72 * 3600_000).toISOString();
    return this.inviteAnswer(username);
  }
  async updateAgent(username: string, patch: { maxChats?: number }) {
    this.rec('updateAgent', username, patch);
    const a = this.agents.find((x) => x.username === username)!;
    Object.assign(a, patch);
    return a;
  }
  async deleteAgent(username: string) {
    this.rec('deleteAgent', username);
    this.agents = this.agents.filter((a) => a.username !== username);
  }
  async sendAgentMessage(to: string, body: string) {
    this.rec('sendAgentMessage', to, body);
    const id = `am-${this.messages.length + 1}`;
    const m = { id, from: this.meValue.username, to, body, sentAt: new Date().toISOString() };
    this.messages.push(m);
    return m;
  }
  async listAgentMessages(after?: string) {
    this.rec('listAgentMessages', after);
    const at = after ? this.messages.findIndex((m) => m.id === after) + 1 : 0;
    return this.messages.slice(at);
  }
  /** Like the server: received messages after the marker are unread. */
  readState() {
    const at = this.readUpTo === null ? -1 : this.messages.findIndex((m) => m.id === this.readUpTo);
    const unread = this.messages.slice(at + 1).filter((m) => m.to === this.meValue.username).length;
    return { readUpTo: this.readUpTo, unread };
  }
  async agentMessagesReadState() {
    this.rec('agentMessagesReadState');
    return this.readState();
  }
  async markAgentMessagesRead(upTo: string) {
    this.rec('markAgentMessagesRead', upTo);
    const to = this.messages.findIndex((m) => m.id === upTo);
    if (to === -1) throw new ApiError(400, 'invalid_request', `Unknown message id in upTo=${upTo}.`);
    const at = this.readUpTo === null ? -1 : this.messages.findIndex((m) => m.id === this.readUpTo);
    if (to > at) this.readUpTo = upTo;
    return this.readState();
  }
  canned: Canned[] = [];
  async listCanned() {
    this.rec('listCanned');
    return [...this.canned];
  }
  async addCanned(body: CannedBody) {
    this.rec('addCanned', body);
    if (this.canned.some((c) => c.scope === body.scope && c.shortcut === body.shortcut))
      throw new ApiError(409, 'conflict', `The shortcut ${body.shortcut} exists.`);
    const c: Canned = { id: `c${this.canned.length + 1}`, ...body };
    this.canned.push(c);
    return c;
  }
  async editCanned(id: string, patch: CannedPatchBody) {
    this.rec('editCanned', id, patch);
    const c = this.canned.find((x) => x.id === id);
    if (!c) throw new ApiError(404, 'not_found', 'No such canned reply.');
    Object.assign(c, patch);
    return { ...c };
  }
  async removeCanned(id: string) {
    this.rec('removeCanned', id);
    this.canned = this.canned.filter((c) => c.id !== id);
  }
  /** The left messages, newest first, as the server keeps them. */
  inbox: OfflineMessage[] = [];
  /** Set to make the next inbox reply fail with this error (503: the mail was refused). */
  failReply?: ApiError;
  async listInbox(filter: InboxFilter) {
    this.rec('listInbox', filter);
    return this.inbox.filter((m) => filter === 'all' || m.status === filter).map((m) => structuredClone(m));
  }
  async replyInbox(id: string, body: string) {
    this.rec('replyInbox', id, body);
    const f = this.failReply;
    this.failReply = undefined;
    if (f) throw f;
    const m = this.inbox.find((x) => x.id === id)!;
    if (m.status === 'closed') throw new ApiError(409, 'conflict', 'The message is closed.');
    m.status = 'answered';
    m.replies.push({
      body,
      by: { username: this.meValue.username, name: this.meValue.name },
      sentAt: new Date().toISOString(),
    });
    return structuredClone(m);
  }
  async closeInbox(id: string) {
    this.rec('closeInbox', id);
    this.inbox.find((x) => x.id === id)!.status = 'closed';
  }
  async listColleagues(_role: Role) {
    this.rec('listColleagues');
    return this.colleaguesValue;
  }
}

/** An in-memory config store (what conf would hold). */
export class MemoryStore {
  value: StoredConfig;
  constructor(value: StoredConfig = {}) {
    this.value = { ...value };
  }
  read() {
    return { ...this.value };
  }
  write(v: StoredConfig) {
    this.value = { ...v };
  }
  forgetToken() {
    delete this.value.token;
  }
}

/** A backend of fakes; `logins` records every login attempt (the password is only ever passed through). */
export function fakeBackend(api = new FakeApi(), password = 'correct horse battery') {
  const lives: FakeLive[] = [];
  const logins: { server: string; username: string }[] = [];
  const backend: Backend = {
    async login(server, username, pw) {
      logins.push({ server, username });
      if (pw !== password) throw new ApiError(401, 'unauthorized', 'Wrong username or password.');
      return { token: `token-${username}`, user: { username, name: api.meValue.name, role: api.meValue.role } };
    },
    api: () => api,
    live() {
      const l = new FakeLive();
      lives.push(l);
      return l;
    },
  };
  return { backend, api, lives, logins, live: () => lives[lives.length - 1]! };
}
