import { Box, Text } from 'ink';
import type { Notice } from '../state/notices.js';
import type { Connection } from '../state/session.js';
import { Safe } from './Safe.js';

export interface StatusLineProps {
  notice: Notice | null;
  connection: Connection;
  /** A question that takes the keyboard (quit menu), shown instead of the notice. */
  prompt?: string;
}

const NOTICE_COLOR = { info: undefined, alert: 'yellow', error: 'red' } as const;

function connectionText(c: Connection): { text: string; color: string } {
  if (c.state === 'connected') return { text: '● connected', color: 'green' };
  if (c.state === 'refused') return { text: '✕ session refused', color: 'red' };
  if (c.state === 'connecting') return { text: '… connecting', color: 'yellow' };
  return { text: `⟳ reconnecting${c.attempts ? ` (${c.attempts})` : ''}`, color: 'yellow' };
}

/** The line above the keys: the latest announcement (new chat, errors…) and the connection. */
export function StatusLine({ notice, connection, prompt }: StatusLineProps) {
  const conn = connectionText(connection);
  return (
    <Box flexShrink={0} height={1} overflow="hidden">
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        {prompt ? (
          <Text bold wrap="truncate">
            {prompt}
          </Text>
        ) : notice ? (
          <Safe text={notice.text} color={NOTICE_COLOR[notice.level]} bold={notice.level !== 'info'} wrap="truncate" />
        ) : (
          <Text> </Text>
        )}
      </Box>
      {prompt ? null : (
        <Box flexShrink={0}>
          <Text color={conn.color}> {conn.text}</Text>
        </Box>
      )}
    </Box>
  );
}
