import { z } from 'zod';

/**
 * Contract v2: what a visitor tells about itself when it joins (visitor context), what staff see of
 * it, typing indicators and ratings. Schemas and wire types; validation happens once, at the edge.
 */

export const VISITOR_LIMITS = {
  urlMax: 2048,
  titleMax: 256,
  attributesMax: 20,
  attributeValueMax: 256,
  userAgentMax: 256,
  visitorIdMax: 64,
  draftMax: 200,
  /** A draft longer than this is refused; up to it, the last `draftMax` characters are forwarded. */
  draftInMax: 4000,
  ratingCommentMax: 1000,
} as const;

export const ATTRIBUTE_KEY_RE = /^[A-Za-z0-9_.-]{1,32}$/;
/** What a visitorId issued by this server looks like (and the only shape accepted back). */
export const VISITOR_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

const webUrl = (field: string) =>
  z
    .string()
    .max(VISITOR_LIMITS.urlMax, `${field} must be at most ${VISITOR_LIMITS.urlMax} characters`)
    .refine(
      (s) => {
        try {
          const u = new URL(s);
          return u.protocol === 'http:' || u.protocol === 'https:';
        } catch {
          return false;
        }
      },
      { message: `${field} must be an http(s) URL` },
    );

/** The page the visitor was on. */
export const pageInfo = z
  .object({
    url: webUrl('page.url').optional(),
    title: z
      .string()
      .max(VISITOR_LIMITS.titleMax, `page.title must be at most ${VISITOR_LIMITS.titleMax} characters`)
      .optional(),
    referrer: webUrl('page.referrer').optional(),
  })
  .strict();

const attributeValue = z.union([
  z
    .string()
    .max(
      VISITOR_LIMITS.attributeValueMax,
      `attribute values must be at most ${VISITOR_LIMITS.attributeValueMax} characters`,
    ),
  z.number().refine(Number.isFinite, { message: 'attribute numbers must be finite' }),
  z.boolean(),
]);

/** Free-form facts the host site passes (plan, order number…). */
export const visitorAttributes = z
  .record(z.string().regex(ATTRIBUTE_KEY_RE, 'attribute keys must match ^[A-Za-z0-9_.-]{1,32}$'), attributeValue)
  .refine((a) => Object.keys(a).length <= VISITOR_LIMITS.attributesMax, {
    message: `at most ${VISITOR_LIMITS.attributesMax} attributes`,
  });

export const visitorEmail = z
  .string()
  .trim()
  .max(254, 'email must be at most 254 characters')
  .email('email must be a valid e-mail address');

/** The fields of `POST /api/queue` besides `name`. */
export const visitorContextFields = {
  email: visitorEmail.optional(),
  page: pageInfo.optional(),
  attributes: visitorAttributes.optional(),
  visitorId: z.string().regex(VISITOR_ID_RE, 'visitorId must be an id this server gave').optional(),
};

export type PageInfo = z.infer<typeof pageInfo>;
export type VisitorAttributes = z.infer<typeof visitorAttributes>;

/** What staff see of a chat's visitor (`chats:open`, `chat:assigned`, `GET /api/chats…`). */
export interface VisitorView {
  name: string;
  email?: string;
  page?: PageInfo;
  attributes?: VisitorAttributes;
  userAgent?: string;
  locale?: string;
  visitorId: string;
  /** Chats started earlier with the same visitorId. */
  previousChats: number;
}

/** `POST /api/chat/rating`. */
export const ratingBody = z.object({
  score: z
    .number()
    .int('score must be a whole number from 1 to 5')
    .min(1, 'score must be 1 to 5')
    .max(5, 'score must be 1 to 5'),
  comment: z
    .string()
    .max(VISITOR_LIMITS.ratingCommentMax, `comment must be at most ${VISITOR_LIMITS.ratingCommentMax} characters`)
    .optional(),
});

export interface RatingView {
  score: number;
  comment?: string;
  ratedAt: string;
}

/** `chat:typing` from each side. */
export const visitorTyping = z.object({
  typing: z.boolean(),
  draft: z
    .string()
    .max(VISITOR_LIMITS.draftInMax, `draft must be at most ${VISITOR_LIMITS.draftInMax} characters`)
    .optional(),
});
export const agentTyping = z.object({ chatId: z.string().min(1).max(64), typing: z.boolean() });
