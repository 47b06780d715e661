import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdsAny, searchWords, snippetOf } from '../../server/domain/search-text.js';

test('searchWords: letters and digits, folded (case, Latin accents), duplicates dropped, bounded', () => {
  assert.deepEqual(searchWords('  Café, CAFE! order #42 e-mail ', 16), ['cafe', 'order', '42', 'e', 'mail']);
  assert.deepEqual(searchWords('"\'*():-', 16), []);
  assert.deepEqual(searchWords('ZOË Ünal ſ', 16), ['zoe', 'unal', 's']);
  assert.deepEqual(searchWords('a b c d', 2), ['a', 'b']);
});

test('holdsAny: whole words, the last one also as a prefix', () => {
  assert.equal(holdsAny('My ORDER never came', ['order']), true);
  assert.equal(holdsAny('My ORDERS never came', ['order']), true, 'the last word is a prefix');
  assert.equal(holdsAny('My ORDERS never came', ['order', 'x']), false, 'not the last word: whole words only');
  assert.equal(holdsAny('Le café est fermé', ['cafe']), true);
  assert.equal(holdsAny('reorder', ['order']), false);
});

test('snippetOf: short bodies whole; long ones cut around the first hit at word boundaries, with …', () => {
  assert.equal(snippetOf('  Where is\nmy   parcel?  ', ['parcel']), 'Where is my parcel?');
  const long = `${'alpha '.repeat(40)}the refund is here ${'omega '.repeat(40)}`.trim();
  const s = snippetOf(long, ['refund']);
  assert.match(s, /^…alpha .* the refund is here omega .*…$/);
  assert.ok(s.length <= 122, `${s.length}`);
  assert.ok(!/\balph…|…lpha/.test(s), 'no cut word');
  const start = snippetOf(`refund ${'word '.repeat(60)}`, ['refund']);
  assert.match(start, /^refund word/);
  assert.match(start, /…$/);
  assert.equal(snippetOf('Ünal', ['unal']), 'Ünal', 'the text as written, not folded');
});
