// The chat step: the /visitor socket (history, live messages, agent changes, requeue, end), sending with
// visible failures and retry, ending with confirmation. Reconnects by itself; each (re)connect brings
// `chat:history`, which fills any gap.
import { showView } from './dom.js';
import { saveSession } from './session.js';
import { openSocket } from './socket.js';
import { lastSeq, mergeMessages } from './transcript.js';
import { endedLine, sendFailure } from './words.js';
import { createChatView } from './chat-view.js';

const ACK_TIMEOUT_MS = 10_000;
const BODY_MAX = 4000;
let localIds = 0;

export function setupChat() {
  const view = createChatView();
  /** @type {any} the open chat, or null */
  let chat = null;

  const actions = {
    retry: (p) => chat && transmit(chat, p),
    edit: (p) => {
      if (!chat) return;
      chat.pending = chat.pending.filter((q) => q !== p);
      render(chat);
      view.restoreText(p.body);
    },
  };

  function render(c, o) {
    if (c !== chat) return;
    view.render(c.messages, c.pending, actions, o);
    if (c.status === 'ended') {
      view.setHeader(c.agentName, 'Chat ended', 'ended');
      view.setBanner(c.refused ? 'This chat can’t be opened any more (the link expired).' : '', 'error');
      return;
    }
    const waiting = c.status === 'queued';
    if (!c.connected) view.setHeader(waiting ? null : c.agentName, 'Reconnecting…', 'offline');
    else if (waiting) view.setHeader(null, 'An agent will join soon', 'waiting');
    else view.setHeader(c.agentName, 'Online', 'online');
    if (!c.connected && c.everConnected) view.setBanner('Connection lost — reconnecting…', 'error');
    else if (waiting)
      view.setBanner(`You’re back in the queue (${c.ahead} ahead). Keep writing — the next agent will see it all.`);
    else view.setBanner('');
  }

  /** A confirmed message may have failed locally (its ack was lost): drop those now in the transcript. */
  function reconcile(c) {
    c.pending = c.pending.filter(
      (p) =>
        p.state === 'sending' ||
        !c.messages.some((m) => m.from.role === 'visitor' && m.seq > p.afterSeq && m.body === p.body),
    );
  }

  function fail(c, p, code, message) {
    p.state = 'failed';
    view.setSendError(sendFailure(code, message));
    render(c);
  }

  function transmit(c, p) {
    if (c.status === 'ended') return fail(c, p, 'gone');
    p.state = 'sending';
    p.afterSeq = lastSeq(c.messages);
    render(c, { forceScroll: true });
    if (!c.connected) return fail(c, p, 'offline');
    // One idempotency key per message, kept across retries: the server stores it once.
    p.clientMsgId ??= newClientMsgId();
    c.socket.timeout(ACK_TIMEOUT_MS).emit('chat:send', { body: p.body, clientMsgId: p.clientMsgId }, (err, ack) => {
      if (p.state !== 'sending' || c !== chat) return;
      if (err) return fail(c, p, 'timeout');
      if (!ack?.ok) return fail(c, p, ack?.error?.code, ack?.error?.message);
      c.pending = c.pending.filter((q) => q !== p);
      c.messages = mergeMessages(c.messages, [ack.message]);
      if (!c.pending.some((q) => q.state === 'failed')) view.setSendError('');
      render(c, { forceScroll: true });
    });
  }

  function send(body) {
    if (!chat || !body.trim()) return false;
    if (body.length > BODY_MAX) {
      view.setSendError(`That message is too long: ${body.length} of at most ${BODY_MAX} characters.`);
      return false;
    }
    const p = { localId: `local-${++localIds}`, body, state: 'sending', afterSeq: 0 };
    chat.pending.push(p);
    transmit(chat, p);
    return true;
  }

  function markEnded(c, by) {
    if (c.status === 'ended') return;
    c.status = 'ended';
    c.endedBy = by ?? c.endedBy;
    saveSession({ step: 'ended', endedBy: c.endedBy ?? null });
    for (const p of c.pending) if (p.state === 'sending') p.state = 'failed';
    c.socket?.close();
    showView('ended');
    view.showEnded(endedLine(c.endedBy));
    render(c);
    const focus = document.activeElement;
    if (!focus || focus === document.body || focus.closest('#composer, dialog, .chat-header')) view.focusEnded();
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
      for (const p of c.pending) if (p.state === 'sending') fail(c, p, 'timeout');
      // The server closed us on purpose (not expected): come back anyway unless the chat is over.
      if (reason === 'io server disconnect' && c.status !== 'ended')
        setTimeout(() => c === chat && socket.connect(), 1000);
      render(c);
    });
    socket.on('connect_error', () => {
      if (socket.active) return render(c); // retrying by itself
      c.connected = false;
      c.refused = true;
      markEnded(c, undefined);
    });
    socket.on('chat:history', (h) => {
      c.messages = mergeMessages(c.messages, Array.isArray(h?.transcript) ? h.transcript : []);
      reconcile(c);
      if (h?.agent?.name && h.agent.name !== c.agentName) {
        c.agentName = h.agent.name;
        saveSession({ agentName: c.agentName });
      }
      if (c.status === 'ended') {
        socket.close(); // an ended chat is read-only: the history was all we came for
        return render(c, { forceScroll: true });
      }
      if (h?.status === 'ended') return markEnded(c, undefined);
      c.status = h?.status === 'queued' ? 'queued' : 'active';
      c.ahead = h?.ahead ?? 0;
      render(c, { forceScroll: true });
    });
    socket.on('chat:message', (m) => {
      c.messages = mergeMessages(c.messages, [m]);
      reconcile(c);
      render(c);
    });
    socket.on('chat:agent', (a) => {
      c.agentName = a?.name ?? c.agentName;
      c.status = 'active';
      saveSession({ agentName: c.agentName });
      render(c);
    });
    socket.on('chat:queued', (q) => {
      c.status = 'queued';
      c.ahead = q?.ahead ?? 0;
      render(c);
    });
    socket.on('chat:ended', (e) => markEnded(c, e?.by));
  }

  return {
    send,
    /** Ends the chat (the caller has asked for confirmation). Resolves to an error text or ''. */
    end() {
      const c = chat;
      if (!c || c.status === 'ended') return Promise.resolve('');
      const offline = 'You’re offline, so the chat can’t be ended right now. Try again when you’re back.';
      if (!c.connected) return Promise.resolve(offline);
      return new Promise((resolve) => {
        c.socket.timeout(ACK_TIMEOUT_MS).emit('chat:end', {}, (err, ack) => {
          if (err) return resolve('The chat could not be ended — the connection dropped. Try again.');
          if (ack?.ok || ack?.error?.code === 'gone') markEnded(c, 'visitor');
          else return resolve('The chat could not be ended. Try again.');
          resolve('');
        });
      });
    },
    /** @param {{ userToken: string, name: string, agentName?: string, ended?: boolean, endedBy?: string }} o */
    open(o) {
      this.close();
      view.reset();
      chat = {
        token: o.userToken,
        visitorName: o.name,
        agentName: o.agentName ?? null,
        status: 'active',
        ahead: 0,
        endedBy: o.endedBy,
        messages: [],
        pending: [],
        socket: null,
        connected: false,
        everConnected: false,
      };
      showView('chat');
      render(chat);
      if (o.ended) markEnded(chat, o.endedBy);
      connect(chat);
      if (!o.ended) view.input.focus();
    },
    close() {
      chat?.socket?.close();
      chat = null;
    },
    current: () => chat,
    view,
  };
}

/** A random id; crypto.randomUUID needs a secure context, getRandomValues does not. */
function newClientMsgId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
