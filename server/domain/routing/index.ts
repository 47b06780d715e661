import { leastLoaded } from './least-loaded.js';
import type { RoutingStrategy } from './types.js';

export type { AgentLoad, RoutingStrategy } from './types.js';
export { leastLoaded } from './least-loaded.js';

/** Every available routing strategy, by config name. Register new ones here explicitly. */
export const ROUTING_STRATEGIES = {
  'least-loaded': leastLoaded,
} as const satisfies Record<string, RoutingStrategy>;

export type RoutingName = keyof typeof ROUTING_STRATEGIES;
