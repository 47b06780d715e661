import type { Principal } from '../app/deps.js';

/** Hono context variables set by middleware. */
export interface HttpEnv {
  Variables: {
    principal: Principal;
  };
}
