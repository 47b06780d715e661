// One list item per message (or per message still being sent). Names and bodies are text nodes only.
import { el } from './dom.js';
import { clock, fullTime } from './words.js';

const timeNode = (iso) => el('time', { text: clock(iso), attrs: { datetime: iso, title: fullTime(iso) } });
const dot = () => el('span', { className: 'sep', text: '·', attrs: { 'aria-hidden': 'true' } });

/** A message from the transcript: the visitor's own on one side, the agent's on the other, system lines between. */
export function messageNode(m) {
  const attrs = { 'data-id': m.id, 'data-seq': String(m.seq), 'data-role': m.from.role };
  if (m.from.role === 'system') {
    return el(
      'li',
      { className: 'msg msg-system', attrs },
      el('span', { className: 'system-text' }, m.body, ' · ', timeNode(m.sentAt)),
    );
  }
  const own = m.from.role === 'visitor';
  const meta = el(
    'p',
    { className: 'meta' },
    el('span', { className: 'from', text: m.from.name }),
    m.to && el('span', { className: 'sr-only', text: ' to ' }),
    m.to && el('span', { className: 'arrow', text: '→', attrs: { 'aria-hidden': 'true' } }),
    m.to && el('span', { className: 'to', text: m.to.name }),
    dot(),
    timeNode(m.sentAt),
  );
  return el(
    'li',
    { className: `msg ${own ? 'msg-own' : 'msg-theirs'}`, attrs },
    el('p', { className: 'bubble', text: m.body }),
    meta,
  );
}

/**
 * A message of the visitor's that the server has not confirmed: "Sending…", or failed with Retry / Edit.
 * @param {{ localId: string, body: string, state: 'sending' | 'failed' }} p
 * @param {{ retry(p): void, edit(p): void }} actions
 */
export function pendingNode(p, actions) {
  const attrs = { 'data-local': p.localId, 'data-state': p.state };
  const bubble = el('p', { className: 'bubble', text: p.body });
  if (p.state === 'sending') {
    return el(
      'li',
      { className: 'msg msg-own msg-pending', attrs },
      bubble,
      el('p', { className: 'meta', text: 'Sending…' }),
    );
  }
  const retry = el('button', { className: 'btn-link', text: 'Retry', attrs: { type: 'button' } });
  const edit = el('button', { className: 'btn-link', text: 'Edit', attrs: { type: 'button' } });
  retry.addEventListener('click', () => actions.retry(p));
  edit.addEventListener('click', () => actions.edit(p));
  return el(
    'li',
    { className: 'msg msg-own msg-failed', attrs },
    bubble,
    el('p', { className: 'meta' }, el('span', { text: 'Not sent' }), dot(), retry, edit),
  );
}
