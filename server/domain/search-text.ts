/**
 * Full-text search over chats, the parts both stores share: what a query's words are, and the
 * snippet around the first hit. A word is a run of letters and digits; case and the accents of Latin
 * letters do not count (`Café` finds `cafe`, `CAFÉ` and `café`). Pure.
 */

/** Lower case, accents (combining marks) dropped. */
export const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** The words of a query, folded, duplicates dropped, at most `max`. */
export function searchWords(q: string, max: number): string[] {
  return [...new Set(fold(q).match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, max);
}

/** A body's words with where each starts and ends in the body (folding may change lengths: mapped back). */
function wordsOf(body: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of body.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = fold(m[0]);
    if (word) out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const hits = (word: string, words: string[]) =>
  words.some((w, i) => word === w || (i === words.length - 1 && word.startsWith(w)));

/** Whether a body holds any of the words (the last one also as the start of a longer word). */
export const holdsAny = (body: string, words: string[]): boolean =>
  (fold(body).match(/[\p{L}\p{N}]+/gu) ?? []).some((word) => hits(word, words));

const SNIPPET_CHARS = 120;

/**
 * Plain text around the first hit of any of the words in `body`: about 120 characters, cut at word
 * boundaries, with `…` where text was left out; line breaks and runs of white space become one space.
 */
export function snippetOf(body: string, words: string[]): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const all = wordsOf(flat);
  const hit = all.find((h) => hits(h.word, words));
  if (flat.length <= SNIPPET_CHARS) return flat;
  const at = hit?.start ?? 0;
  let start = Math.max(0, at - Math.floor(SNIPPET_CHARS / 3));
  let end = Math.min(flat.length, start + SNIPPET_CHARS);
  start = Math.max(0, Math.min(start, end - SNIPPET_CHARS));
  if (start > 0) start = all.find((w) => w.start >= start)?.start ?? start;
  if (end < flat.length) end = [...all].reverse().find((w) => w.end <= end && w.start >= start)?.end ?? end;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
