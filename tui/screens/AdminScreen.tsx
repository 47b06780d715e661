import { useCallback, useEffect } from 'react';
import { Box, Text } from 'ink';
import { errorText } from '../app/commands.js';
import { useRefReducer } from '../app/use-ref-reducer.js';
import { AgentTable } from '../components/AgentTable.js';
import { ConfirmLine } from '../components/ConfirmLine.js';
import { FormView } from '../components/FormView.js';
import { Frame } from '../components/Frame.js';
import { Header } from '../components/Header.js';
import { HelpView } from '../components/HelpView.js';
import { Safe } from '../components/Safe.js';
import { StatusLine } from '../components/StatusLine.js';
import { adminReducer, emptyAdmin, parseMaxChats, type AdminDialog } from '../state/admin.js';
import { totalAgentUnread } from '../state/agent-messages.js';
import { openChatCount } from '../state/chats.js';
import { editActionOf } from '../state/composer.js';
import { firstEmpty, formValues, isLastField } from '../state/form.js';
import type { Action, Scope } from '../state/keymap.js';
import { bodyRowsFor, type ScreenProps } from './types.js';
import { useSessionKeys } from './use-session-keys.js';

const scopesOf = (d: AdminDialog | null): Scope[] =>
  d?.kind === 'invite' || d?.kind === 'maxChats'
    ? ['form', 'edit']
    : d?.kind === 'delete'
      ? ['confirm']
      : d?.kind === 'invited'
        ? ['notice']
        : ['admin'];

export interface AdminScreenProps extends ScreenProps {
  /** How often the list refreshes while the screen is open (ms). */
  refreshMs?: number;
}

/** Admins: the agents with status and load (kept fresh), invite, max chats, delete. */
export function AdminScreen(props: AdminScreenProps) {
  const { session, dispatch, commands, size, refreshMs = 5000 } = props;
  const [ui, act, getUi] = useRefReducer(adminReducer, emptyAdmin);
  const dialog = ui.dialog;
  const scopes = scopesOf(dialog);

  const reload = useCallback(() => {
    commands.listAgents().then(
      (agents) => act({ type: 'loaded', agents }),
      (e: unknown) => act({ type: 'load-failed', error: errorText(e) }),
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

  const onAction = (a: Action) => {
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
      case 'form.next':
      case 'form.prev':
        return act({ type: 'form', action: { type: 'focus', delta: a === 'form.next' ? 1 : -1 } });
      case 'form.submit':
        return submitForm();
      case 'confirm.yes':
        return confirmDelete();
      case 'form.cancel':
      case 'confirm.no':
      case 'notice.close':
        return act({ type: 'close' });
      case 'view.chats':
        return dispatch({ type: 'view', view: 'chats' });
    }
  };

  const onText = (text: string) => {
    if (getUi().dialog?.kind === 'invite' || getUi().dialog?.kind === 'maxChats')
      act({ type: 'form', action: { type: 'edit', edit: { type: 'insert', text } } });
  };

  const { overlay, footerScopes, prompt } = useSessionKeys(props, scopes, {
    scopes: () => scopesOf(getUi().dialog),
    onAction,
    onText,
  });
  const dialogRows = dialog?.kind === 'invite' ? 6 : dialog ? 4 : 1;

  return (
    <Frame
      width={size.columns}
      height={size.rows}
      header={
        <Header
          me={session.me}
          title="Admin: agents"
          openChats={openChatCount(session.chats)}
          agentUnread={totalAgentUnread(session.agentMessages)}
          connected={session.connection.state === 'connected'}
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
      ) : (
        <Box flexDirection="column" flexGrow={1}>
          <AgentTable
            agents={ui.agents}
            selected={ui.selected}
            width={size.columns - 2}
            height={bodyRowsFor(size, footerScopes) - dialogRows}
          />
          <Box flexDirection="column" flexShrink={0} paddingX={1}>
            {ui.error ? <Safe text={ui.error} color="red" wrap="truncate" /> : null}
            {dialog?.kind === 'invite' ? (
              <FormView
                form={dialog.form}
                width={size.columns - 2}
                title="Invite an agent (an e-mail with a register link is sent)"
                busyText="Sending the invite…"
              />
            ) : null}
            {dialog?.kind === 'maxChats' ? (
              <FormView
                form={dialog.form}
                width={size.columns - 2}
                title={`Max chats for ${dialog.username} (0–100; lowering it never drops a chat)`}
              />
            ) : null}
            {dialog?.kind === 'delete' ? (
              <ConfirmLine
                question={`Delete ${dialog.username}? Their sessions end and open chats go back to the queue.`}
                busy={dialog.busy}
                error={dialog.error}
              />
            ) : null}
            {dialog?.kind === 'invited' ? (
              <Box flexDirection="column">
                <Text color="green" bold>
                  Invited <Safe text={dialog.username} />: the register link was{' '}
                  {dialog.delivery === 'outbox' ? 'written to the outbox for' : 'mailed to'}{' '}
                  <Safe text={dialog.email} />
                </Text>
                <Safe text={dialog.registerUrl} wrap="wrap" />
              </Box>
            ) : null}
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
