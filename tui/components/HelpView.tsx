import { Box, Text } from 'ink';
import { HELP_GAP, helpLayout } from '../state/help-layout.js';
import { bindingsOf, keysLabel, type Binding, type Scope } from '../state/keymap.js';

export interface HelpViewProps {
  scopes: readonly (Scope | Binding[])[];
  title: string;
  width: number;
  /** Rows of the body the help replaces. */
  height: number;
}

/** Every key of the screen, from the keymap: the footer's and the rest, in columns that fit. */
export function HelpView({ scopes, title, width, height }: HelpViewProps) {
  // One row per action (the first binding listed for it).
  const bindings = bindingsOf(scopes).filter((b, i, all) => all.findIndex((x) => x.action === b.action) === i);
  const items = bindings.map((b) => ({ keys: keysLabel(b), help: b.help }));
  // Inside the border and padding; the title and the legend take a row each.
  const layout = helpLayout(items, width - 4, height - 4);
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} flexGrow={1} overflow="hidden">
      <Text bold>Keys: {title}</Text>
      <Box flexGrow={1} flexBasis={0} overflow="hidden" columnGap={HELP_GAP}>
        {layout.columns.map((column, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns are known by position
          <Box key={i} flexDirection="column" width={layout.columnWidth} flexShrink={0}>
            {column.map((e) => (
              <Box key={e.keys} flexShrink={0} height={e.lines.length}>
                <Box width={layout.keyWidth} flexShrink={0}>
                  <Text bold color="cyan">
                    {e.keys}
                  </Text>
                </Box>
                <Box flexDirection="column">
                  {e.lines.map((l, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: lines of one description
                    <Text key={j}>{l}</Text>
                  ))}
                </Box>
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
