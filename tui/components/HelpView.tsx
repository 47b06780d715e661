import { Box, Text } from 'ink';
import { bindingsOf, keysLabel, type Binding, type Scope } from '../state/keymap.js';

export interface HelpViewProps {
  scopes: readonly (Scope | Binding[])[];
  title: string;
  width: number;
  /** Rows of the body the help replaces. */
  height: number;
}

/** Every key of the screen, from the keymap: the footer's and the rest; two columns when long. */
export function HelpView({ scopes, title, width, height }: HelpViewProps) {
  // One row per action (the first binding listed for it).
  const rows = bindingsOf(scopes).filter((b, i, all) => all.findIndex((x) => x.action === b.action) === i);
  const inner = width - 4;
  const fitsOne = rows.length <= height - 5;
  const colWidth = fitsOne ? inner : Math.floor(inner / 2);
  const perColumn = fitsOne ? rows.length : Math.ceil(rows.length / 2);
  const columns = fitsOne ? [rows] : [rows.slice(0, perColumn), rows.slice(perColumn)];
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} flexGrow={1} overflow="hidden">
      <Text bold>Keys: {title}</Text>
      <Box flexGrow={1} flexBasis={0} overflow="hidden">
        {columns.map((col, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns are known by position
          <Box key={i} flexDirection="column" width={colWidth} flexShrink={0}>
            {col.map((b) => (
              <Box key={b.action} flexShrink={0} height={1} overflow="hidden">
                <Box width={11} flexShrink={0}>
                  <Text bold color="cyan">
                    {keysLabel(b)}
                  </Text>
                </Box>
                <Text wrap="truncate">{b.help}</Text>
              </Box>
            ))}
          </Box>
        ))}
      </Box>
      <Text dimColor wrap="truncate">
        Chats: ● unread · ○ waiting for your answer · ✕ ended. Esc closes the help.
      </Text>
    </Box>
  );
}
