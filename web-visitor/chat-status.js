// What the chat view says about the state of the chat: the header, the banner under it, and the line
// an empty conversation shows. Pure: the chat's state in, words out.
import { t } from './words.js';

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
      state: t('status.ended'),
      kind: 'ended',
      banner: c.refused ? t('status.refused') : '',
      bannerKind: 'error',
      empty: t('status.emptyEnded'),
    };
  }
  const waiting = c.status === 'queued';
  const empty = waiting
    ? t('status.emptyWaiting')
    : c.agentName
      ? t('status.emptyWith', { name: c.agentName })
      : t('status.emptyHello');
  if (!c.connected) {
    return {
      agentName: waiting ? null : c.agentName,
      state: c.everConnected ? t('status.reconnecting') : t('status.connecting'),
      kind: 'offline',
      banner: c.everConnected || c.unreachable ? t('status.connectionLost') : '',
      bannerKind: 'error',
      empty,
    };
  }
  if (waiting) {
    const nobody = c.agentsOnline === 0 ? t('status.backNobody') : t('status.backKeepWriting');
    return {
      agentName: null,
      state: c.agentsOnline === 0 ? t('status.noAgents') : t('status.joinSoon'),
      kind: 'waiting',
      banner: `${t('status.backInQueue', { ahead: c.ahead })} ${nobody}`,
      bannerKind: 'warn',
      empty,
    };
  }
  if (!c.agentConnected) {
    return {
      agentName: c.agentName,
      state: t('status.dropped'),
      kind: 'waiting',
      banner: t('status.droppedBanner'),
      bannerKind: 'warn',
      empty,
    };
  }
  return { agentName: c.agentName, state: t('status.online'), kind: 'online', banner: '', bannerKind: 'warn', empty };
}
