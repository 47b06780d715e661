import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FrameWriter, REPAINT } from '../../tui/app/frame-writer.js';

const erase = (n: number) => `${'\u001b[2K\u001b[1A'.repeat(n - 1)}\u001b[2K\u001b[G`;

describe('frame writer', () => {
  it('writes a first frame whole, then only the lines that changed, each at its row', () => {
    const w = new FrameWriter();
    assert.equal(
      w.transform('head\nbody\nfoot\n'),
      '\u001b[1;1Hhead\u001b[K\u001b[2;1Hbody\u001b[K\u001b[3;1Hfoot\u001b[K\u001b[4;1H\u001b[J',
      'a whole frame also clears what may be below it',
    );
    assert.equal(w.transform(`${erase(4)}head\nBODY\nfoot\n`), '\u001b[2;1HBODY\u001b[K');
    assert.equal(w.transform(`${erase(4)}head\nBODY\nfoot\n`), '', 'nothing changed, nothing written');
  });

  it('never clears the screen or the scrollback; a shorter frame erases below itself', () => {
    const w = new FrameWriter();
    w.transform('a\nb\nc\n');
    const out = w.transform('\u001b[2J\u001b[3J\u001b[Ha\nB');
    assert.equal(out, '\u001b[2;1HB\u001b[K\u001b[3;1H\u001b[J');
    assert.ok(!out.includes('\u001b[3J') && !out.includes('\u001b[2J'));
  });

  it('lets controls through; after a repaint (^L) the next frame is written whole', () => {
    const w = new FrameWriter();
    w.transform('a\nb\n');
    for (const c of ['\u001b[?2026h', '\u001b[?25l', '\u0007']) assert.equal(w.transform(c), c);
    assert.equal(w.transform(erase(3)), '', 'an erase alone (before console output) is left to the next frame');
    assert.equal(w.transform('a\nb\n'), '\u001b[1;1Ha\u001b[K\u001b[2;1Hb\u001b[K\u001b[3;1H\u001b[J', 'written whole');
    assert.equal(w.transform(REPAINT), REPAINT);
    assert.equal(w.transform('a\nb\n'), '\u001b[1;1Ha\u001b[K\u001b[2;1Hb\u001b[K\u001b[3;1H\u001b[J');
  });
});
