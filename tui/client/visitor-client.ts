import { ackCommand } from './ack-command.js';
import { io, type Socket } from 'socket.io-client';
import type {
  QueueClientToServer,
  QueueEvents,
  QueueServerToClient,
  VisitorClientToServer,
  VisitorCommands,
  VisitorEvents,
  VisitorServerToClient,
} from '../../server/protocol/events.js';
import type { ChatMessage } from '../../server/protocol/models.js';
import { HttpClient, type ChatStart, type QueueJoin, type QueueStatus } from './http-client.js';

export type VisitorEventName = keyof VisitorEvents;

/** Connection changes of a socket, for status lines: `error` is the connect_error message. */
export type ConnectionState = { connected: boolean; error?: string };

const socketOptions = {
  transports: ['websocket'],
  reconnection: true,
  reconnectionDelay: 500,
  reconnectionDelayMax: 5000,
};

/**
 * An anonymous visitor, as the web page is one: joins the queue over HTTP (the queue token becomes
 * this client's bearer token), hears its turn on `/queue`, then chats on `/visitor` with the user token.
 */
export class VisitorClient {
  readonly server: string;
  private http: HttpClient;

  constructor(server: string) {
    this.server = server.replace(/\/+$/, '');
    this.http = new HttpClient({ server: this.server, loginHint: false });
  }

  /** The queue token once joined. */
  get queueToken(): string | undefined {
    return this.http.token;
  }

  async join(name: string): Promise<QueueJoin> {
    const joined = await new HttpClient({ server: this.server, loginHint: false }).joinQueue(name);
    this.http = new HttpClient({ server: this.server, token: joined.queueToken, loginHint: false });
    return joined;
  }

  /** Place in the queue; also what keeps the entry alive (poll well within the server's abandon time). */
  status(): Promise<QueueStatus> {
    return this.http.queueStatus();
  }

  /** Starts the chat; `not_your_turn` / `no_agent_available` (ApiError 409) mean: keep waiting. */
  start(): Promise<ChatStart> {
    return this.http.startChat();
  }

  /** Leaves the queue while still waiting. */
  leave(): Promise<void> {
    return this.http.leaveQueue();
  }

  /** Listens on `/queue` for `queue:turn`. Resolves once connected (or failed: polling still works). */
  async onTurn(
    handler: (payload: QueueEvents['queue:turn']) => void,
    timeoutMs = 5000,
  ): Promise<{ close(): void; connected: boolean }> {
    const socket: Socket<QueueServerToClient, QueueClientToServer> = io(`${this.server}/queue`, {
      ...socketOptions,
      auth: { token: this.queueToken },
    });
    socket.on('queue:turn', handler);
    const connected = await new Promise<boolean>((resolve) => {
      const done = (ok: boolean) => () => {
        clearTimeout(timer);
        resolve(ok);
      };
      const timer = setTimeout(done(false), timeoutMs);
      socket.once('connect', done(true));
      socket.once('connect_error', done(false));
    });
    return { close: () => socket.close(), connected };
  }

  /** The chat socket for a started chat. */
  chat(userToken: string, ackTimeoutMs?: number): VisitorSocket {
    return new VisitorSocket(this.server, userToken, ackTimeoutMs);
  }
}

/** The `/visitor` connection: typed events, acknowledged commands that resolve or throw `ApiError`. */
export class VisitorSocket {
  readonly socket: Socket<VisitorServerToClient, VisitorClientToServer>;

  constructor(
    server: string,
    token: string,
    private readonly ackTimeoutMs = 10_000,
  ) {
    this.socket = io(`${server}/visitor`, { ...socketOptions, auth: { token } });
  }

  on<E extends VisitorEventName>(event: E, handler: (payload: VisitorEvents[E]) => void): () => void {
    // As AgentSocket.on: Socket.IO's listener type cannot be resolved for a generic `E`; this signature is
    // the one checked against the contract.
    const socket: Socket = this.socket;
    const name: string = event;
    socket.on(name, handler);
    return () => socket.off(name, handler);
  }

  onConnection(handler: (state: ConnectionState) => void): void {
    this.socket.on('connect', () => handler({ connected: true }));
    this.socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') handler({ connected: false }); // not when closed on purpose
    });
    this.socket.on('connect_error', (err: Error) => handler({ connected: false, error: err.message }));
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** `clientMsgId`: keep the same one when resending a line, so it is stored once. */
  async send(body: string, clientMsgId?: string): Promise<ChatMessage> {
    return (await this.command('chat:send', { body, ...(clientMsgId ? { clientMsgId } : {}) })).message;
  }

  async end(): Promise<void> {
    await this.command('chat:end', {});
  }

  close(): void {
    this.socket.close();
  }

  private command<K extends keyof VisitorCommands>(
    event: K,
    payload: VisitorCommands[K]['payload'],
  ): Promise<VisitorCommands[K]['reply']> {
    return ackCommand<VisitorCommands, K>(this.socket, this.ackTimeoutMs, event, payload);
  }
}
