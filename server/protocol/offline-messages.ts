import { z } from 'zod';
import { LIMITS } from './limits.js';
import { displayName, messageBody } from './schemas.js';
import { pageInfo, visitorEmail, type PageInfo } from './visitor-context.js';

/** Contract v2, "Leave a message": bodies, queries and wire shapes of /api/offline-messages. */

export const OFFLINE_STATUSES = ['open', 'answered', 'closed'] as const;
export type OfflineMessageStatus = (typeof OFFLINE_STATUSES)[number];

/** How many messages one list answer holds at most (newest first). */
export const OFFLINE_LIST_MAX = 500;

/** `POST /api/offline-messages`: name like the queue's, e-mail required, body like a chat message. */
export const offlineMessageBody = z.object({
  name: displayName(LIMITS.visitorNameMax),
  email: visitorEmail,
  body: messageBody,
  page: pageInfo.optional(),
});

export const offlineListQuery = z.object({
  status: z.enum([...OFFLINE_STATUSES, 'all']).optional(),
  limit: z.coerce.number().int().min(1).max(OFFLINE_LIST_MAX).optional(),
});

export const offlineReplyBody = z.object({ body: messageBody });

export const offlineMessageId = z.string().min(1).max(64);

export interface OfflineReply {
  body: string;
  by: { username: string; name: string };
  sentAt: string;
}

export interface OfflineMessage {
  id: string;
  name: string;
  email: string;
  body: string;
  page?: PageInfo;
  createdAt: string;
  status: OfflineMessageStatus;
  replies: OfflineReply[];
}

export type OfflineMessageBody = z.infer<typeof offlineMessageBody>;
