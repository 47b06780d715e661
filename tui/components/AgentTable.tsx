import { Box, Text } from 'ink';
import type { AgentView } from '../../server/protocol/models.js';
import { load, windowStart } from '../state/format.js';
import { Safe } from './Safe.js';

export interface AgentTableProps {
  agents: AgentView[] | null;
  selected: string | null;
  height: number;
}

function Row({
  cells,
  widths,
  dim,
  bold,
  inverse,
}: {
  cells: string[];
  widths: number[];
  dim?: boolean;
  bold?: boolean;
  inverse?: boolean;
}) {
  return (
    <Box flexShrink={0} height={1}>
      {cells.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: cells are columns, known by position
        <Box key={i} width={widths[i]} flexShrink={i === 1 ? 1 : 0} flexGrow={i === 1 ? 1 : 0} overflow="hidden">
          <Safe text={c} wrap="truncate" dimColor={dim} bold={bold} inverse={inverse && i === 0} />
        </Box>
      ))}
    </Box>
  );
}

/** Accounts with status, live connection and load; admin accounts are shown but not managed here. */
export function AgentTable({ agents, selected, height }: AgentTableProps) {
  const widths = [18, 22, 9, 6, 7, 7];
  const list = agents ?? [];
  const at = Math.max(
    0,
    list.findIndex((a) => a.username === selected),
  );
  const rows = Math.max(1, height - 3);
  const start = windowStart(list.length, at, rows);
  return (
    <Box flexDirection="column" flexGrow={1} borderStyle="round" borderColor="gray" overflow="hidden">
      <Row cells={['  USERNAME', 'NAME', 'STATUS', 'LIVE', 'CHATS', 'ROLE']} widths={widths} bold />
      {agents === null ? <Text dimColor>Loading…</Text> : null}
      {list.slice(start, start + rows).map((a) => {
        const isSel = a.username === selected;
        return (
          <Row
            key={a.username}
            cells={[
              `${isSel ? '▸' : ' '} ${a.username}`,
              a.name,
              a.status,
              a.connected ? 'yes' : 'no',
              load(a.openChats, a.maxChats),
              a.role,
            ]}
            widths={widths}
            dim={a.role === 'admin'}
            inverse={isSel}
          />
        );
      })}
    </Box>
  );
}
