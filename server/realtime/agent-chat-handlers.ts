import type { Socket } from 'socket.io';
import type { ChatEngine } from '../app/chats/engine.js';
import type { AppDeps, Principal } from '../app/deps.js';
import type { OutEvent } from '../app/events.js';
import { agentEvents } from '../protocol/socket-schemas.js';
import { exceptSender, on } from './handler.js';

/** chat:send / chat:end / chat:transfer from an agent: parse → use case → ack → emit. */
export function registerAgentChatHandlers(socket: Socket, who: Principal, deps: AppDeps, engine: ChatEngine, publish: (e: OutEvent[]) => void) {
  const actor = { role: 'agent' as const, username: who.username, name: who.name };
  on(socket, deps.log, 'chat:send', agentEvents['chat:send'], async ({ chatId, body, clientMsgId }) => {
    const { value, events, duplicate } = await engine.sendMessage(actor, chatId, body, clientMsgId);
    setImmediate(() => publish(exceptSender(events, socket.id)));
    return { message: value, ...(duplicate ? { duplicate } : {}) };
  });
  on(socket, deps.log, 'chat:end', agentEvents['chat:end'], async ({ chatId }) => {
    const { events } = await engine.endChat(actor, chatId);
    setImmediate(() => publish(events));
    return {};
  });
  on(socket, deps.log, 'chat:transfer', agentEvents['chat:transfer'], async ({ chatId, to }) => {
    const { events } = await engine.transferChat(actor, chatId, to);
    setImmediate(() => publish(events));
    return {};
  });
}
