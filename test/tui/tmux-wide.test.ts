import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startWorld, type Visitor, type World } from '../helpers/chat.js';
import { emitAck } from '../helpers/sockets.js';
import { builtApp, hasTmux, sleep, Terminal } from './helpers/tmux.js';

const COLUMNS = 80;
const ROWS = 24;

/**
 * Wide characters at 80×24 in a real terminal: CJK, emoji with skin tones, ZWJ sequences,
 * combining marks. What counts is what tmux draws: no row may be wider than the pane (tmux would
 * wrap it onto the next row and the screen would scroll, losing the header).
 */
describe('wide characters in a real terminal (tmux, 80×24)', { skip: !hasTmux && 'tmux is not installed' }, () => {
  let world: World;
  let term: Terminal;
  let visitor: Visitor;

  before(async () => {
    assert.ok(builtApp(), 'run `npm run build` first (the test runs the built bin/switchboard.js)');
    world = await startWorld(['alice', 'bob']);
    term = new Terminal({ server: world.t.url, columns: COLUMNS, rows: ROWS });
  });

  after(async () => {
    term?.close();
    await world?.close();
  });

  /** Every row as tmux holds it: none wrapped (wider than the pane), the header on the first. */
  function assertLaidOut(): string[] {
    // The two captures must show the same frame (a presence mark or the clock may change between).
    let rows: string[] = [];
    let joined: string[] = [];
    for (let tries = 0; tries < 10; tries++) {
      rows = term.rows();
      // -J joins the rows tmux wrapped (and keeps trailing blanks).
      joined = term.tmux('capture-pane', '-p', '-J', '-t', 'tui').replace(/\n$/, '').split('\n');
      if (term.rows().join('\n') === rows.join('\n')) break;
    }
    assert.equal(rows.length, ROWS);
    const wrapped = rows.filter((r, i) => (joined[i] ?? '').trimEnd() !== r.trimEnd());
    assert.deepEqual(wrapped, [], `rows wider than ${COLUMNS} columns (tmux wrapped them):\n${rows.join('\n')}`);
    assert.match(rows[0]!, /^ Switchboard /, `the header is on the first row:\n${rows.join('\n')}`);
    // Between the boxes' top and bottom borders, every row starts and ends with a border.
    const top = rows.findIndex((r) => r.startsWith('╭'));
    const bottom = rows.findIndex((r) => r.startsWith('╰'));
    assert.ok(top === 1 && bottom > top, `boxes from row 2:\n${rows.join('\n')}`);
    for (const r of rows.slice(top + 1, bottom)) assert.match(r, /^│.*│$/, `a row out of its box: "${r}"`);
    return rows;
  }

  it('a visitor named 李小龍 🐉 Zoë writes 你好 👋🏽: the layout holds, the header stays on row 1', async () => {
    await term.logIn('alice');
    visitor = await world.join('李小龍 🐉 Zoë').then((v) => world.startAndConnect(v));
    await term.waitScreen('Chats (1)');
    await emitAck(visitor.socket!, 'chat:send', { body: '你好 👋🏽 emoji test — ok?' });
    await term.waitScreen('ok?');
    const rows = assertLaidOut();
    assert.match(rows.join('\n'), /你好 👋 emoji test/, 'the skin tone is dropped, the rest shown');
    assert.ok(rows.some((r) => r.includes('李小龍 🐉 Zoë')));
  });

  it('ZWJ sequences, skin tones, keycaps, flags, combining marks, long CJK lines: every row fits', async () => {
    const bodies = [
      'family 👨‍👩‍👧 and 👩‍💻 at work, 🏳️‍🌈 flag',
      'thumbs 👍🏿👍🏻 keycap 1️⃣ heart ❤️ check ✔️ flag 🇫🇷',
      'combining: Zoe\u0308 cafe\u0301 man\u0303ana a\u0301\u0302\u0303 — नमस्ते กำ',
      '長い日本語のメッセージです。'.repeat(8),
    ];
    for (const body of bodies) {
      assert.equal((await emitAck(visitor.socket!, 'chat:send', { body })).ok, true);
      await sleep(400); // under the 3 messages per second limit
    }
    await term.waitScreen('flag 🇫🇷');
    await term.waitScreen('メッセージです。');
    assertLaidOut();
  });

  it('the composer keeps the end of a long CJK line in view', async () => {
    term.type(`${'漢字'.repeat(40)}終わり`);
    const s = await term.waitScreen('終わり');
    assert.ok(s.split('\n').some((r) => r.includes('> ')));
    assertLaidOut();
    term.keys('C-u');
  });

  it('the transfer picker and the status line with wide names fit too', async () => {
    term.keys('C-t');
    await term.waitScreen('Transfer the chat with 李小龍 🐉 Zoë to:');
    assertLaidOut();
    term.keys('Escape');
    await term.waitScreen((s) => !s.includes('Transfer the chat with'));
  });
});
