import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { CannedAdminState } from '../state/admin-canned.js';
import { windowStart } from '../state/format.js';
import { firstLine } from '../state/inbox.js';
import { forTerminal } from '../state/terminal-text.js';
import { wrapRuns } from '../state/wrap.js';
import { ConfirmLine } from './ConfirmLine.js';
import { InputLine } from './InputLine.js';
import { Safe } from './Safe.js';
import { WrappedLines, type Style } from './WrappedLines.js';

const TEXT_ROWS = 4;

/** Rows the dialog under the list takes. */
const dialogRows = (s: CannedAdminState): number =>
  s.dialog?.kind === 'form' ? 3 + TEXT_ROWS : s.dialog?.kind === 'delete' ? 2 : 0;

/**
 * The team's canned replies on the admin screen: shortcut and first line, the selected one's text
 * in full below, and the add/edit form or the delete question.
 */
export function CannedPanel({ state: s, width, height }: { state: CannedAdminState; width: number; height: number }) {
  const list = s.list ?? [];
  const selected = list.find((c) => c.id === s.selected);
  const inner = width - 2;
  const below = dialogRows(s) + (s.error ? 1 : 0);
  const previewRows = s.dialog ? 0 : Math.min(6, Math.max(0, Math.floor((height - 4) / 3)));
  const rows = Math.max(1, height - 4 - below - (previewRows ? previewRows + 1 : 0));
  const at = Math.max(
    0,
    list.findIndex((c) => c.id === s.selected),
  );
  const start = windowStart(list.length, at, rows);
  const keyWidth = Math.min(24, Math.max(10, ...list.map((c) => stringWidth(c.shortcut) + 4)));
  const preview = selected ? wrapRuns<Style>([{ text: forTerminal(selected.body, true), style: {} }], inner) : [];
  const d = s.dialog;
  return (
    <Box flexDirection="column" flexGrow={1} borderStyle="round" borderColor="cyan" paddingX={1} overflow="hidden">
      <Text bold color="cyan" wrap="truncate">
        {`Team canned replies${s.list ? ` (${list.length})` : ''}`}
        <Text dimColor bold={false}>
          {'  /shortcut + Tab in a chat inserts one'}
        </Text>
      </Text>
      {s.list === null && !s.error ? <Text dimColor>Loading…</Text> : null}
      {s.list?.length === 0 ? <Text dimColor>None yet: a adds one.</Text> : null}
      <Box flexDirection="column" flexShrink={0} height={Math.min(rows, Math.max(list.length, 1))} overflow="hidden">
        {list.slice(start, start + rows).map((c) => {
          const mark = c.id === s.selected;
          return (
            <Box key={c.id} flexShrink={0} height={1}>
              <Box width={keyWidth} flexShrink={0} overflow="hidden">
                <Safe text={`${mark ? '▸' : ' '} /${c.shortcut}`} inverse={mark} bold={mark} wrap="truncate" />
              </Box>
              <Box flexGrow={1} flexShrink={1} overflow="hidden">
                <Safe text={firstLine(c.body)} dimColor={!mark} wrap="truncate" />
              </Box>
            </Box>
          );
        })}
      </Box>
      {previewRows > 0 && preview.length > 0 ? (
        <Box flexDirection="column" flexShrink={0} marginTop={1}>
          <WrappedLines lines={preview.slice(0, previewRows)} />
        </Box>
      ) : null}
      <Box flexGrow={1} />
      {s.error ? <Safe text={s.error} color="red" wrap="truncate" /> : null}
      {d?.kind === 'form' ? (
        <Box flexDirection="column" flexShrink={0}>
          <Text bold wrap="truncate">
            {d.id ? 'Edit the team reply' : 'Add a team reply'}
            <Text dimColor bold={false}>
              {'  ({visitor.name} and {agent.name} are filled in)'}
            </Text>
          </Text>
          <InputLine value={d.form.fields[0]!.value} prompt="Shortcut: /" width={inner} focused={d.form.focus === 0} />
          <InputLine
            value={d.form.fields[1]!.value}
            prompt="Text:       "
            width={inner}
            maxRows={TEXT_ROWS}
            focused={d.form.focus === 1}
          />
          {d.form.busy ? <Text color="yellow">Saving…</Text> : null}
          {d.form.error ? <Safe text={d.form.error} color="red" wrap="truncate" /> : null}
        </Box>
      ) : null}
      {d?.kind === 'delete' ? (
        <ConfirmLine question={`Delete the team reply /${d.shortcut}?`} busy={d.busy} error={d.error} />
      ) : null}
    </Box>
  );
}
