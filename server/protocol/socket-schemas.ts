import { z } from 'zod';
import { messageBody } from './schemas.js';

/** Payloads of the events clients emit (each answered through its ack). */
const chatId = z.string().min(1).max(64);

export const agentEvents = {
  'chat:send': z.object({ chatId, body: messageBody }),
  'chat:end': z.object({ chatId }),
  'chat:transfer': z.object({ chatId, to: z.string().min(1).max(64) }),
} as const;

export const visitorEvents = {
  'chat:send': z.object({ body: messageBody }),
  'chat:end': z.object({}).passthrough(),
} as const;
