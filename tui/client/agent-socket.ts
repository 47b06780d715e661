import { ackCommand } from './ack-command.js';
import { io, type Socket } from 'socket.io-client';
import type {
  AgentClientToServer,
  AgentCommands,
  AgentEvents,
  AgentServerToClient,
} from '../../server/protocol/events.js';
import type { ChatMessage } from '../../server/protocol/models.js';

export type AgentEventName = keyof AgentEvents;

/** The connection went up or down; `error`: why connecting failed; `reason`: why it went down. */
export interface ConnectionChange {
  connected: boolean;
  error?: string;
  reason?: string;
}

export interface AgentSocketOptions {
  server: string;
  token: string;
  /** Receive events without becoming routable (watchers, dashboards). */
  passive?: boolean;
  /** Milliseconds to wait for an acknowledgement (default 10 s). */
  ackTimeoutMs?: number;
}

/**
 * The /agent connection: typed events, acknowledged commands that resolve or throw `ApiError`,
 * automatic reconnection (the server sends `chats:open` again after each connect).
 */
export class AgentSocket {
  readonly socket: Socket<AgentServerToClient, AgentClientToServer>;
  private readonly ackTimeoutMs: number;

  constructor(o: AgentSocketOptions) {
    this.ackTimeoutMs = o.ackTimeoutMs ?? 10_000;
    this.socket = io(`${o.server.replace(/\/+$/, '')}/agent`, {
      auth: { token: o.token, ...(o.passive ? { passive: true } : {}) },
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
  }

  on<E extends AgentEventName>(event: E, handler: (payload: AgentEvents[E]) => void): () => void {
    // Socket.IO's listener type for a generic `E` is a conditional type TypeScript cannot resolve: the
    // listener goes through the untyped emitter, and this signature is the one checked against the contract.
    const socket: Socket = this.socket;
    const name: string = event;
    socket.on(name, handler);
    return () => socket.off(name, handler);
  }

  /**
   * connect / disconnect / connect_error, for status lines. `reason` is the disconnect's: after
   * `io server disconnect` (the server closed it on purpose) socket.io does not reconnect by itself.
   */
  onConnection(handler: (state: ConnectionChange) => void): () => void {
    const up = () => handler({ connected: true });
    const down = (reason: string) => handler({ connected: false, reason });
    const failed = (err: Error) => handler({ connected: false, error: err.message });
    this.socket.on('connect', up);
    this.socket.on('disconnect', down);
    this.socket.on('connect_error', failed);
    return () => {
      this.socket.off('connect', up);
      this.socket.off('disconnect', down);
      this.socket.off('connect_error', failed);
    };
  }

  /** `clientMsgId`: keep the same one when resending, so the message is stored once. */
  async send(chatId: string, body: string, clientMsgId?: string): Promise<ChatMessage> {
    return (await this.command('chat:send', { chatId, body, ...(clientMsgId ? { clientMsgId } : {}) })).message;
  }

  /** An internal note: only agents see it; `clientMsgId` as for `send`. */
  async note(chatId: string, body: string, clientMsgId?: string): Promise<ChatMessage> {
    return (await this.command('chat:note', { chatId, body, ...(clientMsgId ? { clientMsgId } : {}) })).message;
  }

  async end(chatId: string): Promise<void> {
    await this.command('chat:end', { chatId });
  }

  async transfer(chatId: string, to: string): Promise<void> {
    await this.command('chat:transfer', { chatId, to });
  }

  /** Tells the visitor the agent types (or stopped): volatile, unacknowledged; dropped while offline. */
  typing(chatId: string, typing: boolean): void {
    const socket: Socket = this.socket;
    socket.volatile.emit('chat:typing', { chatId, typing });
  }

  /** Connects again (after the server closed the connection; other drops reconnect by themselves). */
  reconnect(): void {
    this.socket.connect();
  }

  close(): void {
    this.socket.close();
  }

  private command<K extends keyof AgentCommands>(
    event: K,
    payload: AgentCommands[K]['payload'],
  ): Promise<AgentCommands[K]['reply']> {
    return ackCommand<AgentCommands, K>(this.socket, this.ackTimeoutMs, event, payload);
  }
}
