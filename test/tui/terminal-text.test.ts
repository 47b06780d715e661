import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { inputRows } from '../../tui/state/input-view.js';
import { forTerminal, graphemes, terminalWidth } from '../../tui/state/terminal-text.js';
import { wrapRuns } from '../../tui/state/wrap.js';

/** What Ink gives each cluster (at least one cell) against what a terminal draws. */
const inkCells = (s: string) => graphemes(s).reduce((n, g) => n + (g === '\n' ? 0 : Math.max(1, stringWidth(g))), 0);
const plainLines = (text: string, width: number) =>
  wrapRuns([{ text, style: 0 }], width).map((l) => l.map((r) => r.text).join(''));

describe('text as the terminal draws it', () => {
  it('the reported case: skin tones dropped, wide characters kept', () => {
    assert.equal(forTerminal('李小龍 🐉 Zoë'), '李小龍 🐉 Zoë');
    assert.equal(forTerminal('你好 👋🏽 emoji test — ok?'), '你好 👋 emoji test — ok?');
  });

  it('ZWJ emoji shown as their parts, variation selectors and keycaps bare; escapes stay visible', () => {
    assert.equal(forTerminal('👨‍👩‍👧 👩🏽‍💻 🏳️‍🌈'), '👨👩👧 👩💻 🏳🌈');
    assert.equal(forTerminal('❤️ ✔️ 1️⃣'), '❤ ✔ 1');
    assert.equal(
      forTerminal('a\u200db \u202e'),
      'a\\u200db \\u202e',
      'a ZWJ outside emoji is still shown as an escape',
    );
    assert.equal(forTerminal('\u001b[31mred'), '\\u001b[31mred');
  });

  it('combining marks stay on their letter; conjuncts and Thai SARA AM take the columns they are drawn in', () => {
    assert.equal(forTerminal('Zoe\u0308 cafe\u0301'), 'Zoe\u0308 cafe\u0301');
    for (const s of ['नमस्ते', 'कृष्ण', 'กำ', 'ຄຳ', 'ខ្មែរ']) {
      const out = forTerminal(s);
      assert.equal(inkCells(out), terminalWidth(s), `${s} → ${out}`);
    }
  });

  it('for any text, Ink and the terminal agree on every cluster', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        (a, b) => {
          const out = forTerminal(a + b, true);
          for (const line of out.split('\n')) assert.equal(inkCells(line), terminalWidth(line), JSON.stringify(a + b));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('wrapping by display width', () => {
  it('no line is wider than the width; wrapped lines do not start with a blank', () => {
    const text = forTerminal('你好 👋🏽 emoji test — ok? 長い日本語のメッセージです。長い日本語のメッセージです。 end');
    const lines = plainLines(text, 20);
    for (const l of lines) assert.ok(stringWidth(l) <= 20, `too wide: "${l}"`);
    for (const l of lines.slice(1)) assert.ok(!l.startsWith(' '), `starts with a blank: "${l}"`);
    assert.equal(lines.join('').replace(/ /g, ''), text.replace(/ /g, ''), 'nothing is lost');
  });

  it('a link starts on a line of its own and is cut only where it is longer than a line', () => {
    assert.deepEqual(plainLines('see https://example.com/a/b for it', 20), [
      'see',
      'https://example.com/',
      'a/b for it',
    ]);
    assert.deepEqual(plainLines('read https://ex.com/x now', 20), ['read', 'https://ex.com/x now']);
    assert.deepEqual(plainLines('abcdefghijklmnopqrstuvwxyz', 10), ['abcdefghij', 'klmnopqrst', 'uvwxyz']);
  });

  it('keeps line breaks and the styles of each run', () => {
    const lines = wrapRuns(
      [
        { text: 'Grace: ', style: 'name' },
        { text: 'one\ntwo', style: 'body' },
      ],
      40,
    );
    assert.deepEqual(lines, [
      [
        { text: 'Grace: ', style: 'name' },
        { text: 'one', style: 'body' },
      ],
      [{ text: 'two', style: 'body' }],
    ]);
  });
});

describe('text fields by display width', () => {
  it('one line: the end of a long CJK line stays in view with the cursor', () => {
    const text = `${'漢字'.repeat(40)}終わり`;
    const [row] = inputRows(text, graphemes(text).length, 30);
    assert.ok(row!.before.endsWith('終わり'));
    assert.equal(row!.at, ' ');
    assert.ok(stringWidth(row!.before + row!.at) <= 30);
  });

  it('several lines: wrapped at the width and at line breaks, the rows around the cursor shown', () => {
    const text = 'first line\nsecond 你好你好你好 line';
    const rows = inputRows(text, graphemes(text).length, 12, 5);
    assert.deepEqual(
      rows.map((r) => r.before + (r.at ?? '') + r.after),
      ['first line ', 'second 你好', '你好你好 lin', 'e '],
    );
    assert.deepEqual(inputRows(text, 0, 12, 2)[0], { before: '', at: 'f', after: 'irst line ' });
  });
});
