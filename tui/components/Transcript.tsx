import { Box, Text } from 'ink';
import type { ChatMessage } from '../../server/protocol/models.js';
import { clock } from '../state/format.js';
import { forTerminal } from '../state/terminal-text.js';
import { lastLines, wrapRuns, type Run } from '../state/wrap.js';
import { type Style, WrappedLines } from './WrappedLines.js';

export interface TranscriptProps {
  messages: ChatMessage[];
  /** The agent's own username: their messages are labelled and coloured as theirs. */
  me: string;
  /** Messages hidden below the view (scrolled back). */
  scrolledBack: number;
  /** Columns for the text. */
  width: number;
  /** Rows at most (older lines beyond are not laid out). */
  rows: number;
  /** The visitor is typing: shown under the last message (with the draft, when the server forwards it). */
  typing?: { name: string; draft?: string };
}

const DIM: Style = { dimColor: true };
const PLAIN: Style = {};
const SYSTEM: Style = { color: 'yellow', dimColor: true };
/** Internal notes: only agents see them; set apart from what the visitor reads. */
const NOTE: Style = { color: 'magenta' };
const NAME = {
  mine: { bold: true, color: 'green' },
  visitor: { bold: true, color: 'cyan' },
  agent: { bold: true, color: 'green' },
  system: { bold: true, color: 'yellow' },
} satisfies Record<string, Style>;
const TO = { visitor: { color: 'cyan' }, agent: { color: 'green' }, system: { color: 'yellow' } } satisfies Record<
  string,
  Style
>;

/** One message as styled text: time, sender → receiver, body; system notes set apart. */
function runsOf(m: ChatMessage, me: string): Run<Style>[] {
  const body = forTerminal(m.body, true);
  if (m.from.role === 'system') return [{ text: `${clock(m.sentAt)} ── ${body} ──`, style: SYSTEM }];
  if (m.internal) {
    return [
      { text: `${clock(m.sentAt)} `, style: DIM },
      { text: '[note] ', style: NOTE },
      { text: forTerminal(m.from.name), style: NOTE },
      { text: ': ', style: DIM },
      { text: body, style: NOTE },
    ];
  }
  const mine = m.from.role === 'agent' && m.from.username === me;
  return [
    { text: `${clock(m.sentAt)} `, style: DIM },
    { text: forTerminal(m.from.name), style: mine ? NAME.mine : NAME[m.from.role] },
    { text: ' → ', style: DIM },
    m.to ? { text: forTerminal(m.to.name), style: TO[m.to.role] } : { text: '(queue)', style: DIM },
    { text: ': ', style: DIM },
    { text: body, style: PLAIN },
  ];
}

/**
 * A chat's messages, newest at the bottom: every line with time, sender and receiver; system notes
 * set apart. Older lines are clipped at the top when they do not fit.
 */
export function Transcript({ messages, me, scrolledBack, width, rows, typing }: TranscriptProps) {
  const shown = scrolledBack > 0 ? messages.slice(0, Math.max(0, messages.length - scrolledBack)) : messages;
  const lines = lastLines(shown, (m) => wrapRuns(runsOf(m, me), width), rows - (typing ? 1 : 0));
  return (
    <Box flexDirection="column" flexGrow={1} flexBasis={0} overflow="hidden">
      <Box flexDirection="column" flexGrow={1} flexBasis={0} justifyContent="flex-end" overflow="hidden">
        {shown.length === 0 ? <Text dimColor>No messages yet.</Text> : null}
        <WrappedLines lines={lines} />
      </Box>
      {typing ? (
        <Text color="cyan" dimColor wrap="truncate">
          {typing.draft
            ? `${forTerminal(typing.name)} is typing: ${forTerminal(typing.draft.replace(/\s+/g, ' '))}`
            : `${forTerminal(typing.name)} is typing…`}
        </Text>
      ) : null}
      {scrolledBack > 0 ? (
        <Text color="yellow" dimColor>
          ↓ {scrolledBack} newer message{scrolledBack === 1 ? '' : 's'} (PgDn)
        </Text>
      ) : null}
    </Box>
  );
}
