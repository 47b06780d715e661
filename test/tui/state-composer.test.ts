import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  composerReducer,
  emptyComposer,
  outgoing,
  selectedValue,
  singleLine,
  type ComposerAction,
} from '../../tui/state/composer.js';
import { keyLabel, splitChunk, typedText } from '../../tui/state/key-press.js';
import { KEYMAP, matchKey } from '../../tui/state/keymap.js';

const run = (...actions: ComposerAction[]) => actions.reduce(composerReducer, emptyComposer);

describe('composer reducer', () => {
  it('inserts at the cursor, moves, deletes backwards', () => {
    const s = run(
      { type: 'insert', text: 'helo' },
      { type: 'left' },
      { type: 'insert', text: 'l' },
      { type: 'end' },
      { type: 'insert', text: '!' },
    );
    assert.deepEqual(s, { text: 'hello!', cursor: 6 });
    assert.deepEqual(composerReducer(s, { type: 'home' }), { text: 'hello!', cursor: 0 });
    assert.deepEqual(composerReducer(composerReducer(s, { type: 'home' }), { type: 'backspace' }), {
      text: 'hello!',
      cursor: 0,
    });
    assert.deepEqual(composerReducer(s, { type: 'backspace' }), { text: 'hello', cursor: 5 });
  });

  it('deletes a word, clears the line', () => {
    const s = run({ type: 'insert', text: 'see you  soon' }, { type: 'deleteWord' });
    assert.deepEqual(s, { text: 'see you  ', cursor: 9 });
    assert.deepEqual(composerReducer(s, { type: 'deleteWord' }), { text: 'see ', cursor: 4 });
    assert.deepEqual(composerReducer(s, { type: 'clear' }), emptyComposer);
  });

  it('counts the cursor in characters, not UTF-16 units', () => {
    const s = run({ type: 'insert', text: 'a😀b' }, { type: 'left' }, { type: 'backspace' });
    assert.deepEqual(s, { text: 'ab', cursor: 1 });
  });

  it('a selected value: typing replaces it, a move keeps it, erasing empties it', () => {
    const five = selectedValue('5');
    assert.deepEqual(composerReducer(five, { type: 'insert', text: '1' }), { text: '1', cursor: 1 });
    assert.deepEqual(composerReducer(five, { type: 'backspace' }), emptyComposer);
    const kept = composerReducer(five, { type: 'end' });
    assert.deepEqual(composerReducer(kept, { type: 'insert', text: '0' }), { text: '50', cursor: 2 });
  });

  it('a line break only where asked (Alt+Enter, ^J); the cursor moves over a character as a person sees it', () => {
    let s = run({ type: 'insert', text: 'one' }, { type: 'newline' }, { type: 'insert', text: 'two👋🏽' });
    assert.deepEqual(s, { text: 'one\ntwo👋🏽', cursor: 8 });
    s = composerReducer(s, { type: 'backspace' });
    assert.deepEqual(s, { text: 'one\ntwo', cursor: 7 }, 'the emoji goes with its skin tone');
    assert.equal(matchKey(['chats'], '\r', { return: true, meta: true }), 'edit.newline');
    assert.equal(matchKey(['chats'], '\n', {}), 'edit.newline');
    assert.equal(matchKey(['chats'], '', { return: true }), 'chat.send');
  });

  it('pastes as one line and never keeps control characters or escape sequences', () => {
    assert.equal(singleLine('one\r\ntwo\tthree\u001b[31mred\u0007'), 'one two three[31mred');
    assert.equal(run({ type: 'insert', text: '\u001b' }).text, '');
    assert.equal(outgoing(run({ type: 'insert', text: '   hi  ' })), 'hi');
  });
});

describe('keymap', () => {
  it('maps control keys, named keys and shift', () => {
    assert.equal(matchKey(['chats'], 'x', { ctrl: true }), 'chat.end');
    assert.equal(matchKey(['chats'], '', { tab: true }), 'chat.next');
    assert.equal(matchKey(['chats'], '', { tab: true, shift: true }), 'chat.prev');
    assert.equal(matchKey(['chats'], '', { return: true }), 'chat.send');
    assert.equal(
      matchKey(['chats', 'edit'], '', { delete: true }),
      'edit.backspace',
      'DEL (what Backspace sends) erases backwards',
    );
    assert.equal(matchKey(['chats', 'global'], 'c', { ctrl: true }), 'app.quit');
  });

  it('never binds a printable key where a text field is always open', () => {
    for (const scope of [
      'chats',
      'toAdmin',
      'messages',
      'edit',
      'form',
      'formText',
      'login',
      'picker',
      'inboxReply',
    ] as const) {
      for (const b of KEYMAP[scope])
        for (const k of b.keys)
          assert.ok(k.key || k.ctrl, `${scope}: ${b.action} is bound to the printable "${k.input}"`);
    }
  });

  it('no key means two things within a screen mode', () => {
    const modes = [
      ['chats', 'toAdmin', 'edit', 'global'],
      ['messages', 'edit', 'global'],
      ['admin', 'global'],
      ['picker', 'edit', 'global'],
      ['form', 'edit', 'global'],
      ['confirm', 'global'],
      ['login', 'edit', 'global'],
      ['inbox', 'global'],
      ['inboxReply', 'edit', 'global'],
      ['canned', 'global'],
      ['form', 'formText', 'edit', 'global'],
    ] as const;
    for (const mode of modes) {
      const seen = new Map<string, string>();
      for (const s of mode)
        for (const b of KEYMAP[s])
          for (const k of b.keys) {
            const id = keyLabel(k);
            assert.ok(
              !seen.has(id) || seen.get(id) === b.action,
              `${mode.join('+')}: ${id} is both ${seen.get(id)} and ${b.action}`,
            );
            seen.set(id, b.action);
          }
    }
  });

  it('typed text is only printable input', () => {
    assert.equal(typedText('a', {}), 'a');
    assert.equal(typedText('t', { ctrl: true }), '');
    assert.equal(typedText('', { return: true }), '');
  });

  it('splits a chunk of several keys into text and control keys', () => {
    assert.deepEqual(splitChunk('hello\r'), [
      { input: 'hello', key: {} },
      { input: '', key: { return: true } },
    ]);
    assert.deepEqual(splitChunk('\u0014bob'), [
      { input: 't', key: { ctrl: true } },
      { input: 'bob', key: {} },
    ]);
    assert.deepEqual(splitChunk('plain'), [], 'plain text is left alone');
    assert.deepEqual(splitChunk('\u001b[A'), [], 'escape sequences are left to Ink');
  });
});
