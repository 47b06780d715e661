// The queue step: "N people ahead of you · M agents online", polled every 10 s, at once on the server's
// `queue:turn` push and whenever the /queue socket comes back (/queue namespace). At the front it starts
// the chat; `no_agent_available` keeps it waiting. When the place goes back (a chat whose agent left is
// put back in front), it says why. While the server cannot be reached, a banner says so.
// "Leave queue" → DELETE /api/queue.
import { leaveQueue, queueStatus, startChat } from './api.js';
import { $, el, showView } from './dom.js';
import { neutralise } from './rich-text.js';
import { loadSession, resetSession } from './session.js';
import { openSocket } from './socket.js';
import { queueLine, queueNote, t, waitEstimate } from './words.js';

export const POLL_MS = 10_000;

/** @param {{ home(o?: object): void, chat(o: object): void }} go */
export function setupQueue(go) {
  /** @type {any} the current wait, or null */
  let wait = null;
  const leave = /** @type {HTMLButtonElement} */ ($('leave'));

  function render(w) {
    if (w !== wait) return;
    // Only touch what changed: both lines are live regions, and a poll that changes nothing stays silent.
    if (w.ahead !== undefined) {
      const [place, agents] = queueLine(w.ahead, w.agentsOnline);
      const line = $('queue-line');
      if (line.textContent !== `${place} · ${agents}`) {
        line.replaceChildren(
          el('span', { className: 'q-place', text: place }),
          el('span', { className: 'sr-only', text: ' · ' }),
          el('span', { className: 'q-agents', text: agents }),
        );
        line.dataset.agents = String(w.agentsOnline);
      }
    }
    const estimate = w.agentsOnline > 0 ? waitEstimate(w.estimatedWaitSeconds) : '';
    const waitText = estimate ? t('wait.estimate', { wait: estimate }) : '';
    const waitNode = $('queue-wait');
    if (waitNode.textContent !== waitText) waitNode.textContent = waitText;
    waitNode.hidden = !waitText;
    const note = queueNote(w);
    const node = $('queue-note');
    if (node.textContent !== note.text) node.textContent = note.text;
    node.dataset.kind = note.kind;
    $('queue-banner').hidden = !w.offline;
  }

  function stop() {
    if (!wait) return;
    clearInterval(wait.timer);
    wait.socket.close();
    document.removeEventListener('visibilitychange', wait.onVisible);
    wait = null;
  }

  const gone = () => {
    stop();
    go.home({ message: t('queue.expired'), kind: 'error' });
  };

  async function tryStart(w) {
    if (movedOn(w)) return;
    if (w.starting) {
      w.again = true;
      return;
    }
    w.starting = true;
    const res = await startChat(w.token);
    w.starting = false;
    if (w !== wait) return;
    if (res.ok) {
      stop();
      go.chat({ userToken: res.data.userToken, chatId: res.data.chatId, agentName: res.data.agent?.name ?? null });
      return;
    }
    if (res.status === 401) return gone();
    if (res.error.code === 'no_agent_available') w.noAgentFree = true;
    if (res.status === 0) w.offline = true;
    render(w);
    if (w.again) {
      w.again = false;
      void check(w);
    }
  }

  /** Another tab took the next step (started the chat, left): this one follows it, see main.js. */
  const movedOn = (w) => {
    const s = loadSession();
    return s !== null && s.queueToken !== w.token; // null: no storage here, nothing to follow
  };

  async function check(w) {
    if (movedOn(w)) return;
    const res = await queueStatus(w.token);
    if (w !== wait) return;
    if (res.ok) {
      w.offline = false;
      if (res.data.ahead !== 0) w.noAgentFree = false;
      // Further back than before: someone was put in front (a requeued chat). Say so until the place improves.
      if (w.ahead !== undefined && res.data.ahead > w.ahead) w.pushedBack += res.data.ahead - w.ahead;
      else if (w.ahead !== undefined && res.data.ahead < w.ahead) w.pushedBack = 0;
      Object.assign(w, {
        ahead: res.data.ahead,
        agentsOnline: res.data.agentsOnline,
        estimatedWaitSeconds: res.data.estimatedWaitSeconds,
      });
      render(w);
      if (w.ahead === 0) await tryStart(w);
    } else if (res.status === 401) {
      // Gone from the queue — or already started (a reload at the wrong moment): start answers that chat.
      await tryStart(w);
    } else {
      w.offline = true;
      render(w);
    }
  }

  $('queue-offline').addEventListener('click', () => wait && go.message({ from: 'queue' }));

  leave.addEventListener('click', async () => {
    const w = wait;
    if (!w) return;
    leave.disabled = true;
    stop();
    resetSession(); // other tabs stop waiting at once
    await leaveQueue(w.token); // 204, or 401 when already gone: either way the visitor is out
    leave.disabled = false;
    go.home({ message: t('queue.left') });
  });

  return {
    /** @param {{ queueToken: string, name: string }} o */
    start({ queueToken, name }) {
      stop();
      const w = {
        token: queueToken,
        ahead: undefined,
        agentsOnline: 0,
        noAgentFree: false,
        offline: false,
        pushedBack: 0,
        starting: false,
        again: false,
      };
      wait = w;
      showView('queue');
      $('queue-greeting').textContent = t('queue.greeting', { name: neutralise(name) });
      $('queue-line').textContent = t('queue.checking');
      render(w);
      w.socket = openSocket('/queue', queueToken);
      w.socket.on('queue:turn', () => void tryStart(w));
      // Back after losing the connection (the server restarted): where are we now?
      w.socket.on('connect', () => w.offline && void check(w));
      w.socket.on('disconnect', (reason) => {
        if (reason === 'io client disconnect') return; // ours: leaving the queue
        w.offline = true;
        render(w);
      });
      w.timer = setInterval(() => void check(w), POLL_MS);
      w.onVisible = () => document.visibilityState === 'visible' && void check(w);
      document.addEventListener('visibilitychange', w.onVisible);
      $('queue-title').focus();
      void check(w);
    },
    stop,
    /** Leaves the queue (DELETE /api/queue) and forgets it, staying on the view shown (a message was left). */
    async leave() {
      const w = wait;
      if (!w) return;
      stop();
      resetSession();
      await leaveQueue(w.token);
    },
    /** The queue token being waited on, or null. */
    token: () => wait?.token ?? null,
  };
}
