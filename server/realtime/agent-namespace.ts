import type { Namespace, Socket } from 'socket.io';
import { authenticateStaff } from '../app/auth.js';
import type { AppDeps, Principal } from '../app/deps.js';
import { rooms } from '../app/events.js';
import { disconnectAtExpiry } from './expiry.js';
import { answerUnknownEvents } from './handler.js';
import { agentHandshake, requireToken } from './handshake.js';

export interface AgentSocketData {
  principal: Principal;
}

export interface AgentNamespaceHooks {
  /** Payload of `chats:open`, sent on every connect. */
  openChats: (who: Principal, since: Record<string, number>) => Promise<unknown>;
  /** Registers the chat event handlers on a new socket. */
  register?: (socket: Socket, who: Principal) => void;
  /** The account's first live connection appeared / its last one went away. */
  connected?: (who: Principal) => void;
  disconnected?: (who: Principal) => void;
}

/** /agent: staff token in the handshake, rooms agent:<username> and session:<jti>, presence. */
export function setupAgentNamespace(nsp: Namespace, deps: AppDeps, hooks: AgentNamespaceHooks): void {
  requireToken(nsp, (t) => authenticateStaff(deps, t), (socket, who) => {
    (socket.data as AgentSocketData).principal = who;
  });

  nsp.on('connection', async (socket) => {
    const who = (socket.data as AgentSocketData).principal;
    // Rooms first, then the snapshot, then new work: an assignment may show up twice (clients
    // dedupe by chatId) but is never missed, and chats:open always comes before chat:assigned.
    socket.join([rooms.agent(who.username), rooms.session(who.jti)]);
    // A passive connection (auth.passive, added to the contract: `switchboard watch`, dashboards)
    // receives everything but does not make the agent routable.
    const { passive, since } = agentHandshake(socket);
    disconnectAtExpiry(socket, who.exp);
    const first = !passive && deps.presence.connect(who.username, socket.id);
    if (!passive) {
      socket.on('disconnect', () => {
        if (deps.presence.disconnect(who.username, socket.id)) hooks.disconnected?.(who);
      });
    }
    hooks.register?.(socket, who);
    answerUnknownEvents(socket);
    try {
      socket.emit('chats:open', await hooks.openChats(who, since));
    } catch (err) {
      deps.log.error({ err }, 'chats:open failed');
    }
    if (first && socket.connected) hooks.connected?.(who);
  });
}
