import { Box, Text } from 'ink';
import type { Me } from '../../server/protocol/models.js';
import { presence } from '../state/format.js';
import { Safe } from './Safe.js';

export interface HeaderProps {
  me: Me;
  title: string;
  openChats: number;
  agentUnread: number;
  /** The live connection is up (online without it, no chat can reach this agent). */
  connected: boolean;
  /** Open messages visitors left (null: not known yet, not shown). */
  inbox?: number | null;
}

/** Top line: who is logged in, online/offline, load, open left messages, unread agent messages. */
export function Header({ me, title, openChats, agentUnread, connected, inbox = null }: HeaderProps) {
  const p = presence(me.status, connected);
  const unread = `  ✉ ${agentUnread} `;
  return (
    <Box flexShrink={0} height={1} overflow="hidden">
      <Box flexShrink={0}>
        <Text bold inverse>
          {' Switchboard '}
        </Text>
        <Text> {title} </Text>
      </Box>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Text wrap="truncate">
          <Text dimColor>│ </Text>
          <Safe text={me.name} bold />
          <Safe text={` (${me.username}${me.role === 'admin' ? ', admin' : ''})`} dimColor />
        </Text>
      </Box>
      <Box flexShrink={0}>
        <Text color={p.color === 'gray' ? 'yellow' : p.color}>{` ${p.dot} ${me.status}`}</Text>
        <Text>{`  chats ${openChats}/${me.maxChats}`}</Text>
        {inbox === null ? null : (
          <Text color={inbox > 0 ? 'yellow' : undefined} dimColor={inbox === 0}>{`  inbox ${inbox}`}</Text>
        )}
        <Text color={agentUnread > 0 ? 'yellow' : undefined} dimColor={agentUnread === 0}>
          {unread}
        </Text>
      </Box>
    </Box>
  );
}
