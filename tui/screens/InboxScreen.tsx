import { useEffect } from 'react';
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { errorText } from '../app/commands.js';
import { useRefReducer } from '../app/use-ref-reducer.js';
import { ApiError } from '../client/errors.js';
import { ConfirmLine } from '../components/ConfirmLine.js';
import { Frame } from '../components/Frame.js';
import { Header } from '../components/Header.js';
import { HelpView } from '../components/HelpView.js';
import { InboxList } from '../components/InboxList.js';
import { InboxMessage, inboxMessageLines } from '../components/InboxMessage.js';
import { InputLine } from '../components/InputLine.js';
import { Safe } from '../components/Safe.js';
import { StatusLine } from '../components/StatusLine.js';
import { totalAgentUnread } from '../state/agent-messages.js';
import { openChatCount } from '../state/chats.js';
import { composerReducer, editActionOf, emptyComposer, outgoing, type ComposerAction } from '../state/composer.js';
import type { ComposerState } from '../state/composer.js';
import { selectedMessage } from '../state/inbox.js';
import type { Action, Scope } from '../state/keymap.js';
import { bodyRowsFor, composerRows, type ScreenProps } from './types.js';
import { useSessionKeys } from './use-session-keys.js';

/** What the keys do now: browse, write a reply, or answer "close it?". */
type Mode =
  | { kind: 'list' }
  | { kind: 'reply'; id: string; composer: ComposerState; busy: boolean; error?: string }
  | { kind: 'close'; id: string; name: string; busy: boolean; error?: string };

type ModeAction =
  | { type: 'list' }
  | { type: 'reply'; id: string }
  | { type: 'edit'; edit: ComposerAction }
  | { type: 'close'; id: string; name: string }
  | { type: 'busy' }
  | { type: 'failed'; error: string };

function modeReducer(m: Mode, a: ModeAction): Mode {
  switch (a.type) {
    case 'list':
      return { kind: 'list' };
    case 'reply':
      return { kind: 'reply', id: a.id, composer: emptyComposer, busy: false };
    case 'edit':
      if (m.kind !== 'reply' || m.busy) return m;
      return { ...m, composer: composerReducer(m.composer, a.edit), error: undefined };
    case 'close':
      return { kind: 'close', id: a.id, name: a.name, busy: false };
    case 'busy':
      return m.kind === 'list' ? m : { ...m, busy: true, error: undefined };
    case 'failed':
      return m.kind === 'list' ? m : { ...m, busy: false, error: a.error };
  }
}

const scopesOf = (m: Mode): Scope[] =>
  m.kind === 'reply' ? ['inboxReply', 'edit'] : m.kind === 'close' ? ['confirm'] : ['inbox'];

/** Why a reply was not sent, in words an agent can act on. */
function replyError(e: unknown): string {
  if (e instanceof ApiError && e.status === 503)
    return 'The e-mail could not be sent, so nothing was stored: try again in a moment.';
  if (e instanceof ApiError && e.status === 409) return 'This message is closed: it takes no reply.';
  return `Not sent: ${errorText(e)}`;
}

/** The messages visitors left: list, read, reply by e-mail, close. */
export function InboxScreen(props: ScreenProps) {
  const { session, getSession, dispatch, commands, size, now } = props;
  const inbox = session.inbox;
  const [mode, act, getMode] = useRefReducer(modeReducer, { kind: 'list' } as Mode);
  const scopes = scopesOf(mode);

  // Fetched whenever the screen opens or the filter changes (live events add to it meanwhile).
  useEffect(() => commands.loadInbox(inbox.filter), [commands, inbox.filter]);

  const current = () => selectedMessage(getSession().inbox);

  const sendReply = () => {
    const m = getMode();
    if (m.kind !== 'reply' || m.busy) return;
    const body = outgoing(m.composer);
    if (!body) return act({ type: 'failed', error: 'Write the reply first.' });
    const name = getSession().inbox.messages?.find((x) => x.id === m.id)?.name ?? 'the visitor';
    act({ type: 'busy' });
    commands.replyInbox(m.id, body).then(
      () => {
        act({ type: 'list' });
        dispatch({ type: 'notice', text: `Replied to ${name} by e-mail` });
      },
      (e: unknown) => act({ type: 'failed', error: replyError(e) }),
    );
  };

  const confirmClose = () => {
    const m = getMode();
    if (m.kind !== 'close' || m.busy) return;
    act({ type: 'busy' });
    commands.closeInbox(m.id).then(
      () => {
        act({ type: 'list' });
        dispatch({ type: 'notice', text: `Closed the message from ${m.name}` });
      },
      (e: unknown) => act({ type: 'failed', error: `Not closed: ${errorText(e)}` }),
    );
  };

  const bodyRows = () => bodyRowsFor(size, ['inbox', 'global']) - 2;
  const onAction = (a: Action) => {
    const edit = editActionOf(a);
    if (edit) return act({ type: 'edit', edit });
    const m = current();
    switch (a) {
      case 'inbox.next':
      case 'inbox.prev':
        return dispatch({ type: 'inbox:step', delta: a === 'inbox.next' ? 1 : -1 });
      case 'inbox.reply':
        if (!m) return;
        if (m.status === 'closed')
          return dispatch({ type: 'notice', level: 'error', text: 'This message is closed: it takes no reply.' });
        return act({ type: 'reply', id: m.id });
      case 'inbox.close':
        if (!m) return;
        if (m.status === 'closed') return dispatch({ type: 'notice', text: 'This message is closed already.' });
        return act({ type: 'close', id: m.id, name: m.name });
      case 'inbox.filter':
        return dispatch({ type: 'inbox:filter' });
      case 'inbox.refresh':
        return commands.loadInbox(getSession().inbox.filter);
      case 'inbox.scrollUp':
      case 'inbox.scrollDown': {
        const lines = m ? inboxMessageLines(m, detailWidth - 4, now).length : 0;
        const page = Math.max(1, bodyRows() - 2);
        return dispatch({ type: 'inbox:scroll', delta: a === 'inbox.scrollUp' ? -page : page, max: lines - page });
      }
      case 'inbox.send':
        return sendReply();
      case 'inbox.cancel':
      case 'confirm.no':
        return act({ type: 'list' });
      case 'confirm.yes':
        return confirmClose();
      case 'view.chats':
        return dispatch({ type: 'view', view: 'chats' });
    }
  };

  const { overlay, footerScopes, prompt } = useSessionKeys(props, scopes, {
    scopes: () => scopesOf(getMode()),
    onAction,
    onText: (text) => act({ type: 'edit', edit: { type: 'insert', text } }),
  });
  const rows = bodyRowsFor(size, footerScopes);
  const listWidth = Math.min(44, Math.max(24, Math.floor(size.columns * 0.4)));
  const detailWidth = size.columns - listWidth;
  const selected = selectedMessage(inbox);
  const lines = selected ? inboxMessageLines(selected, detailWidth - 4, now) : [];
  const errorRows = mode.kind === 'reply' && mode.error ? Math.ceil(stringWidth(mode.error) / (detailWidth - 4)) : 0;
  const replyRows = mode.kind === 'reply' ? composerRows(size) + 1 + errorRows : 0;
  const closeRows = mode.kind === 'close' ? 1 + (mode.error || mode.busy ? 1 : 0) : 0;
  const textRows = Math.max(1, rows - 2 - replyRows - closeRows);
  const from = Math.min(inbox.scroll, Math.max(0, lines.length - textRows));

  return (
    <Frame
      width={size.columns}
      height={size.rows}
      header={
        <Header
          me={session.me}
          title="Inbox"
          openChats={openChatCount(session.chats)}
          agentUnread={totalAgentUnread(session.agentMessages)}
          connected={session.connection.state === 'connected'}
          inbox={inbox.open}
        />
      }
      status={<StatusLine notice={props.notice} connection={session.connection} prompt={prompt} />}
      footerScopes={footerScopes}
    >
      {overlay === 'help' ? (
        <HelpView scopes={[...scopes, 'global']} title="inbox" width={size.columns} height={rows} />
      ) : (
        <>
          <InboxList
            messages={inbox.messages}
            selectedId={inbox.selected}
            filter={inbox.filter}
            width={listWidth}
            height={rows}
            now={now}
            error={inbox.error}
          />
          <Box
            flexDirection="column"
            flexGrow={1}
            borderStyle="round"
            borderColor="cyan"
            paddingX={1}
            overflow="hidden"
          >
            {selected ? (
              <Box flexDirection="column" flexGrow={1} overflow="hidden">
                <InboxMessage lines={lines} from={from} rows={textRows} />
              </Box>
            ) : (
              <Text dimColor>No message selected.</Text>
            )}
            {mode.kind === 'reply' ? (
              <Box flexDirection="column" flexShrink={0}>
                <Text dimColor wrap="truncate">
                  {mode.busy ? 'Sending the e-mail…' : `Reply to ${selected?.email ?? 'the visitor'} (e-mailed):`}
                </Text>
                <InputLine value={mode.composer} width={detailWidth - 4} maxRows={composerRows(size)} />
                {mode.error ? <Safe text={mode.error} color="red" wrap="wrap" /> : null}
              </Box>
            ) : null}
            {mode.kind === 'close' ? (
              <ConfirmLine question={`Close the message from ${mode.name}?`} busy={mode.busy} error={mode.error} />
            ) : null}
          </Box>
        </>
      )}
    </Frame>
  );
}
