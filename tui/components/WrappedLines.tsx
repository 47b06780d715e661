import { Box, Text, type TextProps } from 'ink';
import type { Run } from '../state/wrap.js';

export type Style = Pick<TextProps, 'color' | 'bold' | 'dimColor'>;

/** Lines laid out by `wrapRuns`, one row each, in their styles. */
export function WrappedLines({ lines }: { lines: Run<Style>[][] }) {
  return (
    <>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one text, known by position
        <Box key={i} flexShrink={0} height={1}>
          <Text wrap="truncate">
            {line.length === 0 ? ' ' : null}
            {line.map((r, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: runs of one line, known by position
              <Text key={j} {...r.style}>
                {r.text}
              </Text>
            ))}
          </Text>
        </Box>
      ))}
    </>
  );
}
