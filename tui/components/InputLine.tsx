import { Box, Text } from 'ink';
import type { ComposerState } from '../state/composer.js';
import { clean } from '../state/sanitize.js';

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
}

/** The slice of a long line that keeps the cursor in view: [start, end) in code points. */
export function visibleRange(length: number, cursor: number, width: number): [number, number] {
  if (width <= 1 || length < width) return [0, length];
  const start = Math.max(0, Math.min(cursor - width + 1, length - width + 1));
  return [start, Math.min(length, start + width - 1)];
}

/** A one-line text field with a visible cursor; long text scrolls sideways. */
export function InputLine({ value, prompt = '> ', width, placeholder, secret, focused = true }: InputLineProps) {
  const chars = [...(secret ? '•'.repeat([...value.text].length) : clean(value.text))];
  // clean() may lengthen the text (escapes); the cursor is then kept at the end of what it covers.
  const cursor = secret ? value.cursor : [...clean([...value.text].slice(0, value.cursor).join(''))].length;
  const room = Math.max(2, width - [...prompt].length);
  const [start, end] = visibleRange(chars.length, cursor, room);
  const before = chars.slice(start, cursor).join('');
  const at = chars[cursor] ?? ' ';
  const after = chars.slice(cursor + 1, end).join('');
  return (
    <Box flexShrink={0} height={1} overflow="hidden">
      <Box flexShrink={0}>
        <Text color={focused ? 'cyan' : 'gray'} bold>
          {prompt}
        </Text>
      </Box>
      {chars.length === 0 && placeholder ? (
        <Text>
          {focused ? <Text inverse> </Text> : null}
          <Text dimColor>{placeholder}</Text>
        </Text>
      ) : (
        <Text wrap="truncate">
          {before}
          {focused ? <Text inverse>{at}</Text> : at}
          {after}
        </Text>
      )}
    </Box>
  );
}
