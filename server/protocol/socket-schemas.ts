import { z } from 'zod';
import { messageBody } from './schemas.js';
import { agentTyping, visitorTyping } from './visitor-context.js';

/** Payloads of the events clients emit (each answered through its ack). */
const chatId = z.string().min(1).max(64);
/** Idempotency key chosen by the sender (added to the contract): a retry with it is stored once. */
export const clientMsgId = z.string().min(1).max(64).optional();

export const agentEvents = {
  'chat:send': z.object({ chatId, body: messageBody, clientMsgId }),
  'chat:end': z.object({ chatId }),
  'chat:transfer': z.object({ chatId, to: z.string().min(1).max(64) }),
  'chat:typing': agentTyping,
  /** v2: internal notes; body limits as messages. */
  'chat:note': z.object({ chatId, body: messageBody, clientMsgId }),
} as const;

export const visitorEvents = {
  'chat:send': z.object({ body: messageBody, clientMsgId }),
  'chat:end': z.object({}).passthrough(),
  'chat:typing': visitorTyping,
} as const;
