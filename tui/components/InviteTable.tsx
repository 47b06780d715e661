import { Box, Text } from 'ink';
import type { PendingInvite } from '../../server/protocol/models.js';
import { windowStart } from '../state/format.js';
import { inviteColumns } from '../state/invite-columns.js';
import { Safe } from './Safe.js';

export interface InviteTableProps {
  invites: PendingInvite[] | null;
  selected: string | null;
  /** The keys act on this list (the selected row is shown). */
  focused: boolean;
  error?: string;
  /** Rows of invites shown at most (the list scrolls to keep the selected one visible). */
  rows: number;
  /** Columns inside the border. */
  width: number;
  now: number;
}

/** Rows the section takes: border, title, column titles and the invites (or a line saying there are none). */
export const inviteTableHeight = (count: number, rows: number): number => 4 + (count > 0 ? Math.min(count, rows) : 0);

/** The invites not used yet: who was invited, by whom, until when. */
export function InviteTable({ invites, selected, focused, error, rows, width, now }: InviteTableProps) {
  const list = invites ?? [];
  const columns = inviteColumns(list, width);
  const at = Math.max(
    0,
    list.findIndex((i) => i.username === selected),
  );
  const start = windowStart(list.length, at, rows);
  const title = `Pending invites${invites ? ` (${list.length})` : ''}`;
  return (
    <Box flexDirection="column" flexShrink={0} borderStyle="round" borderColor="gray" overflow="hidden">
      <Text bold color={focused ? 'cyan' : undefined} wrap="truncate">
        {title}
        {error ? <Safe text={`  ${error}`} color="red" bold={false} /> : null}
        {!error && !focused && list.length > 0 ? <Text dimColor>{'  (Tab selects them)'}</Text> : null}
      </Text>
      {invites === null ? <Text dimColor>{error ? ' ' : 'Loading…'}</Text> : null}
      {invites?.length === 0 ? <Text dimColor>None waiting: i invites an agent.</Text> : null}
      {list.length > 0 ? (
        <Box flexShrink={0} height={1}>
          {columns.map((c) => (
            <Box key={c.title} width={c.width} flexShrink={0} overflow="hidden">
              <Text bold>{c.title}</Text>
            </Box>
          ))}
        </Box>
      ) : null}
      {list.slice(start, start + rows).map((invite) => {
        const mark = focused && invite.username === selected;
        return (
          <Box key={invite.username} flexShrink={0} height={1}>
            {columns.map((c, i) => (
              <Box key={c.title} width={c.width} flexShrink={0} overflow="hidden">
                <Safe
                  text={i === 0 ? `${mark ? '▸' : ' '} ${c.cell(invite, now)}` : c.cell(invite, now)}
                  wrap="truncate"
                  inverse={mark && i === 0}
                />
              </Box>
            ))}
          </Box>
        );
      })}
    </Box>
  );
}
