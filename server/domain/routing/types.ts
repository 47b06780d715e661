/** Current load of one online, connected agent, as seen by a routing strategy. */
export interface AgentLoad {
  username: string;
  openChats: number;
  maxChats: number;
  /** Epoch ms of the agent's last assignment or of coming online. */
  idleSince: number;
}

/**
 * Picks the agent that should take the next chat, or undefined when nobody
 * can. Pure: must not mutate candidates. Callers pass only online, connected agents.
 */
export type RoutingStrategy = (candidates: readonly AgentLoad[]) => string | undefined;
