import { Box, Text } from 'ink';
import type { Conversation } from '../state/agent-messages.js';
import { age, presence, windowStart } from '../state/format.js';
import { Safe } from './Safe.js';

export interface ConversationListProps {
  conversations: Conversation[];
  selected: string | null;
  width: number;
  height: number;
  now: number;
}

/** Conversations with other agents (offline ones too): unread count and age of the last message. */
export function ConversationList({ conversations, selected, width, height, now }: ConversationListProps) {
  const at = Math.max(
    0,
    conversations.findIndex((c) => c.username === selected),
  );
  const rows = Math.max(1, height - 2);
  const start = windowStart(conversations.length, at, rows);
  return (
    <Box flexDirection="column" width={width} flexShrink={0} borderStyle="round" borderColor="gray" overflow="hidden">
      <Text bold>Agents</Text>
      {conversations.length === 0 ? <Text dimColor>No conversations yet. ^N writes to an agent.</Text> : null}
      {conversations.slice(start, start + rows).map((c) => {
        const isSel = c.username === selected;
        return (
          <Box key={c.username} flexShrink={0} height={1}>
            <Box flexShrink={0}>
              <Text inverse={isSel}>{isSel ? '▸' : ' '}</Text>
              <Text color={presence(c.status, c.connected).color}>
                {c.status ? presence(c.status, c.connected).dot : ' '}
              </Text>
            </Box>
            <Box flexGrow={1} flexShrink={1} overflow="hidden">
              <Safe text={` ${c.name ?? c.username}`} wrap="truncate" inverse={isSel} bold={c.unread > 0} />
            </Box>
            <Box flexShrink={0}>
              <Text color="yellow" bold>
                {c.unread > 0 ? ` ${c.unread}` : ''}
              </Text>
              <Text dimColor>{c.last ? ` ${age(c.last.sentAt, now).padStart(3)}` : ''}</Text>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
