import { Box, Text } from 'ink';
import type { ChatEntry } from '../state/chats.js';
import { age, windowStart } from '../state/format.js';
import { isWaiting, lastVisitorMessage } from '../state/transcript.js';
import { Safe } from './Safe.js';

export interface ChatListProps {
  chats: ChatEntry[];
  selectedId: string | null;
  width: number;
  /** Rows available for entries. */
  height: number;
  now: number;
}

function marker(c: ChatEntry): { text: string; color?: string } {
  if (c.ended) return { text: '✕ ', color: 'gray' };
  if (c.unread > 0) return { text: `●${c.unread > 9 ? '+' : c.unread}`, color: 'yellow' };
  if (isWaiting(c.transcript)) return { text: '○ ', color: 'cyan' };
  return { text: '  ' };
}

/** The open chats: visitor, unread/waiting marker, time since the visitor's last message (cyan: unanswered). */
export function ChatList({ chats, selectedId, width, height, now }: ChatListProps) {
  const selected = Math.max(
    0,
    chats.findIndex((c) => c.chatId === selectedId),
  );
  const rows = Math.max(1, height - 2);
  const start = windowStart(chats.length, selected, rows);
  const shown = chats.slice(start, start + rows);
  return (
    <Box flexDirection="column" width={width} flexShrink={0} borderStyle="round" borderColor="gray" overflow="hidden">
      <Box flexShrink={0} height={1}>
        <Text bold>Chats </Text>
        <Text dimColor>({chats.length})</Text>
        {start > 0 ? <Text dimColor> ↑{start}</Text> : null}
      </Box>
      {chats.length === 0 ? (
        <Text dimColor wrap="wrap">
          No open chats. New chats appear here.
        </Text>
      ) : null}
      {shown.map((c) => {
        const isSel = c.chatId === selectedId;
        const m = marker(c);
        const last = lastVisitorMessage(c.transcript);
        // Waiting for a reply: how long, in the marker's colour (the reminder rings until answered).
        const waiting = !c.ended && isWaiting(c.transcript);
        return (
          <Box key={c.chatId} flexShrink={0} height={1}>
            <Box flexShrink={0}>
              <Text inverse={isSel} bold={isSel}>
                {isSel ? '▸' : ' '}
              </Text>
              <Text color={m.color} bold>
                {m.text}
              </Text>
            </Box>
            <Box flexGrow={1} flexShrink={1} overflow="hidden">
              <Safe text={` ${c.visitor.name}`} wrap="truncate" inverse={isSel} dimColor={Boolean(c.ended || c.away)} />
            </Box>
            <Box flexShrink={0}>
              <Text dimColor={!waiting} color={waiting ? 'cyan' : undefined}>
                {last ? ` ${age(last.sentAt, now).padStart(3)}` : ''}
              </Text>
            </Box>
          </Box>
        );
      })}
      {start + rows < chats.length ? <Text dimColor>↓{chats.length - start - rows} more</Text> : null}
    </Box>
  );
}
