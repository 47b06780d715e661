import { Box, Text } from 'ink';
import { useEffect, useRef } from 'react';
import type { StateBox } from '../app/use-ref-reducer.js';
import { errorText } from '../app/commands.js';
import { useAgentTyping } from '../app/use-agent-typing.js';
import { AgentPicker } from '../components/AgentPicker.js';
import { ChatList } from '../components/ChatList.js';
import { ConfirmLine } from '../components/ConfirmLine.js';
import { Frame } from '../components/Frame.js';
import { Header } from '../components/Header.js';
import { HelpView } from '../components/HelpView.js';
import { InputLine } from '../components/InputLine.js';
import { Safe } from '../components/Safe.js';
import { StatusLine } from '../components/StatusLine.js';
import { Transcript } from '../components/Transcript.js';
import { PANEL_BESIDE_FROM, PANEL_WIDTH, VisitorLine, VisitorPanel } from '../components/VisitorPanel.js';
import { totalAgentUnread } from '../state/agent-messages.js';
import { draftOf, type ChatScreenAction, type ChatScreenState } from '../state/chat-screen.js';
import { completeCanned, cannedQuery } from '../state/canned.js';
import { chatList, openChatCount, selectedChat } from '../state/chats.js';
import { editActionOf, outgoing, type ComposerAction } from '../state/composer.js';
import { clock } from '../state/format.js';
import type { Action, Binding, Scope } from '../state/keymap.js';
import { pickerTarget } from '../state/picker.js';
import { bodyRowsFor, composerRows, type ScreenProps } from './types.js';
import { useSessionKeys } from './use-session-keys.js';

type Mode = ChatScreenState['mode'];
const scopesOf = (mode: Mode, admin: boolean): (Scope | Binding[])[] =>
  mode === 'confirm-end'
    ? ['confirm']
    : mode === 'transfer'
      ? ['picker', 'edit']
      : admin
        ? ['chats', 'toAdmin', 'edit']
        : ['chats', 'edit'];

/** The main screen: open chats, the selected chat's transcript, the input line. */
export function ChatsScreen(props: ScreenProps & { screen: StateBox<ChatScreenState, ChatScreenAction> }) {
  const { session, getSession, dispatch, commands, size, now, screen } = props;
  const { state: ui, dispatch: act, get: getUi } = screen;
  const chat = selectedChat(session.chats);
  const chatId = chat?.chatId ?? null;
  const isAdmin = session.me.role === 'admin';
  const scopes = scopesOf(ui.mode, isAdmin);

  // A dialog belongs to the chat it was opened on: if that chat goes away (transferred, requeued), so does the dialog.
  const dialogChat = useRef(chatId);
  useEffect(() => {
    if (dialogChat.current !== chatId && getUi().mode !== 'compose') act({ type: 'compose' });
    dialogChat.current = chatId;
  }, [chatId, act, getUi]);

  // The visitor sees the agent typing while this chat's composer has text (not a /shortcut being looked up).
  const draft = draftOf(ui, chatId).text;
  const typingIn = chat && !chat.ended && !ui.note && cannedQuery(draft) === undefined ? chatId : null;
  useAgentTyping(commands.typing, typingIn, draft, Date.now);

  // Key handlers read the latest state (not this render's): keys typed faster than a render still apply in order.
  const current = () => selectedChat(getSession().chats);

  const send = () => {
    const c = current();
    if (c?.ended) return ended('nothing more can be sent');
    if (!c) return;
    const body = outgoing(draftOf(getUi(), c.chatId));
    if (!body) return;
    const asNote = getUi().note;
    act({ type: 'edit', chatId: c.chatId, edit: { type: 'clear' } });
    act({ type: 'scroll-reset' });
    // A note is one message's worth: the next text goes to the visitor again.
    act({ type: 'note', on: false });
    (asNote ? commands.note(c.chatId, body) : commands.send(c.chatId, body)).catch((e: unknown) => {
      // Give the text back (unless something new was typed meanwhile) so nothing is lost.
      if (!draftOf(getUi(), c.chatId).text) act({ type: 'edit', chatId: c.chatId, edit: { type: 'set', text: body } });
      dispatch({ type: 'notice', level: 'error', text: `Not sent: ${errorText(e)}` });
    });
  };

  const endChat = () => {
    const c = current();
    if (!c || getUi().ending) return;
    act({ type: 'ending' });
    commands.end(c.chatId).then(
      () => act({ type: 'compose' }),
      (e: unknown) => act({ type: 'end-failed', error: errorText(e) }),
    );
  };

  /** Says why a key does nothing on an ended chat. */
  const ended = (what: string) =>
    dispatch({ type: 'notice', level: 'error', text: `This chat has ended: ${what} (^X closes it).` });

  const openTransfer = () => {
    const c = current();
    if (!c) return dispatch({ type: 'notice', level: 'error', text: 'No chat to transfer.' });
    if (c.ended) return ended('it cannot be transferred');
    act({ type: 'transfer' });
    const me = getSession().me.username;
    commands.colleagues().then(
      (list) =>
        act({ type: 'picker', action: { type: 'loaded', agents: (list ?? []).filter((x) => x.username !== me) } }),
      (e: unknown) => {
        act({ type: 'picker', action: { type: 'loaded', agents: [] } });
        act({ type: 'picker', action: { type: 'failed', error: `Cannot list agents: ${errorText(e)}` } });
      },
    );
  };

  const transfer = () => {
    const c = current();
    const target = pickerTarget(getUi().picker);
    if (!c || !target || getUi().picker.busy) return;
    act({ type: 'picker', action: { type: 'busy' } });
    commands.transfer(c.chatId, target).then(
      () => act({ type: 'compose' }),
      (e: unknown) => act({ type: 'picker', action: { type: 'failed', error: errorText(e) } }),
    );
  };

  const typeInto = (edit: ComposerAction) => {
    const c = current();
    if (getUi().mode === 'transfer') act({ type: 'picker', action: { type: 'edit', edit } });
    else if (getUi().mode === 'compose' && c?.ended && edit.type === 'insert') ended('nothing more can be sent');
    else if (getUi().mode === 'compose' && c && !c.ended) act({ type: 'edit', chatId: c.chatId, edit });
  };

  /** `/prefix` then Tab: the canned reply's text in the composer, placeholders filled in, to edit before Enter. */
  const insertCanned = (chatId: string, prefix: string) => {
    commands.canned().then(
      (list) => {
        const c = getSession().chats.byId[chatId];
        // Typed on, or the chat went, while the list was loading: leave it.
        if (!c || draftOf(getUi(), chatId).text !== `/${prefix}`) return;
        const r = completeCanned(list, prefix, { visitorName: c.visitor.name, agentName: getSession().me.name });
        if (r.kind === 'text') return act({ type: 'edit', chatId, edit: { type: 'set', text: r.text } });
        if (r.kind === 'several') {
          const names = r.shortcuts.map((s) => `/${s}`).join('  ');
          return dispatch({ type: 'notice', text: `Canned replies: ${names} (type more, then Tab)` });
        }
        dispatch({
          type: 'notice',
          level: 'error',
          text: `No canned reply starts with /${prefix} (switchboard canned list shows them).`,
        });
      },
      (e: unknown) => dispatch({ type: 'notice', level: 'error', text: `No canned replies: ${errorText(e)}` }),
    );
  };

  const onAction = (a: Action) => {
    const edit = editActionOf(a);
    if (edit) return typeInto(edit);
    const c = current();
    switch (a) {
      case 'chat.next':
      case 'chat.prev': {
        const query = a === 'chat.next' && c && !c.ended ? cannedQuery(draftOf(getUi(), c.chatId).text) : undefined;
        if (c && query !== undefined) return insertCanned(c.chatId, query);
        act({ type: 'scroll-reset' });
        return dispatch({ type: 'chat:step', delta: a === 'chat.next' ? 1 : -1 });
      }
      case 'chat.send':
        return send();
      case 'chat.end':
        if (c?.ended) return dispatch({ type: 'chat:close' });
        if (c) act({ type: 'confirm-end' });
        return;
      case 'confirm.yes':
        return endChat();
      case 'confirm.no':
      case 'picker.cancel':
        return act({ type: 'compose' });
      case 'chat.transfer':
        return openTransfer();
      case 'picker.next':
      case 'picker.prev':
        return act({ type: 'picker', action: { type: 'step', delta: a === 'picker.next' ? 1 : -1 } });
      case 'picker.choose':
        return transfer();
      case 'chat.scrollUp':
      case 'chat.scrollDown':
        return act({ type: 'scroll', delta: a === 'chat.scrollUp' ? 5 : -5, max: c?.transcript.length ?? 0 });
      case 'status.toggle':
        commands.toggleStatus().catch((e: unknown) => dispatch({ type: 'notice', level: 'error', text: errorText(e) }));
        return;
      case 'view.messages':
        return dispatch({ type: 'view', view: 'messages' });
      case 'view.inbox':
        return dispatch({ type: 'view', view: 'inbox' });
      case 'chat.info':
        return act({ type: 'toggle-info' });
      case 'chat.note':
        if (c?.ended) return ended('no note can be added');
        return act({ type: 'note', on: !getUi().note });
      case 'view.admin':
        return dispatch({ type: 'view', view: 'admin' });
    }
  };

  const { overlay, footerScopes, prompt } = useSessionKeys(props, scopes, {
    scopes: () => scopesOf(getUi().mode, getSession().me.role === 'admin'),
    onAction,
    onText: (text) => typeInto({ type: 'insert', text }),
  });

  const bodyRows = bodyRowsFor(size, footerScopes);
  const listWidth = Math.min(32, Math.max(20, Math.floor(size.columns * 0.28)));
  const beside = ui.info && Boolean(chat) && size.columns >= PANEL_BESIDE_FROM;
  const paneWidth = size.columns - listWidth - (beside ? PANEL_WIDTH : 0);

  return (
    <Frame
      width={size.columns}
      height={size.rows}
      header={
        <Header
          me={session.me}
          title="Chats"
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
        <HelpView scopes={[...scopes, 'global']} title="chats" width={size.columns} height={bodyRows} />
      ) : (
        <>
          <ChatList chats={chatList(session.chats)} selectedId={chatId} width={listWidth} height={bodyRows} now={now} />
          <Box
            flexDirection="column"
            flexGrow={1}
            borderStyle="round"
            borderColor={chat?.ended ? 'gray' : 'cyan'}
            paddingX={1}
            overflow="hidden"
          >
            {chat ? (
              <Box flexShrink={0} height={1} overflow="hidden">
                <Text wrap="truncate">
                  <Safe text={chat.visitor.name} bold color="cyan" />
                  <Text dimColor>
                    {`${chat.startedAt ? ` · since ${clock(chat.startedAt)}` : ''} · ` +
                      `${chat.transcript.length} message${chat.transcript.length === 1 ? '' : 's'}`}
                  </Text>
                  {chat.ended ? <Text color="yellow">{` · ended by ${chat.ended.by} — ^X closes it`}</Text> : null}
                  {chat.away && !chat.ended ? <Text color="yellow">{' · the visitor left the page'}</Text> : null}
                </Text>
              </Box>
            ) : null}
            {chat && ui.info && !beside ? <VisitorLine visitor={chat.visitor} width={paneWidth - 4} /> : null}
            {chat ? null : (
              <Text dimColor>
                {session.me.status === 'online'
                  ? 'Waiting for visitors…'
                  : 'You are offline: no new chats reach you (^O goes online).'}
              </Text>
            )}
            {ui.mode === 'transfer' && chat ? (
              <AgentPicker picker={ui.picker} visitorName={chat.visitor.name} width={paneWidth - 4} />
            ) : chat ? (
              <Transcript
                messages={chat.transcript}
                me={session.me.username}
                scrolledBack={ui.scroll}
                width={paneWidth - 4}
                rows={bodyRows}
                typing={chat.typing && !chat.ended ? { name: chat.visitor.name, ...chat.typing } : undefined}
              />
            ) : (
              <Box flexGrow={1} />
            )}
            {ui.mode === 'confirm-end' && chat ? (
              <ConfirmLine question={`End the chat with ${chat.visitor.name}?`} busy={ui.ending} error={ui.endError} />
            ) : (
              <InputLine
                value={draftOf(ui, chatId)}
                prompt={ui.note && chat && !chat.ended ? 'note> ' : '> '}
                width={paneWidth - 4}
                maxRows={composerRows(size)}
                focused={ui.mode === 'compose' && Boolean(chat) && !chat?.ended}
                placeholder={
                  !chat
                    ? ''
                    : chat.ended
                      ? 'this chat has ended'
                      : ui.note
                        ? 'internal note: only agents see it (^D: back to the message)'
                        : 'type a message, Enter sends'
                }
              />
            )}
          </Box>
          {beside && chat ? <VisitorPanel visitor={chat.visitor} height={bodyRows} /> : null}
        </>
      )}
    </Frame>
  );
}
