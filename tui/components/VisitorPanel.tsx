import { Box, Text } from 'ink';
import type { StaffVisitor } from '../../server/protocol/events.js';
import { visitorFacts } from '../state/visitor-info.js';
import { Safe } from './Safe.js';

/** Columns the panel takes beside the transcript; narrower terminals get it above, in a few rows. */
export const PANEL_WIDTH = 34;
/** Terminals at least this wide show the panel beside the transcript. */
export const PANEL_BESIDE_FROM = 120;
/** Rows the panel takes above the transcript on narrow terminals. */
export const PANEL_ROWS_ABOVE = 2;

/** Who the visitor is, beside the transcript: one fact a row (label, then the value, wrapped: links whole). */
export function VisitorPanel({ visitor, height }: { visitor: StaffVisitor; height: number }) {
  const facts = visitorFacts(visitor);
  const label = Math.min(10, Math.max(...facts.map(([l]) => l.length))) + 1;
  return (
    <Box
      flexDirection="column"
      width={PANEL_WIDTH}
      height={height}
      flexShrink={0}
      borderStyle="round"
      borderColor="gray"
      paddingX={1}
      overflow="hidden"
    >
      <Text bold wrap="truncate">
        Visitor <Text dimColor>(^R hides)</Text>
      </Text>
      {facts.map(([name, value]) => (
        <Box key={`${name}:${value}`} flexShrink={0}>
          <Box width={label} flexShrink={0} overflow="hidden">
            <Safe text={name} dimColor wrap="truncate" />
          </Box>
          <Box flexGrow={1} flexShrink={1} overflow="hidden">
            <Safe text={value} wrap="wrap" />
          </Box>
        </Box>
      ))}
    </Box>
  );
}

/** On narrow terminals: the facts after the name, in a couple of rows above the transcript. */
export function VisitorLine({ visitor, width }: { visitor: StaffVisitor; width: number }) {
  // A first visit says nothing worth two rows of a small terminal.
  const text = visitorFacts(visitor)
    .slice(1)
    .filter(([name]) => name !== 'visits' || (visitor.previousChats ?? 0) > 0)
    .map(([name, value]) => (name ? `${name} ${value}` : value))
    .join(' · ');
  if (!text) return null;
  return (
    <Box flexShrink={0} height={PANEL_ROWS_ABOVE} width={width} overflow="hidden">
      <Safe text={text} dimColor wrap="wrap" />
    </Box>
  );
}
