import { Box, Text } from 'ink';
import { Safe } from './Safe.js';

/** A yes/no question on one line (the keys are in the footer). */
export function ConfirmLine({ question, busy, error }: { question: string; busy?: boolean; error?: string }) {
  return (
    <Box flexShrink={0} flexDirection="column">
      <Text wrap="truncate">
        <Text color="yellow" bold>
          ?{' '}
        </Text>
        <Safe text={question} bold />
        <Text dimColor> [y/N]</Text>
      </Text>
      {busy ? <Text color="yellow">…</Text> : null}
      {error ? <Safe text={error} color="red" wrap="truncate" /> : null}
    </Box>
  );
}
