import { Box, Text } from 'ink';
import { bindingsOf, type Binding, type Scope } from '../state/keymap.js';

/** The keys of the current mode, from the keymap itself (wraps onto a second line when narrow). */
export function KeyFooter({ scopes }: { scopes: readonly (Scope | Binding[])[] }) {
  const shown = bindingsOf(scopes).filter((b) => b.footer);
  return (
    <Box flexShrink={0} flexWrap="wrap" columnGap={2}>
      {shown.map((b) => (
        <Box key={b.action + b.label} flexShrink={0}>
          <Text bold color="cyan">
            {b.label}
          </Text>
          <Text> {b.footer}</Text>
        </Box>
      ))}
    </Box>
  );
}
