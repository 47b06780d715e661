// The visitor page: home → queue → chat → ended. Each step is saved in sessionStorage, so a reload
// (or a reopened tab) resumes it.
import { setupChat } from './chat.js';
import { wireChatControls } from './chat-controls.js';
import { setupHome } from './home.js';
import { setupQueue } from './queue.js';
import { loadSession, resetSession, saveSession } from './session.js';

const go = {
  /** @param {{ name?: string, message?: string, kind?: 'info' | 'error' }} [o] */
  home(o = {}) {
    queue.stop();
    chat.close();
    const name = o.name ?? loadSession()?.name ?? '';
    resetSession();
    home.show({ ...o, name });
  },
  /** @param {{ queueToken: string, name: string }} o */
  queue(o) {
    saveSession({ step: 'queue', queueToken: o.queueToken, name: o.name });
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
    chat.open({ userToken: o.userToken, name: s.name, agentName: o.agentName ?? undefined });
  },
};

const home = setupHome(go);
const queue = setupQueue(go);
const chat = setupChat();
wireChatControls(chat, go);

const saved = loadSession();
if (saved?.step === 'queue' && saved.queueToken) {
  queue.start({ queueToken: saved.queueToken, name: saved.name ?? '' });
} else if ((saved?.step === 'chat' || saved?.step === 'ended') && saved.userToken) {
  chat.open({
    userToken: saved.userToken,
    name: saved.name ?? '',
    agentName: saved.agentName ?? undefined,
    ended: saved.step === 'ended',
    endedBy: saved.endedBy ?? undefined,
  });
} else {
  home.show({ name: saved?.name ?? '' });
}
