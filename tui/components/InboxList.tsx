import { Box, Text } from 'ink';
import type { OfflineMessage } from '../../server/protocol/offline-messages.js';
import { age, windowStart } from '../state/format.js';
import { firstLine, type InboxFilter } from '../state/inbox.js';
import { Safe } from './Safe.js';

export interface InboxListProps {
  messages: OfflineMessage[] | null;
  selectedId: string | null;
  filter: InboxFilter;
  width: number;
  /** Rows available, border included. */
  height: number;
  now: number;
  error?: string;
}

const MARK = { open: { text: '●', color: 'yellow' }, answered: { text: '✓', color: 'green' }, closed: { text: '✕' } };

/** The left messages, newest first, two rows each: name and age, then e-mail and the first line. */
export function InboxList({ messages, selectedId, filter, width, height, now, error }: InboxListProps) {
  const list = messages ?? [];
  const selected = Math.max(
    0,
    list.findIndex((m) => m.id === selectedId),
  );
  const rows = Math.max(1, Math.floor((height - 3) / 2));
  const start = windowStart(list.length, selected, rows);
  return (
    <Box flexDirection="column" width={width} flexShrink={0} borderStyle="round" borderColor="gray" overflow="hidden">
      <Box flexShrink={0} height={1} overflow="hidden">
        <Text wrap="truncate">
          <Text bold>Inbox </Text>
          <Text dimColor>{messages ? `(${list.length} ${filter})` : `(${filter})`}</Text>
          {start > 0 ? <Text dimColor> ↑{start}</Text> : null}
        </Text>
      </Box>
      {error ? <Safe text={error} color="red" wrap="wrap" /> : null}
      {!messages && !error ? <Text dimColor>Fetching…</Text> : null}
      {messages && list.length === 0 ? (
        <Text dimColor wrap="wrap">
          {filter === 'open' ? 'No open messages. Messages visitors leave appear here.' : `No ${filter} messages.`}
        </Text>
      ) : null}
      {list.slice(start, start + rows).map((m) => {
        const isSel = m.id === selectedId;
        const mark = MARK[m.status];
        return (
          <Box key={m.id} flexDirection="column" flexShrink={0} height={2}>
            <Box flexShrink={0} height={1}>
              <Box flexShrink={0}>
                <Text inverse={isSel} bold={isSel}>
                  {isSel ? '▸' : ' '}
                </Text>
                <Text color={'color' in mark ? mark.color : 'gray'}>{mark.text}</Text>
              </Box>
              <Box flexGrow={1} flexShrink={1} overflow="hidden">
                <Safe text={` ${m.name}`} wrap="truncate" bold inverse={isSel} />
              </Box>
              <Box flexShrink={0}>
                <Text dimColor>{` ${age(m.createdAt, now).padStart(3)}`}</Text>
              </Box>
            </Box>
            <Box flexShrink={0} height={1} overflow="hidden" paddingLeft={3}>
              <Text wrap="truncate">
                <Safe text={m.email} color="cyan" />
                <Safe text={` ${firstLine(m.body)}`} dimColor />
              </Text>
            </Box>
          </Box>
        );
      })}
      {start + rows < list.length ? <Text dimColor>↓{list.length - start - rows} more</Text> : null}
    </Box>
  );
}
