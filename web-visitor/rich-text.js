// Text from people made safe to show: bidi embeddings, overrides and isolates (which can reorder what
// surrounds them, as in "Trojan Source") are shown as visible `\u202e` escapes, the way the agents' TUI
// shows them; and http(s) addresses become links. Built from text nodes and elements only, never HTML.
import { el } from './dom.js';

/** Explicit bidi formatting characters (U+202A–U+202E, U+2066–U+2069) and invisible C0/C1 controls. */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** An address up to the next space, quote, angle bracket or character made visible above. */
const URL_LIKE = /\bhttps?:\/\/[^\s<>"`\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/gi;
const TRAILING = /[.,;:!?'"’”»]$/;
const PAIRS = { ')': '(', ']': '[', '}': '{' };

/** The text with every character of UNSAFE written as a visible `\uXXXX` escape. */
export function neutralise(text) {
  return String(text).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const count = (s, ch) => s.split(ch).length - 1;

/** Drops punctuation that ends the sentence rather than the address ("see https://x.test/a."). */
function trimAddress(text) {
  let s = text;
  for (;;) {
    const last = s.at(-1) ?? '';
    if (TRAILING.test(last)) s = s.slice(0, -1);
    else if (PAIRS[last] && count(s, PAIRS[last]) < count(s, last)) s = s.slice(0, -1);
    else return s;
  }
}

/** The address a link may point to: http or https with a host, else null. */
function safeHref(text) {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * A message body (or any text from a person) as nodes: text nodes, and `<a>` for http(s) addresses,
 * opening in a new tab with rel="noopener noreferrer nofollow".
 * @param {string} body
 * @returns {(string | HTMLElement)[]}
 */
export function richText(body) {
  const text = String(body);
  const out = [];
  let at = 0;
  for (const match of text.matchAll(URL_LIKE)) {
    const address = trimAddress(match[0]);
    const href = safeHref(address);
    if (!href) continue;
    if (match.index > at) out.push(neutralise(text.slice(at, match.index)));
    out.push(
      el('a', {
        text: address,
        attrs: { href, target: '_blank', rel: 'noopener noreferrer nofollow', title: href },
      }),
    );
    at = match.index + address.length;
  }
  if (at < text.length) out.push(neutralise(text.slice(at)));
  return out;
}
