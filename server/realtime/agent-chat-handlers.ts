import type { Logger } from 'pino';
import type { ChatEngine } from '../app/chats/engine.js';
import type { Principal } from '../app/deps.js';
import type { OutEvent } from '../app/events.js';
import type { AgentCommands } from '../protocol/events.js';
import { agentEvents } from '../protocol/socket-schemas.js';
import { exceptSender, serveCommands } from './handler.js';
import type { AgentSocket } from './namespaces.js';

export interface ChatHandlerOptions {
  chats: ChatEngine;
  publish: (events: OutEvent[]) => void;
  log: Logger;
}

/** chat:send / chat:end / chat:transfer / chat:typing from an agent: parse → use case → ack → publish. */
export const agentChatHandlers = (o: ChatHandlerOptions) => (socket: AgentSocket, who: Principal) => {
  const actor = { role: 'agent' as const, username: who.username, name: who.name };
  serveCommands<typeof agentEvents, AgentCommands>(socket, {
    schemas: agentEvents,
    log: o.log,
    publish: o.publish,
    handlers: {
      'chat:send': async ({ chatId, body, clientMsgId }) => {
        const { value, events } = await o.chats.sendMessage(actor, chatId, body, clientMsgId);
        return { reply: value, events: exceptSender(events, socket.id) };
      },
      'chat:end': async ({ chatId }) => ({ reply: {}, events: (await o.chats.endChat(actor, chatId)).events }),
      'chat:transfer': async ({ chatId, to }) => ({
        reply: {},
        events: (await o.chats.transferChat(actor, chatId, to)).events,
      }),
      // v2: internal notes reach the agent's other sockets only (never the visitor).
      'chat:note': async ({ chatId, body, clientMsgId }) => {
        const { value, events } = await o.chats.addNote(actor, chatId, body, clientMsgId);
        return { reply: value, events: exceptSender(events, socket.id) };
      },
      // v2: relayed by the engine (throttled); the ack is optional.
      'chat:typing': async ({ chatId, typing }) => {
        await o.chats.typing.agent(actor, chatId, typing);
        return { reply: {} };
      },
    },
  });
};
