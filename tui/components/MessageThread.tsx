import { Box, Text } from 'ink';
import type { AgentMessage } from '../../server/protocol/models.js';
import type { Colleague } from '../state/agent-messages.js';
import { clock } from '../state/format.js';
import { Safe } from './Safe.js';

export interface MessageThreadProps {
  messages: AgentMessage[];
  me: { username: string; name: string };
  peer: Colleague | undefined;
}

/** One conversation between agents, newest at the bottom, with sender and receiver on every line. */
export function MessageThread({ messages, me, peer }: MessageThreadProps) {
  const nameOf = (u: string) => (u === me.username ? me.name : u === peer?.username && peer.name ? peer.name : u);
  return (
    <Box flexDirection="column" flexGrow={1} flexBasis={0} justifyContent="flex-end" overflow="hidden">
      {messages.length === 0 ? <Text dimColor>No messages yet. Write one below.</Text> : null}
      {messages.map((m) => (
        <Box key={m.id} flexShrink={0}>
          <Text wrap="wrap">
            <Text dimColor>{clock(m.sentAt)} </Text>
            <Safe text={nameOf(m.from)} bold color={m.from === me.username ? 'green' : 'cyan'} />
            <Text dimColor> → </Text>
            <Safe text={nameOf(m.to)} color={m.to === me.username ? 'green' : 'cyan'} />
            <Text dimColor>: </Text>
            <Safe text={m.body} multiline />
          </Text>
        </Box>
      ))}
    </Box>
  );
}
