// Before joining: whether someone is there and roughly how long the wait is (GET /api/availability),
// on the home step, refreshed every 30 s while the home or closed step is in view. Outside business
// hours the closed step says when it opens (nextOpenAt, in the visitor's own time zone) and offers
// "Leave a message"; when it opens again, the page goes back home by itself.
import { availability } from './api.js';
import { $, setStatus, showView } from './dom.js';
import { opensAt, t, waitEstimate } from './words.js';

export const AVAILABILITY_POLL_MS = 30_000;

/** @param {{ home(o?: object): void, message(o: { from: string }): void }} go */
export function setupAvailability(go) {
  const line = $('availability');
  const offer = $('home-offline');
  let nextOpenAt = '';
  let asking = 0;

  const view = () => document.body.dataset.view;

  function showLine(a) {
    if (a.agentsOnline === 0) {
      setStatus(line, t('avail.nobody'), 'warn');
    } else {
      const agents = t('avail.open', { n: a.agentsOnline });
      const seconds = a.estimatedWaitSeconds;
      const wait =
        seconds === 0 ? t('avail.noWait') : seconds == null ? '' : t('avail.wait', { wait: waitEstimate(seconds) });
      setStatus(line, wait ? `${agents} · ${wait}` : agents, 'ok');
    }
    line.dataset.agents = String(a.agentsOnline);
    line.hidden = false;
    offer.hidden = a.agentsOnline !== 0 && !offer.dataset.refused;
  }

  function showClosed(at) {
    nextOpenAt = at ?? nextOpenAt;
    const when = nextOpenAt ? opensAt(nextOpenAt) : '';
    const text = when ? t('closed.lead', { when }) : t('closed.leadUnknown');
    if ($('closed-lead').textContent !== text) $('closed-lead').textContent = text;
    if (view() !== 'closed') {
      showView('closed');
      $('closed-title').focus();
    }
  }

  /** Asks the server; on home or closed only (an answer arriving after the visitor moved on changes nothing). */
  async function refresh() {
    const mine = ++asking;
    const res = await availability();
    if (mine !== asking || (view() !== 'home' && view() !== 'closed')) return;
    if (!res.ok) {
      line.hidden = true; // unknown: the page works without it
      return;
    }
    const a = res.data;
    if (a.open === false) return showClosed(a.nextOpenAt);
    if (view() === 'closed') return go.home();
    showLine(a);
  }

  $('closed-offline').addEventListener('click', () => go.message({ from: 'closed' }));
  offer.addEventListener('click', () => go.message({ from: 'home' }));
  setInterval(() => {
    if (document.visibilityState === 'visible' && (view() === 'home' || view() === 'closed')) void refresh();
  }, AVAILABILITY_POLL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && (view() === 'home' || view() === 'closed')) void refresh();
  });

  return {
    refresh,
    /** The closed step (a join refused with 409 `closed`): says when it opens, once the server says. */
    closed() {
      showClosed(undefined);
      void refresh();
    },
    /** Joins are refused for a while (429): leaving a message is offered beside the countdown. */
    offerMessage(on) {
      if (on) offer.dataset.refused = 'true';
      else delete offer.dataset.refused;
      offer.hidden = !on && line.dataset.agents !== '0';
    },
  };
}
