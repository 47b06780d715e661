import { Text, type TextProps } from 'ink';
import { clean } from '../state/sanitize.js';

/**
 * Text from anyone else (visitors, agents, the server) as plain text: control characters and
 * escape sequences are shown as visible `\u…` escapes, never sent to the terminal.
 */
export function Safe({ text, multiline, ...props }: TextProps & { text: string; multiline?: boolean }) {
  return <Text {...props}>{clean(text, multiline)}</Text>;
}
