import { Text, type TextProps } from 'ink';
import { forTerminal } from '../state/terminal-text.js';

/**
 * Text from anyone else (visitors, agents, the server) as plain text: control characters and
 * escape sequences are shown as visible `\u…` escapes, never sent to the terminal, and every
 * character takes the columns the terminal really gives it (see `forTerminal`).
 */
export function Safe({ text, multiline, ...props }: TextProps & { text: string; multiline?: boolean }) {
  return <Text {...props}>{forTerminal(text, multiline)}</Text>;
}
