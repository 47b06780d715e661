import { Box, Text } from 'ink';
import type { FormState } from '../state/form.js';
import { InputLine } from './InputLine.js';
import { Safe } from './Safe.js';

/** The fields of a form, one a line, the focused one with a cursor; then its error. */
export function FormView({
  form,
  width,
  title,
  busyText = 'Working…',
}: {
  form: FormState;
  width: number;
  title?: string;
  busyText?: string;
}) {
  const labelWidth = Math.max(...form.fields.map((f) => f.label.length)) + 2;
  return (
    <Box flexDirection="column" flexShrink={0}>
      {title ? <Text bold>{title}</Text> : null}
      {form.fields.map((f, i) => (
        <InputLine
          key={f.name}
          value={f.value}
          prompt={`${f.label}:`.padEnd(labelWidth)}
          width={width}
          secret={f.secret}
          focused={i === form.focus}
        />
      ))}
      {form.busy ? <Text color="yellow">{busyText}</Text> : null}
      {form.error ? <Safe text={form.error} color="red" wrap="wrap" /> : null}
    </Box>
  );
}
