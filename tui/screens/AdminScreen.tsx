import { useCallback, useEffect } from 'react';
import { Box, Text } from 'ink';
import { errorText } from '../app/commands.js';
import { useRefReducer } from '../app/use-ref-reducer.js';
import { AdminDialogView, adminDialogRows } from '../components/AdminDialogView.js';
import { AgentTable } from '../components/AgentTable.js';
import { CannedPanel } from '../components/CannedPanel.js';
import { Frame } from '../components/Frame.js';
import { Header } from '../components/Header.js';
import { HelpView } from '../components/HelpView.js';
import { InviteTable, inviteTableHeight } from '../components/InviteTable.js';
import { Safe } from '../components/Safe.js';
import { StatusLine } from '../components/StatusLine.js';
import type { CannedAdminState } from '../state/admin-canned.js';
import { adminReducer, emptyAdmin, parseMaxChats, selectedInvite, type AdminState } from '../state/admin.js';
import { totalAgentUnread } from '../state/agent-messages.js';
import { openChatCount } from '../state/chats.js';
import { editActionOf } from '../state/composer.js';
import { firstEmpty, formValues, isLastField } from '../state/form.js';
import type { Action, Scope } from '../state/keymap.js';
import { bodyRowsFor, type ScreenProps } from './types.js';
import { cannedScopes, useAdminCanned } from './use-admin-canned.js';
import { useSessionKeys } from './use-session-keys.js';

function scopesOf({ dialog: d, focus }: AdminState, canned: CannedAdminState): Scope[] {
  if (focus === 'canned') return cannedScopes(canned);
  if (d?.kind === 'invite' || d?.kind === 'maxChats') return ['form', 'edit'];
  if (d?.kind === 'delete' || d?.kind === 'revoke') return ['confirm'];
  if (d?.kind === 'invited') return ['notice'];
  // While a new invite is sent: only the keys every screen has.
  if (d?.kind === 'resending') return [];
  return focus === 'invites' ? ['invites'] : ['admin'];
}

export interface AdminScreenProps extends ScreenProps {
  /** How often the list refreshes while the screen is open (ms). */
  refreshMs?: number;
}

/** Admins: the agents with status and load (kept fresh), invite, max chats, delete; pending invites. */
export function AdminScreen(props: AdminScreenProps) {
  const { session, dispatch, commands, size, now, refreshMs = 5000 } = props;
  const [ui, act, getUi] = useRefReducer(adminReducer, emptyAdmin);
  const dialog = ui.dialog;
  const canned = useAdminCanned(commands, dispatch);
  const scopes = scopesOf(ui, canned.state);

  const reload = useCallback(() => {
    commands.listAgents().then(
      (agents) => act({ type: 'loaded', agents }),
      (e: unknown) => act({ type: 'load-failed', error: errorText(e) }),
    );
    commands.listInvites().then(
      (invites) => act({ type: 'invites-loaded', invites }),
      (e: unknown) => act({ type: 'invites-failed', error: errorText(e) }),
    );
  }, [commands, act]);

  useEffect(() => {
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [reload, refreshMs]);

  // On opening, and whenever this account changes (a chat more or less, status): look again.
  const me = session.me;
  const open = openChatCount(session.chats);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the account's changes are what trigger a reload
  useEffect(reload, [reload, me.status, me.maxChats, open]);

  const submitForm = () => {
    const d = getUi().dialog;
    if (d?.kind !== 'invite' && d?.kind !== 'maxChats') return;
    const form = d.form;
    if (form.busy) return;
    if (!isLastField(form)) return act({ type: 'form', action: { type: 'focus', delta: 1 } });
    const empty = firstEmpty(form);
    if (empty !== -1) {
      act({ type: 'form', action: { type: 'focus-at', index: empty } });
      return act({ type: 'form', action: { type: 'failed', error: `Fill in ${form.fields[empty]!.label}.` } });
    }
    const values = formValues(form);
    if (d.kind === 'invite') {
      act({ type: 'form', action: { type: 'busy' } });
      commands.invite({ username: values.username!.toLowerCase(), name: values.name!, email: values.email! }).then(
        (r) => {
          act({
            type: 'invited',
            username: r.username,
            email: r.email,
            registerUrl: r.registerUrl,
            delivery: r.delivery,
          });
          reload();
        },
        (e: unknown) => act({ type: 'form', action: { type: 'failed', error: errorText(e) } }),
      );
      return;
    }
    const max = parseMaxChats(values.maxChats!);
    if (typeof max === 'string') return act({ type: 'form', action: { type: 'failed', error: max } });
    act({ type: 'form', action: { type: 'busy' } });
    commands.updateAgent(d.username, { maxChats: max }).then(
      () => {
        act({ type: 'close' });
        dispatch({ type: 'notice', text: `${d.username} may now hold ${max} chat${max === 1 ? '' : 's'}` });
        reload();
      },
      (e: unknown) => act({ type: 'form', action: { type: 'failed', error: errorText(e) } }),
    );
  };

  const confirmDelete = () => {
    const d = getUi().dialog;
    if (d?.kind !== 'delete' || d.busy) return;
    act({ type: 'delete-busy' });
    commands.deleteAgent(d.username).then(
      () => {
        act({ type: 'close' });
        dispatch({ type: 'notice', text: `Deleted ${d.username}; their open chats went back to the queue` });
        reload();
      },
      (e: unknown) => act({ type: 'delete-failed', error: errorText(e) }),
    );
  };

  const confirmRevoke = () => {
    const d = getUi().dialog;
    if (d?.kind !== 'revoke' || d.busy) return;
    act({ type: 'revoke-busy' });
    commands.revokeInvite(d.username).then(
      () => {
        act({ type: 'close' });
        dispatch({ type: 'notice', text: `Revoked the invite for ${d.username}; the username is free again` });
        reload();
      },
      (e: unknown) => act({ type: 'revoke-failed', error: errorText(e) }),
    );
  };

  const resend = () => {
    const invite = selectedInvite(getUi());
    if (getUi().dialog) return;
    if (!invite) return act({ type: 'resend-failed', error: 'No pending invite is selected.' });
    act({ type: 'resending', username: invite.username });
    commands.resendInvite(invite.username).then(
      (r) => {
        act({ type: 'invited', ...r, resent: true });
        reload();
      },
      (e: unknown) => {
        // A failed e-mail withdraws the invite: the list says whether it is still there.
        act({ type: 'resend-failed', error: errorText(e) });
        reload();
      },
    );
  };

  const onAction = (a: Action) => {
    if (getUi().focus === 'canned') {
      if (a === 'admin.agents') return act({ type: 'focus', on: 'agents' });
      if (canned.onAction(a)) return;
    }
    const edit = editActionOf(a);
    if (edit) return act({ type: 'form', action: { type: 'edit', edit } });
    switch (a) {
      case 'admin.next':
      case 'admin.prev':
        return act({ type: 'step', delta: a === 'admin.next' ? 1 : -1 });
      case 'admin.invite':
        return act({ type: 'open-invite' });
      case 'admin.maxChats':
        return act({ type: 'open-max-chats' });
      case 'admin.delete':
        return act({ type: 'open-delete' });
      case 'admin.refresh':
        return reload();
      case 'admin.invites':
      case 'admin.agents':
        return act({ type: 'focus', on: a === 'admin.invites' ? 'invites' : 'agents' });
      case 'admin.canned':
        canned.reload();
        return act({ type: 'focus', on: 'canned' });
      case 'invite.revoke':
        return act({ type: 'open-revoke' });
      case 'invite.resend':
        return resend();
      case 'form.next':
      case 'form.prev':
        return act({ type: 'form', action: { type: 'focus', delta: a === 'form.next' ? 1 : -1 } });
      case 'form.submit':
        return submitForm();
      case 'confirm.yes':
        return getUi().dialog?.kind === 'revoke' ? confirmRevoke() : confirmDelete();
      case 'form.cancel':
      case 'confirm.no':
      case 'notice.close':
        return act({ type: 'close' });
      case 'view.chats':
        return dispatch({ type: 'view', view: 'chats' });
    }
  };

  const onText = (text: string) => {
    if (getUi().focus === 'canned') return canned.onText(text);
    if (getUi().dialog?.kind === 'invite' || getUi().dialog?.kind === 'maxChats')
      act({ type: 'form', action: { type: 'edit', edit: { type: 'insert', text } } });
  };

  const { overlay, footerScopes, prompt } = useSessionKeys(props, scopes, {
    scopes: () => scopesOf(getUi(), canned.get()),
    onAction,
    onText,
  });
  const bodyRows = bodyRowsFor(size, footerScopes);
  const dialogRows = adminDialogRows(dialog);
  // The invites take up to a third of what the lists have; the agents the rest.
  const inviteRows = Math.max(1, Math.floor((bodyRows - dialogRows) / 3) - 4);
  const invitesHeight = inviteTableHeight(ui.invites?.length ?? 0, inviteRows);

  return (
    <Frame
      width={size.columns}
      height={size.rows}
      header={
        <Header
          me={session.me}
          title={ui.focus === 'canned' ? 'Admin: canned replies' : 'Admin: agents'}
          openChats={openChatCount(session.chats)}
          agentUnread={totalAgentUnread(session.agentMessages)}
          connected={session.connection.state === 'connected'}
          inbox={session.inbox.open}
        />
      }
      status={<StatusLine notice={props.notice} connection={session.connection} prompt={prompt} />}
      footerScopes={footerScopes}
    >
      {overlay === 'help' ? (
        <HelpView
          scopes={[...scopes, 'global']}
          title="admin"
          width={size.columns}
          height={bodyRowsFor(size, footerScopes)}
        />
      ) : ui.focus === 'canned' ? (
        <CannedPanel state={canned.state} width={size.columns} height={bodyRows} />
      ) : (
        <Box flexDirection="column" flexGrow={1}>
          <AgentTable
            agents={ui.agents}
            selected={ui.selected}
            focused={ui.focus === 'agents'}
            width={size.columns - 2}
            height={bodyRows - dialogRows - invitesHeight}
          />
          <InviteTable
            invites={ui.invites}
            selected={ui.selectedInvite}
            focused={ui.focus === 'invites'}
            error={ui.invitesError}
            rows={inviteRows}
            width={size.columns - 2}
            now={now}
          />
          <Box flexDirection="column" flexShrink={0} paddingX={1}>
            {ui.error ? <Safe text={ui.error} color="red" wrap="truncate" /> : null}
            {dialog ? <AdminDialogView dialog={dialog} width={size.columns - 2} /> : null}
            {!dialog && !ui.error ? (
              <Text dimColor wrap="truncate">
                Admin accounts are listed but managed on the server machine (switchboard admin).
              </Text>
            ) : null}
          </Box>
        </Box>
      )}
    </Frame>
  );
}
