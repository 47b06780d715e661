import { Box, Text } from 'ink';
import type { AgentMessage } from '../../server/protocol/models.js';
import type { Colleague } from '../state/agent-messages.js';
import { clock } from '../state/format.js';
import { forTerminal } from '../state/terminal-text.js';
import { lastLines, wrapRuns, type Run } from '../state/wrap.js';
import { type Style, WrappedLines } from './WrappedLines.js';

export interface MessageThreadProps {
  messages: AgentMessage[];
  me: { username: string; name: string };
  peer: Colleague | undefined;
  /** Columns for the text. */
  width: number;
  /** Rows at most. */
  rows: number;
}

const DIM: Style = { dimColor: true };
const PLAIN: Style = {};
const ME_FROM: Style = { bold: true, color: 'green' };
const PEER_FROM: Style = { bold: true, color: 'cyan' };
const ME_TO: Style = { color: 'green' };
const PEER_TO: Style = { color: 'cyan' };

/** One conversation between agents, newest at the bottom, with sender and receiver on every line. */
export function MessageThread({ messages, me, peer, width, rows }: MessageThreadProps) {
  const nameOf = (u: string) => (u === me.username ? me.name : u === peer?.username && peer.name ? peer.name : u);
  const runsOf = (m: AgentMessage): Run<Style>[] => [
    { text: `${clock(m.sentAt)} `, style: DIM },
    { text: forTerminal(nameOf(m.from)), style: m.from === me.username ? ME_FROM : PEER_FROM },
    { text: ' → ', style: DIM },
    { text: forTerminal(nameOf(m.to)), style: m.to === me.username ? ME_TO : PEER_TO },
    { text: ': ', style: DIM },
    { text: forTerminal(m.body, true), style: PLAIN },
  ];
  const lines = lastLines(messages, (m) => wrapRuns(runsOf(m), width), rows);
  return (
    <Box flexDirection="column" flexGrow={1} flexBasis={0} justifyContent="flex-end" overflow="hidden">
      {messages.length === 0 ? <Text dimColor>No messages yet. Write one below.</Text> : null}
      <WrappedLines lines={lines} />
    </Box>
  );
}
