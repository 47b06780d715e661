// One list item per message (or per message still being sent). Names and bodies are text nodes (and
// links built from them, see rich-text.js), isolated from each other's writing direction.
import { el } from './dom.js';
import { neutralise, richText } from './rich-text.js';
import { clock, fullTime, t } from './words.js';

const timeNode = (iso) => el('time', { text: clock(iso), attrs: { datetime: iso, title: fullTime(iso) } });
const dot = () => el('span', { className: 'sep', text: '·', attrs: { 'aria-hidden': 'true' } });
const name = (className, text) => el('span', { className, text: neutralise(text), attrs: { dir: 'auto' } });
const bubble = (body) => el('p', { className: 'bubble', attrs: { dir: 'auto' } }, ...richText(body));

/** A message from the transcript: the visitor's own on one side, the agent's on the other, system lines between. */
export function messageNode(m) {
  const attrs = { 'data-id': m.id, 'data-seq': String(m.seq), 'data-role': m.from.role };
  if (m.from.role === 'system') {
    return el(
      'li',
      { className: 'msg msg-system', attrs },
      el('span', { className: 'system-text' }, neutralise(m.body), ' · ', timeNode(m.sentAt)),
    );
  }
  const own = m.from.role === 'visitor';
  const meta = el(
    'p',
    { className: 'meta' },
    name('from', m.from.name),
    m.to && el('span', { className: 'sr-only', text: t('msg.to') }),
    m.to && el('span', { className: 'arrow', text: '→', attrs: { 'aria-hidden': 'true' } }),
    m.to && name('to', m.to.name),
    dot(),
    timeNode(m.sentAt),
  );
  return el('li', { className: `msg ${own ? 'msg-own' : 'msg-theirs'}`, attrs }, bubble(m.body), meta);
}

/**
 * A message of the visitor's that the server has not confirmed: "Sending…" while the page keeps
 * trying by itself, or — refused for good — "Not sent" with what can still be done.
 * @param {{ localId: string, body: string, state: 'sending' | 'failed', code?: string }} p
 * @param {{ retry(p): void, edit(p): void }} actions
 */
export function pendingNode(p, actions) {
  const attrs = { 'data-local': p.localId, 'data-state': p.state };
  if (p.state === 'sending') {
    return el(
      'li',
      { className: 'msg msg-own msg-pending', attrs },
      bubble(p.body),
      el('p', { className: 'meta', text: t('msg.sending') }),
    );
  }
  const button = (text, action) => {
    const b = el('button', { className: 'btn-link', text, attrs: { type: 'button' } });
    b.addEventListener('click', () => action(p));
    return b;
  };
  // The chat is over: nothing can be done with it but read it. Refused text: only editing helps.
  const canRetry = p.code !== 'gone' && p.code !== 'invalid_request' && p.code !== 'payload_too_large';
  const canEdit = p.code !== 'gone';
  return el(
    'li',
    { className: 'msg msg-own msg-failed', attrs },
    bubble(p.body),
    el(
      'p',
      { className: 'meta' },
      el('span', { text: t('msg.notSent') }),
      canRetry && dot(),
      canRetry && button(t('msg.retry'), actions.retry),
      canEdit && dot(),
      canEdit && button(t('msg.edit'), actions.edit),
    ),
  );
}
