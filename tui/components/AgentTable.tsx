import { Box, Text } from 'ink';
import type { AgentView } from '../../server/protocol/models.js';
import { agentColumns, type AgentColumn } from '../state/agent-columns.js';
import { windowStart } from '../state/format.js';
import { Safe } from './Safe.js';

export interface AgentTableProps {
  agents: AgentView[] | null;
  selected: string | null;
  /** The keys act on this list (else the selection is not highlighted). */
  focused?: boolean;
  /** Columns inside the border. */
  width: number;
  height: number;
}

function Row({ columns, agent, selected }: { columns: AgentColumn[]; agent: AgentView; selected: boolean }) {
  return (
    <Box flexShrink={0} height={1}>
      {columns.map((c, i) => {
        const cell = c.cell(agent);
        const text = i === 0 ? `${selected ? '▸' : ' '} ${cell.text}` : cell.text;
        return (
          <Box key={c.title} width={c.width} flexShrink={0} overflow="hidden">
            <Safe
              text={text}
              wrap="truncate"
              color={cell.color}
              dimColor={agent.role === 'admin' && !cell.color}
              inverse={selected && i === 0}
            />
          </Box>
        );
      })}
    </Box>
  );
}

/** Accounts with status, live connection and load; admin accounts are shown but not managed here. */
export function AgentTable({ agents, selected, focused = true, width, height }: AgentTableProps) {
  const list = agents ?? [];
  const columns = agentColumns(list, width);
  const at = Math.max(
    0,
    list.findIndex((a) => a.username === selected),
  );
  const rows = Math.max(1, height - 3);
  const start = windowStart(list.length, at, rows);
  return (
    <Box flexDirection="column" flexGrow={1} borderStyle="round" borderColor="gray" overflow="hidden">
      <Box flexShrink={0} height={1}>
        {columns.map((c) => (
          <Box key={c.title} width={c.width} flexShrink={0} overflow="hidden">
            <Text bold>{c.title}</Text>
          </Box>
        ))}
      </Box>
      {agents === null ? <Text dimColor>Loading…</Text> : null}
      {list.slice(start, start + rows).map((a) => (
        <Row key={a.username} columns={columns} agent={a} selected={focused && a.username === selected} />
      ))}
    </Box>
  );
}
