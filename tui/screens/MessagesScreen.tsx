import { useEffect } from 'react';
import { Box, Text } from 'ink';
import { errorText } from '../app/commands.js';
import type { StateBox } from '../app/use-ref-reducer.js';
import { ConversationList } from '../components/ConversationList.js';
import { FormView } from '../components/FormView.js';
import { Frame } from '../components/Frame.js';
import { Header } from '../components/Header.js';
import { HelpView } from '../components/HelpView.js';
import { InputLine } from '../components/InputLine.js';
import { MessageThread } from '../components/MessageThread.js';
import { Safe } from '../components/Safe.js';
import { StatusLine } from '../components/StatusLine.js';
import { conversations, thread, totalAgentUnread } from '../state/agent-messages.js';
import { openChatCount } from '../state/chats.js';
import { editActionOf, outgoing } from '../state/composer.js';
import { formValues } from '../state/form.js';
import { presence } from '../state/format.js';
import type { Action, Scope } from '../state/keymap.js';
import type { MessagesScreenAction, MessagesScreenState } from '../state/messages-screen.js';
import { bodyRowsFor, composerRows, type ScreenProps } from './types.js';
import { useSessionKeys } from './use-session-keys.js';

const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,31}$/;
const scopesOf = (asking: boolean): Scope[] => (asking ? ['form', 'edit'] : ['messages', 'edit']);

/** Messages between agents: conversations (offline agents too), unread counts, compose and send. */
export function MessagesScreen(props: ScreenProps & { screen: StateBox<MessagesScreenState, MessagesScreenAction> }) {
  const { session, getSession, dispatch, commands, size, now, screen } = props;
  const { state: ui, dispatch: act, get: getUi } = screen;
  const state = session.agentMessages;
  const list = conversations(state);
  const peer = state.selected;
  const scopes = scopesOf(ui.newTo !== null);

  // The agent list (names, online/offline) is fetched whenever the screen opens.
  useEffect(() => {
    commands.colleagues().then(
      (c) => c && dispatch({ type: 'colleagues', list: c }),
      () => undefined,
    );
  }, [commands, dispatch]);

  const send = () => {
    const body = outgoing(getUi().composer);
    const to = getSession().agentMessages.selected;
    if (!to || !body || getUi().sending) return;
    act({ type: 'sending', on: true });
    commands.sendAgentMessage(to, body).then(
      () => {
        act({ type: 'sending', on: false });
        act({ type: 'edit', edit: { type: 'clear' } });
      },
      (e: unknown) => {
        act({ type: 'sending', on: false });
        dispatch({ type: 'notice', level: 'error', text: `Not sent: ${errorText(e)}` });
      },
    );
  };

  const startNew = () => {
    const form = getUi().newTo;
    if (!form) return;
    const to = formValues(form).to!.toLowerCase();
    if (!USERNAME.test(to))
      return act({
        type: 'new-form',
        action: { type: 'failed', error: 'Give a username (lower case letters, digits, . _ -).' },
      });
    if (to === getSession().me.username)
      return act({ type: 'new-form', action: { type: 'failed', error: 'That is you.' } });
    dispatch({ type: 'agent-messages:select', username: to });
    act({ type: 'new-close' });
  };

  const onAction = (a: Action) => {
    const edit = editActionOf(a);
    if (edit) return act(getUi().newTo ? { type: 'new-form', action: { type: 'edit', edit } } : { type: 'edit', edit });
    switch (a) {
      case 'conv.next':
      case 'conv.prev':
        return dispatch({ type: 'agent-messages:step', delta: a === 'conv.next' ? 1 : -1 });
      case 'conv.send':
        return send();
      case 'conv.new':
        return act({ type: 'new' });
      case 'form.submit':
        return startNew();
      case 'form.cancel':
        return act({ type: 'new-close' });
      case 'view.chats':
        return dispatch({ type: 'view', view: 'chats' });
    }
  };

  const onText = (text: string) => {
    const edit = { type: 'insert', text } as const;
    act(getUi().newTo ? { type: 'new-form', action: { type: 'edit', edit } } : { type: 'edit', edit });
  };

  const { overlay, footerScopes, prompt } = useSessionKeys(props, scopes, {
    scopes: () => scopesOf(getUi().newTo !== null),
    onAction,
    onText,
  });
  const listWidth = Math.min(32, Math.max(20, Math.floor(size.columns * 0.28)));
  const paneWidth = size.columns - listWidth;
  const colleague = peer ? state.colleagues[peer] : undefined;

  return (
    <Frame
      width={size.columns}
      height={size.rows}
      header={
        <Header
          me={session.me}
          title="Agent messages"
          openChats={openChatCount(session.chats)}
          agentUnread={totalAgentUnread(state)}
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
          title="agent messages"
          width={size.columns}
          height={bodyRowsFor(size, footerScopes)}
        />
      ) : (
        <>
          <ConversationList
            conversations={list}
            selected={peer}
            width={listWidth}
            height={bodyRowsFor(size, footerScopes)}
            now={now}
          />
          <Box
            flexDirection="column"
            flexGrow={1}
            borderStyle="round"
            borderColor="cyan"
            paddingX={1}
            overflow="hidden"
          >
            <Box flexShrink={0} height={1} overflow="hidden">
              {peer ? (
                <Text wrap="truncate">
                  <Safe text={colleague?.name ?? peer} bold color="cyan" />
                  <Safe text={` (${peer})`} dimColor />
                  {colleague?.status ? (
                    <Text color={presence(colleague.status, colleague.connected).color}>
                      {` · ${presence(colleague.status, colleague.connected).label}`}
                    </Text>
                  ) : null}
                </Text>
              ) : (
                <Text dimColor>No conversation selected: ^N writes to an agent.</Text>
              )}
            </Box>
            <MessageThread
              messages={thread(state, peer)}
              me={session.me}
              peer={colleague ?? (peer ? { username: peer } : undefined)}
              width={paneWidth - 4}
              rows={bodyRowsFor(size, footerScopes)}
            />
            {ui.newTo ? (
              <FormView form={ui.newTo} width={paneWidth - 4} />
            ) : (
              <InputLine
                value={ui.composer}
                width={paneWidth - 4}
                maxRows={composerRows(size)}
                focused={Boolean(peer)}
                placeholder={peer ? (ui.sending ? 'sending…' : 'type a message, Enter sends') : ''}
              />
            )}
          </Box>
        </>
      )}
    </Frame>
  );
}
