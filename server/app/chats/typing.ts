import { chatFor } from '../../domain/chat-access.js';
import { createKeyedSerializer } from '../../domain/serialize.js';
import { createTypingThrottle, type ThrottleTimers, type TypingSignal } from '../../domain/typing-throttle.js';
import { draftTail } from '../../domain/visitor.js';
import { toAgent, toVisitor, type OutEvent } from '../events.js';
import type { ChatCtx } from './context.js';

type Side = { side: 'visitor'; chatId: string } | { side: 'agent'; chatId: string; name: string };

/**
 * Typing indicators (contract v2), relayed between a chat's visitor and its current agent only,
 * through the same publish path as every chat event (so across nodes with the Redis adapter). Each
 * chat and side is throttled on the node that receives the signals (domain/typing-throttle.ts).
 * The visitor's draft reaches the agent only with --typing-preview.
 */
export function createTypingRelay(ctx: ChatCtx, publish: (events: OutEvent[]) => void, timers?: ThrottleTimers) {
  const { deps } = ctx;
  const preview = deps.config.typingPreview;

  const deliver = async (key: string, signal: TypingSignal) => {
    const to = JSON.parse(key) as Side;
    if (to.side === 'agent') {
      publish([toVisitor(to.chatId, 'chat:typing', { typing: signal.typing, name: to.name })]);
      return;
    }
    // Whoever holds the chat when the signal goes out.
    const chat = await ctx.store.getChat(to.chatId);
    if (chat?.status !== 'active' || !chat.agentUsername) return;
    const draft = signal.typing && signal.draft ? { draft: signal.draft } : {};
    publish([toAgent(chat.agentUsername, 'chat:typing', { chatId: to.chatId, typing: signal.typing, ...draft })]);
  };
  const throttle = createTypingThrottle(
    (key, signal) =>
      void deliver(key, signal).catch((err) => deps.log.error({ err }, 'typing indicator not delivered')),
    timers,
  );

  // One sender's signals are checked one at a time, so they reach the throttle in the order they came
  // (the chat is read from the store for each: a later `false` must not overtake an earlier `true`).
  const inOrder = createKeyedSerializer();

  return {
    /** The visitor of `chatId` types (or stopped). An ended chat is `gone`. */
    visitor: (chatId: string, signal: TypingSignal): Promise<void> =>
      inOrder(`visitor:${chatId}`, async () => {
        chatFor({ role: 'visitor', chatId }, chatId, await ctx.store.getChat(chatId));
        const draft = preview && signal.typing && signal.draft ? { draft: draftTail(signal.draft) } : {};
        const side: Side = { side: 'visitor', chatId };
        throttle.receive(JSON.stringify(side), { typing: signal.typing, ...draft });
      }),
    /** An agent types in a chat it holds (`forbidden` otherwise). */
    agent: (actor: { username: string; name: string }, chatId: string, typing: boolean): Promise<void> =>
      inOrder(`agent:${actor.username}:${chatId}`, async () => {
        const chat = chatFor({ role: 'agent', ...actor }, chatId, await ctx.store.getChat(chatId));
        const side: Side = { side: 'agent', chatId, name: chat.agentName ?? actor.name };
        throttle.receive(JSON.stringify(side), { typing });
      }),
  };
}
