// What the chat view says about the state of the chat: the header, the banner under it, and the line
// an empty conversation shows. Pure: the chat's state in, words out.

/**
 * @param {{ status: 'active' | 'queued' | 'ended', agentName: string | null, connected: boolean,
 *   everConnected: boolean, unreachable?: boolean, refused?: boolean, ahead: number, agentsOnline?: number,
 *   agentConnected: boolean, hasMessages: boolean }} c
 * @returns {{ agentName: string | null, state: string, kind: 'online' | 'waiting' | 'offline' | 'ended',
 *   banner: string, bannerKind: 'warn' | 'error', empty: string }}
 */
export function chatStatus(c) {
  if (c.status === 'ended') {
    return {
      agentName: c.agentName,
      state: 'Chat ended',
      kind: 'ended',
      banner: c.refused ? 'This chat can’t be opened any more (the link expired).' : '',
      bannerKind: 'error',
      empty: 'This chat ended before anyone wrote.',
    };
  }
  const waiting = c.status === 'queued';
  const empty = waiting
    ? 'An agent will be with you soon.'
    : c.agentName
      ? `You’re chatting with ${c.agentName}. Say hello!`
      : 'Say hello!';
  if (!c.connected) {
    return {
      agentName: waiting ? null : c.agentName,
      state: c.everConnected ? 'Reconnecting…' : 'Connecting…',
      kind: 'offline',
      banner:
        c.everConnected || c.unreachable
          ? 'Connection lost — reconnecting… What you write now is sent as soon as you’re back.'
          : '',
      bannerKind: 'error',
      empty,
    };
  }
  if (waiting) {
    const nobody =
      c.agentsOnline === 0
        ? ' No agents are online right now — you’ll be connected as soon as one is back.'
        : ' Keep writing — the next agent will see it all.';
    return {
      agentName: null,
      state: c.agentsOnline === 0 ? 'No agents online' : 'An agent will join soon',
      kind: 'waiting',
      banner: `You’re back in the queue (${c.ahead} ahead).${nobody}`,
      bannerKind: 'warn',
      empty,
    };
  }
  if (!c.agentConnected) {
    return {
      agentName: c.agentName,
      state: 'Connection dropped',
      kind: 'waiting',
      banner: 'Your agent’s connection dropped — you’ll be reconnected or passed to another agent.',
      bannerKind: 'warn',
      empty,
    };
  }
  return { agentName: c.agentName, state: 'Online', kind: 'online', banner: '', bannerKind: 'warn', empty };
}
