import { Box, Text } from 'ink';
import type { ChatMessage } from '../../server/protocol/models.js';
import { clock } from '../state/format.js';
import { Safe } from './Safe.js';

export interface TranscriptProps {
  messages: ChatMessage[];
  /** The agent's own username: their messages are labelled and coloured as theirs. */
  me: string;
  /** Messages hidden below the view (scrolled back). */
  scrolledBack: number;
}

const roleColor = { visitor: 'cyan', agent: 'green', system: 'yellow' } as const;

function Line({ m, me }: { m: ChatMessage; me: string }) {
  if (m.from.role === 'system') {
    return (
      <Box flexShrink={0}>
        <Text color="yellow" dimColor wrap="wrap">
          {clock(m.sentAt)} ── <Safe text={m.body} multiline /> ──
        </Text>
      </Box>
    );
  }
  const mine = m.from.role === 'agent' && m.from.username === me;
  return (
    <Box flexShrink={0}>
      <Text wrap="wrap">
        <Text dimColor>{clock(m.sentAt)} </Text>
        <Safe text={m.from.name} bold color={mine ? 'green' : roleColor[m.from.role]} />
        <Text dimColor> → </Text>
        {m.to ? <Safe text={m.to.name} color={roleColor[m.to.role]} /> : <Text dimColor>(queue)</Text>}
        <Text dimColor>: </Text>
        <Safe text={m.body} multiline />
      </Text>
    </Box>
  );
}

/**
 * A chat's messages, newest at the bottom: every line with time, sender and receiver; system notes
 * set apart. Older lines are clipped at the top when they do not fit.
 */
export function Transcript({ messages, me, scrolledBack }: TranscriptProps) {
  const shown = scrolledBack > 0 ? messages.slice(0, Math.max(0, messages.length - scrolledBack)) : messages;
  return (
    <Box flexDirection="column" flexGrow={1} flexBasis={0} overflow="hidden">
      <Box flexDirection="column" flexGrow={1} flexBasis={0} justifyContent="flex-end" overflow="hidden">
        {shown.length === 0 ? <Text dimColor>No messages yet.</Text> : null}
        {shown.map((m) => (
          <Line key={m.id} m={m} me={me} />
        ))}
      </Box>
      {scrolledBack > 0 ? (
        <Text color="yellow" dimColor>
          ↓ {scrolledBack} newer message{scrolledBack === 1 ? '' : 's'} (PgDn)
        </Text>
      ) : null}
    </Box>
  );
}
