// The visitor page: home → queue → chat → ended. Each step is saved in localStorage, so a reload, a
// second tab or a reopened browser resumes it; every tab follows the steps another tab takes.
import { setupAvailability } from './availability.js';
import { setupChat } from './chat.js';
import { embedReady } from './embed-context.js';
import { wireChatControls } from './chat-controls.js';
import { setupHome } from './home.js';
import { setupOfflineMessage } from './offline-message.js';
import { setupQueue } from './queue.js';
import { loadSession, onSessionChange, resetSession, saveSession } from './session.js';

const go = {
  /** @param {{ name?: string, message?: string, kind?: 'info' | 'error' }} [o] */
  home(o = {}) {
    queue.stop();
    chat.close();
    const name = o.name ?? loadSession()?.name ?? '';
    resetSession();
    home.show({ ...o, name, blockedUntil: loadSession()?.joinBlockedUntil });
  },
  /** @param {{ queueToken: string, name: string }} o */
  queue(o) {
    saveSession({ step: 'queue', queueToken: o.queueToken, name: o.name, joinBlockedUntil: undefined });
    queue.start(o);
  },
  /** @param {{ userToken: string, chatId: string, agentName: string | null }} o */
  chat(o) {
    const s = saveSession({
      step: 'chat',
      userToken: o.userToken,
      chatId: o.chatId,
      agentName: o.agentName,
      queueToken: undefined,
      endedBy: undefined,
    });
    chat.open({ userToken: o.userToken, chatId: o.chatId, name: s.name, agentName: o.agentName ?? undefined });
  },
  /** Outside business hours (availability, or a join refused with 409 `closed`). */
  closed() {
    queue.stop();
    chat.close();
    availability.closed();
  },
  /** @param {{ from: 'home' | 'closed' | 'queue' }} o the form to leave a message, and where Back goes */
  message(o) {
    offline.show(o);
  },
};

const availability = setupAvailability(go);
const home = setupHome(go, availability);
const queue = setupQueue(go);
const offline = setupOfflineMessage(go, queue);
const chat = setupChat();
wireChatControls(chat, go);

/** Shows what the session says, without saving anything (it is already saved). */
function show(s) {
  if (s?.step === 'queue' && s.queueToken) {
    if (queue.token() === s.queueToken) return;
    chat.close();
    queue.start({ queueToken: s.queueToken, name: s.name ?? '' });
  } else if ((s?.step === 'chat' || s?.step === 'ended') && s.userToken) {
    const open = chat.current();
    if (open && (open.chatId === s.chatId || open.token === s.userToken)) {
      if (s.step === 'ended') chat.endedElsewhere(s.endedBy);
      return;
    }
    queue.stop();
    chat.open({
      userToken: s.userToken,
      chatId: s.chatId,
      name: s.name ?? '',
      agentName: s.agentName ?? undefined,
      ended: s.step === 'ended',
      endedBy: s.endedBy ?? undefined,
    });
  } else if (!['home', 'closed', 'message'].includes(document.body.dataset.view ?? '')) {
    queue.stop();
    chat.close();
    home.show({ name: s?.name ?? '', blockedUntil: s?.joinBlockedUntil });
  } else {
    home.sync(s);
  }
}

/** A chat that ended this long ago is not shown again to a page opened afresh: it starts at home. */
const ENDED_SHOWN_MS = 60 * 60 * 1000;
const saved = loadSession();
if (saved?.step === 'ended' && Date.now() - (saved.endedAt ?? 0) > ENDED_SHOWN_MS) resetSession();
show(loadSession() ?? { step: 'home', name: '' });
// Another tab joined the queue, started or ended the chat, left, or began a new one: follow it.
onSessionChange(show);
// In the widget's frame: tell the host page the chat is ready.
embedReady();
