import type { OpenChat } from '../../server/protocol/events.js';
import type {
  AgentMessage,
  AgentView,
  ChatDetail,
  ChatMessage,
  Me,
  PendingInvite,
  StaffUser,
  Status,
} from '../../server/protocol/models.js';
import type { AgentPatchBody, InviteBody } from '../../server/protocol/schemas.js';
import { ApiError, ConnectionError } from './errors.js';

/** POST /api/admin/invites answer (`delivery` is an addition to the contract: how the e-mail left). */
export interface InviteResult {
  username: string;
  email: string;
  expiresAt: string;
  registerUrl: string;
  delivery?: 'smtp' | 'outbox';
}

export interface LoginResult {
  token: string;
  user: StaffUser;
}

/** GET /api/chats/:chatId: one chat the caller holds, with its transcript. */
export type { ChatDetail } from '../../server/protocol/models.js';

/** The read marker of the caller's agent messages (added to the contract). */
export interface AgentMessagesRead {
  readUpTo: string | null;
  unread: number;
}

/** POST /api/queue answer (`ahead` is an addition to the contract). */
export interface QueueJoin {
  queueToken: string;
  ahead?: number;
}

/** GET /api/queue/status answer. */
export interface QueueStatus {
  ahead: number;
  agentsOnline: number;
}

/** POST /api/chat/start answer (`agent` is null when the chat waits in the queue again). */
export interface ChatStart {
  userToken: string;
  chatId: string;
  agent: { name: string } | null;
}

export interface HttpClientOptions {
  /** Base URL of the server, e.g. `https://chat.example.com` (no trailing slash needed). */
  server: string;
  /** Staff auth token, sent as `Authorization: Bearer`. */
  token?: string;
  /** Milliseconds before a request is given up (default 30 s). */
  timeoutMs?: number;
  /** Add "Run: switchboard login" to a refused token's message (default true; visitors have no login). */
  loginHint?: boolean;
}

/** Page size asked of GET /api/agent-messages (the server's maximum). */
const MESSAGES_PAGE = 1000;

/** A typed client for the Switchboard HTTP API. Every error answer becomes an `ApiError`. */
export class HttpClient {
  readonly server: string;
  readonly token: string | undefined;
  private readonly timeoutMs: number;
  private readonly loginHint: boolean;

  constructor(o: HttpClientOptions) {
    this.server = o.server.replace(/\/+$/, '');
    this.token = o.token;
    this.timeoutMs = o.timeoutMs ?? 30_000;
    this.loginHint = o.loginHint ?? true;
  }

  login(username: string, password: string): Promise<LoginResult> {
    return this.request('POST', '/api/login', { username, password });
  }
  logout(): Promise<void> {
    return this.request('POST', '/api/logout');
  }
  register(token: string, password: string): Promise<{ username: string }> {
    return this.request('POST', '/api/register', { token, password });
  }
  me(): Promise<Me> {
    return this.request('GET', '/api/me');
  }
  setStatus(status: Status): Promise<{ status: Status }> {
    return this.request('PUT', '/api/me/status', { status });
  }

  invite(body: InviteBody): Promise<InviteResult> {
    return this.request('POST', '/api/admin/invites', body);
  }
  async listInvites(): Promise<PendingInvite[]> {
    return (await this.request<{ invites: PendingInvite[] }>('GET', '/api/admin/invites')).invites;
  }
  async revokeInvite(username: string): Promise<void> {
    await this.request('DELETE', `/api/admin/invites/${encodeURIComponent(username)}`);
  }
  resendInvite(username: string): Promise<InviteResult> {
    return this.request('POST', `/api/admin/invites/${encodeURIComponent(username)}/resend`);
  }
  async listAgents(): Promise<AgentView[]> {
    return (await this.request<{ agents: AgentView[] }>('GET', '/api/admin/agents')).agents;
  }
  updateAgent(username: string, patch: AgentPatchBody): Promise<AgentView> {
    return this.request('PATCH', `/api/admin/agents/${encodeURIComponent(username)}`, patch);
  }
  deleteAgent(username: string): Promise<void> {
    return this.request('DELETE', `/api/admin/agents/${encodeURIComponent(username)}`);
  }

  async sendAgentMessage(to: string, body: string): Promise<AgentMessage> {
    return (await this.request<{ message: AgentMessage }>('POST', '/api/agent-messages', { to, body })).message;
  }
  /** Every message sent or received by the caller after `after` (all pages), oldest first. */
  async listAgentMessages(after?: string): Promise<AgentMessage[]> {
    const all: AgentMessage[] = [];
    let cursor = after;
    for (;;) {
      const query = new URLSearchParams({ limit: String(MESSAGES_PAGE) });
      if (cursor) query.set('after', cursor);
      const { messages } = await this.request<{ messages: AgentMessage[] }>('GET', `/api/agent-messages?${query}`);
      all.push(...messages);
      if (messages.length < MESSAGES_PAGE) return all;
      cursor = messages[messages.length - 1]!.id;
    }
  }

  /** POST /api/me/handback: the caller's open chats back to the front of the queue, the account offline. */
  handBack(): Promise<{ status: Status; handedBack: number }> {
    return this.request('POST', '/api/me/handback');
  }
  /** The caller's read marker: the last agent message read (or null) and how many received follow it. */
  async agentMessagesReadState(): Promise<AgentMessagesRead> {
    const { readUpTo, unread } = await this.request<AgentMessagesRead>('GET', '/api/agent-messages?limit=1');
    return { readUpTo, unread };
  }
  /** Moves the caller's read marker up to a message (the server never moves it back). */
  markAgentMessagesRead(upTo: string): Promise<AgentMessagesRead> {
    return this.request('POST', '/api/agent-messages/read', { upTo });
  }

  /** The caller's open chats with transcripts (the `chats:open` payload). */
  async listChats(): Promise<OpenChat[]> {
    return (await this.request<{ chats: OpenChat[] }>('GET', '/api/chats')).chats;
  }
  getChat(chatId: string): Promise<ChatDetail> {
    return this.request('GET', `/api/chats/${encodeURIComponent(chatId)}`);
  }
  async sendChatMessage(chatId: string, body: string): Promise<ChatMessage> {
    const path = `/api/chats/${encodeURIComponent(chatId)}/messages`;
    return (await this.request<{ message: ChatMessage }>('POST', path, { body })).message;
  }
  endChat(chatId: string): Promise<void> {
    return this.request('POST', `/api/chats/${encodeURIComponent(chatId)}/end`);
  }
  transferChat(chatId: string, to: string): Promise<void> {
    return this.request('POST', `/api/chats/${encodeURIComponent(chatId)}/transfer`, { to });
  }

  /** Visitor side (anonymous; the queue token is this client's token once joined). */
  joinQueue(name: string): Promise<QueueJoin> {
    return this.request('POST', '/api/queue', { name });
  }
  queueStatus(): Promise<QueueStatus> {
    return this.request('GET', '/api/queue/status');
  }
  startChat(): Promise<ChatStart> {
    return this.request('POST', '/api/chat/start');
  }
  leaveQueue(): Promise<void> {
    return this.request('DELETE', '/api/queue');
  }

  /** One JSON request. Resolves to the parsed body (undefined for 204); rejects with ApiError or ConnectionError. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.server + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch (e) {
      throw this.connectionError(e);
    }
    const text = await res.text().catch((e: unknown) => {
      throw this.connectionError(e);
    });
    if (res.ok) {
      if (res.status === 204 || text === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        const line = `${this.server} answered ${method} ${path} with something that is not JSON`;
        throw new ConnectionError(this.server, `${line} (is --server a Switchboard server?)`);
      }
    }
    throw this.apiError(res, text);
  }

  private apiError(res: Response, text: string): ApiError {
    let parsed: { error?: { code?: unknown; message?: unknown } } | undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not the contract's body */
    }
    const code = typeof parsed?.error?.code === 'string' ? parsed.error.code : undefined;
    let message = typeof parsed?.error?.message === 'string' ? parsed.error.message : undefined;
    if (!code || !message) {
      const line = `${this.server} answered ${res.status} ${res.statusText} (is --server a Switchboard server?)`;
      return new ApiError(res.status, `http_${res.status}`, line);
    }
    if (res.status === 429) {
      const retry = Number(res.headers.get('retry-after'));
      // The server's own message usually says when already ("…; try again in 894 s.").
      if (Number.isFinite(retry) && retry > 0 && !/try again/i.test(message))
        message = `${message} Try again in ${Math.ceil(retry)} s.`;
    }
    // A refused token on a request that carried one: the remedy is to log in again.
    if (res.status === 401 && this.token && this.loginHint) message = `${message} Run: switchboard login`;
    return new ApiError(res.status, code, message);
  }

  private connectionError(e: unknown): ConnectionError {
    const err = e as { name?: string; cause?: { code?: string; message?: string } };
    if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
      const seconds = Math.round(this.timeoutMs / 1000);
      return new ConnectionError(this.server, `${this.server} did not answer within ${seconds} s`);
    }
    const reason = err?.cause?.code ?? err?.cause?.message ?? (e as Error)?.message ?? String(e);
    const line = `cannot reach the server at ${this.server} (${reason}); is it running? check --server`;
    return new ConnectionError(this.server, line);
  }
}
