// Getting the visitor's attention while the tab is hidden: the tab title counts the agent's unread
// messages ("(2) Chat with support · Switchboard"), and a soft two-note chime plays (Web Audio, no
// file) unless the visitor turned it off with the bell in the header (remembered in localStorage).
// Tabs of the same chat tell each other whether they are in view (BroadcastChannel): no chime while
// another tab shows the chat, and one chime per message however many tabs are hidden.
import { $ } from './dom.js';
import { t } from './words.js';

const SOUND_KEY = 'switchboard.sound';
const CHIMED_KEY = 'switchboard.chimed';

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function store(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage disabled: it is only forgotten */
  }
}

export function createAttention() {
  const title = document.title;
  const button = $('sound');
  const hidden = () => document.visibilityState === 'hidden';
  let unread = 0;
  let soundOn = stored(SOUND_KEY) !== 'off';
  /** @type {AudioContext | null} */
  let audio = null;

  const showTitle = () => {
    document.title = unread ? `(${unread}) ${title}` : title;
  };
  const showSound = () => {
    button.setAttribute('aria-pressed', String(soundOn));
    button.title = soundOn ? t('chat.soundOn') : t('chat.soundOff');
  };

  // Which other tabs show the page right now.
  const tab = Math.random().toString(36).slice(2);
  const inView = new Set();
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel('switchboard.tabs') : null;
  const tell = (type, visible = !hidden()) => channel?.postMessage({ type, tab, visible });
  if (channel) {
    channel.onmessage = ({ data }) => {
      if (!data || typeof data.tab !== 'string') return;
      if (data.visible) inView.add(data.tab);
      else inView.delete(data.tab);
      if (data.type === 'hello') tell('state');
    };
  }
  tell('hello');
  window.addEventListener('pagehide', () => tell('state', false));
  document.addEventListener('visibilitychange', () => {
    tell('state');
    if (!hidden() && unread) {
      unread = 0;
      showTitle();
    }
  });

  // Browsers let a page make sound once the visitor has interacted with it: get ready then.
  const unlock = () => {
    if (!soundOn) return;
    try {
      audio ??= new AudioContext();
      if (audio.state === 'suspended') audio.resume().catch(() => {});
    } catch {
      /* no Web Audio: no sound */
    }
  };
  document.addEventListener('pointerdown', unlock, { capture: true });
  document.addEventListener('keydown', unlock, { capture: true });

  function chime() {
    unlock();
    if (!audio) return;
    const t = audio.currentTime + 0.02;
    for (const [i, freq] of [659.25, 880].entries()) {
      const start = t + i * 0.14;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.06, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + 0.4);
    }
  }

  button.addEventListener('click', () => {
    soundOn = !soundOn;
    store(SOUND_KEY, soundOn ? 'on' : 'off');
    showSound();
  });
  window.addEventListener('storage', (e) => {
    if (e.key !== SOUND_KEY) return;
    soundOn = e.newValue !== 'off';
    showSound();
  });
  showSound();

  return {
    /** A new message from the agent arrived (live, or caught up after a reconnect). */
    agentMessage(id) {
      if (!hidden()) return;
      unread++;
      showTitle();
      if (!soundOn || inView.size > 0 || stored(CHIMED_KEY) === id) return;
      store(CHIMED_KEY, id);
      chime();
    },
    /** Leaving the chat: the title is the page's own again. */
    reset() {
      unread = 0;
      showTitle();
    },
  };
}
