import type { AgentLoad, RoutingStrategy } from './types.js';

/** True when a should be preferred over b: fewer open chats, then idle longest, then username. */
function better(a: AgentLoad, b: AgentLoad): boolean {
  if (a.openChats !== b.openChats) return a.openChats < b.openChats;
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  return a.username < b.username;
}

/**
 * Among agents with spare capacity (openChats < maxChats), the one with the
 * fewest open chats; ties go to the smallest idleSince, then username
 * ascending. undefined when nobody has room. O(n).
 */
export const leastLoaded: RoutingStrategy = (candidates) => {
  let best: AgentLoad | undefined;
  for (const agent of candidates) {
    if (!(agent.openChats < agent.maxChats)) continue;
    if (best === undefined || better(agent, best)) best = agent;
  }
  return best?.username;
};
