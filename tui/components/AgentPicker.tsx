import { Box, Text } from 'ink';
import { load, presence } from '../state/format.js';
import { available, pickerChoices, type PickerState } from '../state/picker.js';
import { InputLine } from './InputLine.js';
import { Safe } from './Safe.js';

const WHY_WIDTH = ' not connected'.length;

export interface AgentPickerProps {
  picker: PickerState;
  visitorName: string;
  width: number;
}

/** The transfer target picker: agents with status and load; type to filter or to give a username. */
export function AgentPicker({ picker, visitorName, width }: AgentPickerProps) {
  const choices = pickerChoices(picker);
  return (
    <Box
      flexDirection="column"
      flexGrow={1}
      flexBasis={0}
      overflow="hidden"
      borderStyle="round"
      borderColor="cyan"
      paddingX={1}
    >
      <Text bold wrap="truncate">
        Transfer the chat with <Safe text={visitorName} /> to:
      </Text>
      <InputLine value={picker.filter} prompt="agent: " width={width - 4} placeholder="type to filter, or a username" />
      {picker.agents === null ? <Text dimColor>Loading agents…</Text> : null}
      {picker.agents !== null && picker.agents.length === 0 ? (
        <Text dimColor>No agent list available: type the username and press Enter.</Text>
      ) : null}
      <Box flexDirection="column" flexGrow={1} flexBasis={0} overflow="hidden">
        {choices.map((c, i) => {
          const ok = available(c);
          const p = presence(c.status, c.connected);
          const why = c.status !== 'online' ? 'offline' : c.connected === false ? 'not connected' : ok ? '' : 'full';
          // Every column but the name has a fixed width, so that they line up whatever a row says.
          return (
            <Box key={c.username} flexShrink={0} height={1}>
              <Box width={2} flexShrink={0}>
                <Text inverse={i === picker.index}>{i === picker.index ? '▸' : ' '}</Text>
              </Box>
              <Box width={18} paddingRight={1} flexShrink={0} overflow="hidden">
                <Safe text={c.username} bold={ok} dimColor={!ok} wrap="truncate" />
              </Box>
              <Box flexGrow={1} flexShrink={1} flexBasis={0} overflow="hidden">
                <Safe text={c.name ?? ''} dimColor={!ok} wrap="truncate" />
              </Box>
              <Box width={2} flexShrink={0} justifyContent="flex-end">
                <Text color={p.color}>{p.dot}</Text>
              </Box>
              <Box width={6} flexShrink={0} justifyContent="flex-end">
                <Text dimColor={!ok}>{load(c.openChats, c.maxChats)}</Text>
              </Box>
              <Box width={WHY_WIDTH} flexShrink={0}>
                <Text color="gray">{why ? ` ${why}` : ''}</Text>
              </Box>
            </Box>
          );
        })}
      </Box>
      {picker.busy ? <Text color="yellow">Transferring…</Text> : null}
      {picker.error ? <Safe text={picker.error} color="red" wrap="truncate" /> : null}
    </Box>
  );
}
