import stringWidth from 'string-width';
import { clean } from './sanitize.js';

/**
 * Text as a terminal really draws it. Ink lays text out by grapheme cluster (string-width), while
 * terminals (tmux, xterm, VTE) draw code point by code point (wcwidth): an emoji with a skin-tone
 * modifier is 2 columns to Ink and 4 on screen; a Devanagari conjunct or Thai SARA AM is 1 to Ink
 * and 2 on screen. One such cluster makes a row wider than the terminal, which then wraps it and
 * scrolls the whole screen. So text is reshaped until both agree on every cluster.
 */

/** Columns a terminal gives one code point: none for marks and invisible formatting, two for wide ones. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Default_Ignorable_Code_Point}\u1160-\u11ff\ud7b0-\ud7ff]/u;
const codePointWidth = (ch: string): number => (ZERO_WIDTH.test(ch) ? 0 : stringWidth(ch));
export const terminalWidth = (s: string): number => [...s].reduce((n, ch) => n + codePointWidth(ch), 0);

const segmenter = new Intl.Segmenter();
export const graphemes = (s: string): string[] => Array.from(segmenter.segment(s), (g) => g.segment);

/** Ink gives every cluster at least one cell. */
const inkWidth = (cluster: string): number => Math.max(1, stringWidth(cluster));
const agrees = (cluster: string): boolean => inkWidth(cluster) === terminalWidth(cluster);

const SKIN_TONE = /[\u{1f3fb}-\u{1f3ff}]/gu;
const EMOJI_VS = /\ufe0f/g;
const EMOJI_ZWJ = /(\p{Extended_Pictographic})\u200d(?=\p{Extended_Pictographic})/gu;
/** Joins the pieces of a split cluster: zero-width to both, and it ends a conjunct. */
const ZWNJ = '\u200c';

/** A cluster both sides measure alike: decomposed, or split after its spacing letters, or bare. */
function fit(cluster: string): string {
  if (agrees(cluster)) return cluster;
  const decomposed = cluster.normalize('NFKD');
  if (graphemes(decomposed).every(agrees)) return decomposed;
  // One piece per spacing code point with the marks that follow it (a conjunct: स्ते → स् ते).
  const pieces: string[] = [];
  for (const ch of cluster) {
    if (pieces.length === 0 || codePointWidth(ch) > 0) pieces.push(ch);
    else pieces[pieces.length - 1] += ch;
  }
  const split = pieces.join(ZWNJ);
  if (graphemes(split).every(agrees)) return split;
  const bare = pieces.map((p) => [...p].filter((ch) => codePointWidth(ch) > 0).join('')).join(ZWNJ);
  return graphemes(bare).every(agrees) ? bare : '\ufffd'.repeat(Math.max(1, terminalWidth(cluster)));
}

/** Each cluster through `f`; line breaks kept, invisible clusters (Ink would give them a cell) left out. */
const reshape = (s: string, f: (cluster: string) => string): string =>
  graphemes(s)
    .map((g) => (g === '\n' ? g : stringWidth(g) === 0 ? '' : f(g)))
    .join('');

const SIMPLE = /^[\u0020-\u007e\n]*$/;
const cache = new Map<string, string>();

/**
 * Text from anyone else made safe for the terminal (control characters shown as escapes, see
 * `clean`) and drawn as wide as it is measured: skin-tone modifiers and emoji variation selectors
 * are dropped, ZWJ emoji sequences shown as their parts, clusters that still disagree reshaped,
 * invisible ones left out.
 */
export function forTerminal(s: string, multiline = false): string {
  if (SIMPLE.test(s)) return clean(s, multiline);
  const key = `${multiline ? 1 : 0}${s}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const safe = clean(s.replace(SKIN_TONE, '').replace(EMOJI_VS, '').replace(EMOJI_ZWJ, '$1'), multiline);
  // Reshaped pieces may join their neighbours (a spacing mark after a split): look again, then give up on them.
  let out = reshape(safe, fit);
  for (let pass = 0; pass < 2 && !graphemes(out).every((g) => g === '\n' || agrees(g)); pass++) out = reshape(out, fit);
  out = reshape(out, (g) => (agrees(g) ? g : '\ufffd'.repeat(Math.max(1, terminalWidth(g)))));
  if (cache.size > 5000) cache.clear();
  cache.set(key, out);
  return out;
}
