import type { Logger } from 'pino';
import type { ChatEngine } from '../app/chats/engine.js';
import type { Principal } from '../app/deps.js';
import { rooms } from '../app/events.js';
import { disconnectAtExpiry } from './expiry.js';
import { agentHandshake, requireToken } from './handshake.js';
import type { AgentNamespace, AgentSocket } from './namespaces.js';

export interface AgentNamespaceOptions {
  /** The staff member behind a token (a live session), or a throw. */
  authenticate: (token: string) => Promise<Principal>;
  chats: ChatEngine;
  /** Registers the chat commands on a new socket (agentChatHandlers). */
  handlers: (socket: AgentSocket, who: Principal) => void;
  log: Logger;
}

/** /agent: staff token in the handshake, rooms agent:<username> and session:<jti>, presence. */
export function setupAgentNamespace(nsp: AgentNamespace, o: AgentNamespaceOptions): void {
  requireToken(nsp, o.authenticate, (socket, who) => {
    socket.data.principal = who;
  });

  nsp.on('connection', async (socket) => {
    const who = socket.data.principal;
    // Rooms first, then the snapshot, then new work: an assignment may show up twice (clients
    // dedupe by chatId) but is never missed, and chats:open always comes before chat:assigned.
    socket.join([rooms.agent(who.username), rooms.session(who.jti)]);
    // A passive connection (auth.passive, added to the contract: `switchboard watch`, dashboards)
    // receives everything but does not make the agent routable.
    const { passive, since } = agentHandshake(socket);
    disconnectAtExpiry(socket, who.exp);
    if (!passive) socket.on('disconnect', () => o.chats.agentSocketClosed(who.username, socket.id));
    o.handlers(socket, who);
    // Counted as connected on every node before the snapshot: whoever has `chats:open` is routable.
    const first = !passive && (await o.chats.agentSocketOpened(who.username, socket.id));
    try {
      socket.emit('chats:open', await o.chats.agentSnapshot(who.username, since));
    } catch (err) {
      o.log.error({ err }, 'chats:open failed');
    }
    if (first && socket.connected) o.chats.agentAvailable();
  });
}
