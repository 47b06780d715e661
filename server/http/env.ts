import type { Principal } from '../app/deps.js';

/** Hono context variables set by middleware. */
export interface HttpEnv {
  Variables: {
    principal: Principal;
    /** Set when the request failed unexpectedly: the id in the answer and in the log. */
    requestId?: string;
  };
}
