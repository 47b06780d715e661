/** Which staff accounts hold live /agent connections (on this node). Pure bookkeeping. */
export class Presence {
  private readonly connections = new Map<string, Set<string>>();

  /** Resolves true when this is the account's first live connection. */
  connect(username: string, connectionId: string): boolean {
    const set = this.connections.get(username) ?? new Set<string>();
    const first = set.size === 0;
    this.connections.set(username, set);
    set.add(connectionId);
    return first;
  }

  /** Resolves true when the account's last live connection just went away. */
  disconnect(username: string, connectionId: string): boolean {
    const set = this.connections.get(username);
    if (!set?.delete(connectionId)) return false;
    if (set.size > 0) return false;
    this.connections.delete(username);
    return true;
  }

  isConnected(username: string): boolean {
    return (this.connections.get(username)?.size ?? 0) > 0;
  }

  connectedUsernames(): string[] {
    return [...this.connections.keys()];
  }
}
