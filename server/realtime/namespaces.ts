import type { Namespace, Server, Socket } from 'socket.io';
import type { Principal } from '../app/deps.js';
import type {
  AgentClientToServer,
  AgentServerToClient,
  QueueClientToServer,
  QueueServerToClient,
  VisitorClientToServer,
  VisitorServerToClient,
} from '../protocol/events.js';

/** What a connection keeps from its handshake. */
export interface AgentSocketData {
  principal: Principal;
}
export interface VisitorSocketData {
  chatId: string;
  exp: number;
}
export interface QueueSocketData {
  entryId: string;
  exp: number;
}

type NoServerEvents = Record<string, never>;
export type AgentNamespace = Namespace<AgentClientToServer, AgentServerToClient, NoServerEvents, AgentSocketData>;
export type VisitorNamespace = Namespace<
  VisitorClientToServer,
  VisitorServerToClient,
  NoServerEvents,
  VisitorSocketData
>;
export type QueueNamespace = Namespace<QueueClientToServer, QueueServerToClient, NoServerEvents, QueueSocketData>;
export type AgentSocket = Socket<AgentClientToServer, AgentServerToClient, NoServerEvents, AgentSocketData>;
export type VisitorSocket = Socket<VisitorClientToServer, VisitorServerToClient, NoServerEvents, VisitorSocketData>;

/** The three namespaces, each typed with its event maps from server/protocol/events.ts. */
export const namespaces = (io: Server) => ({
  agent: io.of('/agent') as unknown as AgentNamespace,
  visitor: io.of('/visitor') as unknown as VisitorNamespace,
  queue: io.of('/queue') as unknown as QueueNamespace,
});
export type Namespaces = ReturnType<typeof namespaces>;
