import { Box, Text } from 'ink';
import type { AdminDialog } from '../state/admin.js';
import { ConfirmLine } from './ConfirmLine.js';
import { FormView } from './FormView.js';
import { Safe } from './Safe.js';

/** Rows the admin screen keeps under its lists for this dialog. */
export const adminDialogRows = (d: AdminDialog | null): number =>
  d?.kind === 'invite' ? 6 : d?.kind === 'resending' ? 1 : d ? 4 : 1;

/** The open dialog of the admin screen: a form, a question, or what an invite produced. */
export function AdminDialogView({ dialog, width }: { dialog: AdminDialog; width: number }) {
  switch (dialog.kind) {
    case 'invite':
      return (
        <FormView
          form={dialog.form}
          width={width}
          title="Invite an agent (an e-mail with a register link is sent)"
          busyText="Sending the invite…"
        />
      );
    case 'maxChats':
      return (
        <FormView
          form={dialog.form}
          width={width}
          title={`Max chats for ${dialog.username} (0–100; lowering it never drops a chat)`}
        />
      );
    case 'delete':
      return (
        <ConfirmLine
          question={`Delete ${dialog.username}? Their sessions end and open chats go back to the queue.`}
          busy={dialog.busy}
          error={dialog.error}
        />
      );
    case 'revoke':
      return (
        <ConfirmLine
          question={`Revoke the invite for ${dialog.username}? Its register link stops working.`}
          busy={dialog.busy}
          error={dialog.error}
        />
      );
    case 'resending':
      return (
        <Text color="yellow" wrap="truncate">
          Sending a new invite to <Safe text={dialog.username} />…
        </Text>
      );
    case 'invited':
      return (
        <Box flexDirection="column">
          <Text color="green" bold>
            {dialog.resent ? 'New invite for ' : 'Invited '}
            <Safe text={dialog.username} />: the register link was{' '}
            {dialog.delivery === 'outbox' ? 'written to the outbox for' : 'mailed to'} <Safe text={dialog.email} />
            {dialog.resent ? ' (the old link no longer works)' : ''}
          </Text>
          <Safe text={dialog.registerUrl} wrap="wrap" />
        </Box>
      );
  }
}
