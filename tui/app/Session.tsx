import { randomUUID } from 'node:crypto';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ChatMessage, Me } from '../../server/protocol/models.js';
import { ApiError } from '../client/errors.js';
import { AdminScreen } from '../screens/AdminScreen.js';
import { ChatsScreen } from '../screens/ChatsScreen.js';
import { InboxScreen } from '../screens/InboxScreen.js';
import { MessagesScreen } from '../screens/MessagesScreen.js';
import type { Size } from '../screens/types.js';
import { chatScreenReducer, initialChatScreen } from '../state/chat-screen.js';
import { initialMessagesScreen, messagesScreenReducer } from '../state/messages-screen.js';
import { initialSession, sessionReducer } from '../state/session.js';
import type { Backend, StaffApi } from './backend.js';
import { errorText, type SessionCommands } from './commands.js';
import { useAgentMessageSync } from './use-agent-message-sync.js';
import { useClock } from './use-clock.js';
import { useLiveChannel } from './use-live-channel.js';
import { useReminders } from './use-reminders.js';
import { useRefReducer, useStateBox } from './use-ref-reducer.js';
import { useSessionEnd } from './use-session-end.js';
import { countInbox, loadInbox } from './inbox-sync.js';
import { useVisibleNotice } from './use-visible-notice.js';

const SEND_ATTEMPTS = 3;

export interface SessionProps {
  backend: Backend;
  server: string;
  token: string;
  api: StaffApi;
  me: Me;
  size: Size;
  now: () => number;
  /** Alerts the agent: the bell, or a desktop notification with this text (a no-op with --notify off). */
  ring: (text?: string) => void;
  /** How often a visitor waiting for a reply is recalled, bell included (ms; 0: never). */
  remindMs?: number;
  /** Agent-message polling interval (ms); the live event is the fast path. */
  pollMs?: number;
  adminRefreshMs?: number;
  /** How long a notice stays in the status line unless it still holds (ms). */
  noticeMs?: number;
  onQuit(): void;
  /** Logged out on purpose, or the server refused the session: back to the login screen. */
  onSignedOut(message?: string): void;
  redraw(): void;
}

/** A signed-in agent: one live connection, the session state, and the screen in view. */
export function Session(p: SessionProps) {
  const [state, dispatch, get] = useRefReducer(sessionReducer, () => initialSession(p.me));
  const chatScreen = useStateBox(chatScreenReducer, initialChatScreen);
  const messagesScreen = useStateBox(messagesScreenReducer, initialMessagesScreen);
  const { backend, server, token, ring, onQuit, onSignedOut, redraw, api: rawApi } = p;
  // Every 401 from the server (token revoked or expired while the app runs) ends the session.
  const { end, leaving, api, refused } = useSessionEnd(rawApi, token, onSignedOut);

  const open = useCallback(() => backend.live(server, token), [backend, server, token]);
  const live = useLiveChannel(open, dispatch, {
    onExpired: () => end('expired'),
    onRevoked: (reason) => end(reason),
    // Logout elsewhere and account deletion close the connection from the server's side: ask the
    // server whether the session still holds (a 401 ends it), else connect again.
    onServerClose: (channel) =>
      api.me().then(
        () => channel.reconnect(),
        (e: unknown) => {
          if (!refused(e)) channel.reconnect();
        },
      ),
  });
  const { agentMessages } = state;
  useAgentMessageSync(api, dispatch, get, { connection: state.connection.state, agentMessages }, p.pollMs ?? 15_000);

  const bells = useRef(0);
  useEffect(() => {
    if (state.bells > bells.current) ring(get().notice?.text);
    bells.current = state.bells;
  }, [state.bells, ring, get]);
  useReminders(dispatch, get, p.now, p.remindMs ?? 30_000);

  // The header's count of open left messages: fetched on every (re)connect, then kept by the live events.
  useEffect(() => {
    if (state.connection.state === 'connected') countInbox(api, dispatch);
  }, [state.connection.state, api, dispatch]);

  // The handshake was refused ("unauthorized"): the token is no longer honoured.
  useEffect(() => {
    if (state.connection.state === 'refused') end();
  }, [state.connection.state, end]);

  const commands = useMemo<SessionCommands>(() => {
    const channel = () => {
      if (!live.current) throw new Error('not connected');
      return live.current;
    };
    /** An unanswered send (connection dropping) is retried with the same id: stored once. */
    const deliver = async (write: (clientMsgId: string) => Promise<ChatMessage>) => {
      const clientMsgId = randomUUID();
      for (let attempt = 1; ; attempt++) {
        try {
          dispatch({ type: 'chat:message', payload: await write(clientMsgId) });
          return;
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 'timeout') || attempt >= SEND_ATTEMPTS) throw e;
        }
      }
    };
    return {
      send: (chatId, body) => deliver((id) => channel().send(chatId, body, id)),
      note: (chatId, body) => deliver((id) => channel().note(chatId, body, id)),
      async end(chatId) {
        await channel().end(chatId);
        dispatch({ type: 'chat:ended', payload: { chatId, by: 'agent' } });
      },
      async transfer(chatId, to) {
        // The name is read first: the server's chat:removed may arrive before the acknowledgement.
        const visitor = get().chats.byId[chatId]?.visitor.name ?? 'the visitor';
        await channel().transfer(chatId, to);
        dispatch({ type: 'chat:removed', payload: { chatId, reason: 'transferred' } });
        dispatch({ type: 'notice', text: `Transferred the chat with ${visitor} to ${to}` });
      },
      typing(chatId, typing) {
        live.current?.typing(chatId, typing);
      },
      async toggleStatus() {
        const next = get().me.status === 'online' ? 'offline' : 'online';
        dispatch({ type: 'agent:status', payload: await api.setStatus(next) });
      },
      colleagues: () => api.listColleagues(get().me.role),
      canned: () => api.listCanned(),
      addCanned: (body) => api.addCanned(body),
      editCanned: (id, patch) => api.editCanned(id, patch),
      removeCanned: (id) => api.removeCanned(id),
      loadInbox: (filter) => loadInbox(api, dispatch, filter),
      async replyInbox(id, body) {
        const message = await api.replyInbox(id, body);
        dispatch({ type: 'inbox:updated', message });
        countInbox(api, dispatch);
        return message;
      },
      async closeInbox(id) {
        await api.closeInbox(id);
        dispatch({ type: 'inbox:closed', id });
        countInbox(api, dispatch);
      },
      async sendAgentMessage(to, body) {
        dispatch({ type: 'agent-message', payload: await api.sendAgentMessage(to, body) });
      },
      listAgents: () => api.listAgents(),
      invite: (body) => api.invite(body),
      listInvites: () => api.listInvites(),
      revokeInvite: (username) => api.revokeInvite(username),
      resendInvite: (username) => api.resendInvite(username),
      updateAgent: (username, patch) => api.updateAgent(username, patch),
      deleteAgent: (username) => api.deleteAgent(username),
      quit: onQuit,
      logout() {
        // The server closes this session's connection too: that is not "your session ended".
        leaving(true);
        rawApi.logout().then(
          () => onSignedOut('Logged out. Your open chats went back to the queue.'),
          (e: unknown) => {
            if (refused(e)) return onSignedOut('Logged out.');
            leaving(false);
            dispatch({ type: 'notice', level: 'error', text: `Log out failed: ${errorText(e)}` });
          },
        );
      },
      handBack() {
        // The chats go to the front of the queue and the account offline; the session stays, so the
        // next start needs no login.
        dispatch({ type: 'notice', text: 'Handing your chats back…' });
        api.handBack().then(onQuit, (e: unknown) => {
          if (refused(e)) return onQuit();
          dispatch({ type: 'notice', level: 'error', text: `Could not hand the chats back: ${errorText(e)}` });
        });
      },
      redraw,
    };
  }, [api, rawApi, refused, leaving, dispatch, get, live, onQuit, onSignedOut, redraw]);

  const now = useClock(p.now);
  const notice = useVisibleNotice(state, p.noticeMs ?? 10_000);
  const props = { session: state, getSession: get, dispatch, commands, size: p.size, now, notice };
  if (state.view === 'messages') return <MessagesScreen {...props} screen={messagesScreen} />;
  if (state.view === 'inbox') return <InboxScreen {...props} />;
  if (state.view === 'admin') return <AdminScreen {...props} refreshMs={p.adminRefreshMs} />;
  return <ChatsScreen {...props} screen={chatScreen} />;
}
