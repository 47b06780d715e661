import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { ComposerState } from '../state/composer.js';
import { inputRows } from '../state/input-view.js';

export interface InputLineProps {
  value: ComposerState;
  prompt?: string;
  /** Columns available for prompt and text. */
  width: number;
  /** Shown dimmed when there is no text. */
  placeholder?: string;
  /** Bullets instead of the text (passwords). */
  secret?: boolean;
  focused?: boolean;
  /** Rows the text may take (wrapped); 1: one line that scrolls sideways. */
  maxRows?: number;
}

/** A text field with a visible cursor; long text scrolls sideways, or wraps onto up to `maxRows` rows. */
export function InputLine({
  value,
  prompt = '> ',
  width,
  placeholder,
  secret,
  focused = true,
  maxRows = 1,
}: InputLineProps) {
  const promptWidth = stringWidth(prompt);
  const promptText = (
    <Text color={focused ? 'cyan' : 'gray'} bold>
      {prompt}
    </Text>
  );
  if (value.text.length === 0 && placeholder) {
    return (
      <Box flexShrink={0} height={1} overflow="hidden">
        <Box flexShrink={0}>{promptText}</Box>
        <Text wrap="truncate">
          {focused ? <Text inverse> </Text> : null}
          <Text dimColor>{placeholder}</Text>
        </Text>
      </Box>
    );
  }
  const rows = inputRows(value.text, value.cursor, Math.max(2, width - promptWidth), maxRows, secret);
  return (
    <Box flexShrink={0} flexDirection="column">
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows of one field, known by position
        <Box key={i} flexShrink={0} height={1} overflow="hidden">
          <Box flexShrink={0}>{i === 0 ? promptText : <Text>{' '.repeat(promptWidth)}</Text>}</Box>
          {value.selected && focused ? (
            // A selected value (typing replaces it) is shown highlighted as a whole.
            <Text wrap="truncate" inverse>
              {r.before + (r.at ?? '') + r.after}
            </Text>
          ) : (
            <Text wrap="truncate">
              {r.before}
              {r.at === undefined ? null : focused ? <Text inverse>{r.at}</Text> : r.at}
              {r.after}
            </Text>
          )}
        </Box>
      ))}
    </Box>
  );
}
