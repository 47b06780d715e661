// The chat step: the /visitor socket (history, live messages, agent changes, requeue, end) and the
// outbox that delivers what the visitor types. Reconnects by itself; each (re)connect brings
// `chat:history`, which fills any gap, and sends again what is still unconfirmed (same clientMsgId).
import { createAttention } from './attention.js';
import { chatStatus } from './chat-status.js';
import { createChatView } from './chat-view.js';
import { embed } from './embed-context.js';
import { showView } from './dom.js';
import { createOutbox } from './outbox.js';
import { setupRating } from './rating.js';
import { loadSession, saveSession } from './session.js';
import { openSocket } from './socket.js';
import { forgetChat, loadDraft, loadOutbox, saveDraft as keepDraft, saveOutbox } from './tab-store.js';
import { mergeMessages } from './transcript.js';
import { createTyping } from './typing.js';
import { endedLine, sendFailure, t } from './words.js';

const ACK_TIMEOUT_MS = 10_000;
const BODY_MAX = 4000;

export function setupChat() {
  const view = createChatView();
  const attention = createAttention();
  const typing = createTyping();
  const rating = setupRating();
  /** @type {any} the open chat, or null */
  let chat = null;

  const actions = {
    retry: (p) => chat?.outbox.retry(p),
    edit: (p) => {
      if (!chat) return;
      chat.outbox.remove(p);
      view.restoreText(p.body);
    },
  };

  function render(c, o) {
    if (c !== chat) return;
    const pending = c.outbox.items();
    view.render(c.messages, pending, actions, o);
    const s = chatStatus({ ...c, hasMessages: c.messages.length > 0 });
    view.setHeader(s.agentName, s.state, s.kind);
    view.setBanner(s.banner, s.bannerKind);
    view.setEmptyText(s.empty);
    const failed = pending.findLast((p) => p.state === 'failed');
    view.setSendError(failed ? sendFailure(failed.code, failed.message) : '');
  }

  /** The socket of an ended chat stays open only until what was typed has its answer. */
  function closeWhenSettled(c) {
    if (c.status === 'ended' && !c.outbox.busy()) c.socket?.close();
  }

  function newOutbox(c) {
    return createOutbox(
      {
        send: (p) =>
          new Promise((resolve) => {
            c.socket
              .timeout(ACK_TIMEOUT_MS)
              .emit('chat:send', { body: p.body, clientMsgId: p.clientMsgId }, (err, ack) => {
                if (err) return resolve({ timeout: true });
                if (ack?.ok) return resolve({ ok: true, message: ack.message });
                const e = ack?.error ?? {};
                resolve({ ok: false, code: e.code ?? 'internal', message: e.message, retryAfter: e.retryAfter });
              });
          }),
        confirmed: (message) => {
          c.messages = mergeMessages(c.messages, [message]);
          render(c, { forceScroll: true });
          closeWhenSettled(c);
        },
        changed: () => {
          render(c, { forceScroll: true });
          closeWhenSettled(c);
        },
        store: (items) => saveOutbox(c.chatId, items),
      },
      loadOutbox(c.chatId),
    );
  }

  function send(body) {
    if (!chat || !body.trim()) return false;
    if (body.length > BODY_MAX) {
      view.setSendError(t('chat.tooLong', { length: body.length, max: BODY_MAX }));
      return false;
    }
    chat.outbox.add(body);
    typing.stop();
    return true;
  }

  function markEnded(c, by) {
    if (c.status === 'ended') return;
    c.status = 'ended';
    c.endedBy = by ?? c.endedBy;
    embed.chatEnded(c.chatId, c.endedBy);
    const saved = loadSession();
    if (saved?.step !== 'ended' || saved.chatId !== c.chatId)
      saveSession({ step: 'ended', endedBy: c.endedBy ?? null, endedAt: Date.now() });
    closeWhenSettled(c); // what is still unconfirmed gets its answer first (stored, or `gone`)
    showView('ended');
    view.showEnded(endedLine(c.endedBy));
    typing.reset();
    rating.offer({ token: c.token, chatId: c.chatId, refused: c.refused });
    render(c);
    const focus = document.activeElement;
    if (!focus || focus === document.body || focus.closest('#composer, dialog, .chat-header')) view.focusEnded();
  }

  /** New agent messages (live, or caught up on a reconnect) get the visitor's attention in a hidden tab. */
  function arrived(c, incoming) {
    for (const m of incoming) {
      if (c.known.has(m.id)) continue;
      c.known.add(m.id);
      if (!c.caughtUp || m.from?.role !== 'agent') continue;
      attention.agentMessage(m.id);
      embed.agentMessage(c.chatId);
    }
  }

  function connect(c) {
    const socket = openSocket('/visitor', c.token);
    c.socket = socket;
    socket.on('connect', () => {
      c.connected = c.everConnected = true;
      render(c);
    });
    socket.on('disconnect', (reason) => {
      c.connected = false;
      c.outbox.setOnline(false);
      // The server closed us on purpose (not expected): come back anyway unless the chat is over.
      if (reason === 'io server disconnect' && c.status !== 'ended')
        setTimeout(() => c === chat && socket.connect(), 1000);
      render(c);
    });
    socket.on('connect_error', () => {
      if (socket.active) {
        c.unreachable = true; // retrying by itself
        return render(c);
      }
      // The server refused the token (expired): nothing typed here can be sent any more.
      c.connected = false;
      c.refused = true;
      c.outbox.stop();
      for (const p of c.outbox.items()) Object.assign(p, { state: 'failed', code: 'gone' });
      markEnded(c, undefined);
      render(c);
    });
    socket.on('chat:history', (h) => {
      const transcript = Array.isArray(h?.transcript) ? h.transcript : [];
      arrived(c, transcript);
      c.caughtUp = true;
      c.messages = mergeMessages(c.messages, transcript);
      if (typeof h?.chatId === 'string' && !c.chatId) c.chatId = h.chatId;
      if (h?.agent?.name && h.agent.name !== c.agentName) {
        c.agentName = h.agent.name;
        saveSession({ agentName: c.agentName });
      }
      c.agentConnected = h?.agentConnected !== false;
      if (c.status !== 'ended' && h?.status === 'ended') markEnded(c, undefined);
      else if (c.status !== 'ended') {
        c.status = h?.status === 'queued' ? 'queued' : 'active';
        c.ahead = h?.ahead ?? 0;
        if (typeof h?.agentsOnline === 'number') c.agentsOnline = h.agentsOnline;
      }
      // Connected and up to date: what is still unconfirmed goes (again) now.
      c.outbox.setOnline(true);
      render(c, { forceScroll: true });
      closeWhenSettled(c); // an ended chat is read-only: the history was all we came for
    });
    socket.on('chat:message', (m) => {
      arrived(c, [m]);
      if (m?.from?.role === 'agent') typing.agentSpoke();
      c.messages = mergeMessages(c.messages, [m]);
      render(c);
    });
    socket.on('chat:agent', (a) => {
      c.agentName = a?.name ?? c.agentName;
      c.status = 'active';
      c.agentConnected = true;
      saveSession({ agentName: c.agentName });
      render(c);
    });
    socket.on('chat:queued', (q) => {
      c.status = 'queued';
      c.ahead = q?.ahead ?? 0;
      c.agentsOnline = typeof q?.agentsOnline === 'number' ? q.agentsOnline : undefined;
      c.agentConnected = true;
      render(c);
    });
    socket.on('chat:agent-connection', (e) => {
      c.agentConnected = e?.connected !== false;
      render(c);
    });
    socket.on('chat:ended', (e) => markEnded(c, e?.by));
    socket.on('chat:typing', (e) => c.status !== 'ended' && typing.incoming(e));
    // Not volatile: a volatile emit right after a message is dropped while the transport is busy, and
    // the final `typing: false` must arrive. Nothing is queued while offline.
    typing.connect((payload) => socket.connected && socket.emit('chat:typing', payload));
  }

  return {
    send,
    /** Ends the chat (the caller has asked for confirmation). Resolves to an error text or ''. */
    end() {
      const c = chat;
      if (!c || c.status === 'ended') return Promise.resolve('');
      const offline = t('chat.endOffline');
      if (!c.connected) return Promise.resolve(offline);
      return new Promise((resolve) => {
        c.socket.timeout(ACK_TIMEOUT_MS).emit('chat:end', {}, (err, ack) => {
          if (err) return resolve(t('chat.endDropped'));
          if (ack?.ok || ack?.error?.code === 'gone') markEnded(c, 'visitor');
          else return resolve(t('chat.endFailed'));
          resolve('');
        });
      });
    },
    /**
     * @param {{ userToken: string, chatId?: string, name: string, agentName?: string, ended?: boolean,
     *   endedBy?: string }} o
     */
    open(o) {
      this.close();
      view.reset();
      rating.hide();
      const c = {
        token: o.userToken,
        chatId: o.chatId ?? '',
        visitorName: o.name,
        agentName: o.agentName ?? null,
        status: 'active',
        ahead: 0,
        agentsOnline: undefined,
        agentConnected: true,
        endedBy: o.endedBy,
        messages: [],
        known: new Set(),
        caughtUp: false,
        socket: null,
        connected: false,
        everConnected: false,
        unreachable: false,
        refused: false,
      };
      c.outbox = newOutbox(c);
      chat = c;
      showView('chat');
      view.setDraft(loadDraft(c.chatId));
      render(c);
      if (o.ended) markEnded(c, o.endedBy);
      else embed.chatStarted(c.chatId);
      connect(c);
      if (!o.ended) view.input.focus();
    },
    /** Another tab ended the chat (its session says so): this one ends too. */
    endedElsewhere(by) {
      if (chat) markEnded(chat, by ?? undefined);
    },
    /** The visitor's own typing, for the agent's "is typing" (throttled, see typing.js). */
    typing(text) {
      if (chat && chat.status !== 'ended') typing.local(text);
    },
    /** Keeps what is in the box, so a reload finds it. */
    saveDraft(text) {
      if (chat && chat.status !== 'ended') keepDraft(chat.chatId, text);
    },
    close() {
      if (!chat) return;
      chat.outbox.stop();
      chat.socket?.close();
      chat = null;
      attention.reset();
      typing.reset();
    },
    /** Leaves an ended chat for good: this tab forgets its draft and unsent messages. */
    forget() {
      if (chat) forgetChat(chat.chatId);
      this.close();
    },
    current: () => chat,
    view,
  };
}
