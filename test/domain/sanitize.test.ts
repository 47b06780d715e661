import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clean, safeJson } from '../../tui/state/sanitize.js';

test('escape sequences and invisible controls from strangers become visible text', () => {
  assert.equal(clean('\u001b[31mred\u001b[0m'), '\\u001b[31mred\\u001b[0m');
  assert.equal(clean('\u001b]0;pwned\u0007title'), '\\u001b]0;pwned\\u0007title');
  assert.equal(clean('\u009b2J'), '\\u009b2J');
  assert.equal(clean('abc\u202edcba'), 'abc\\u202edcba');
  assert.equal(clean('a\r\nb'), 'a\\u000d\\u000ab');
  assert.equal(clean('a\nb', true), 'a\nb');
  assert.equal(clean('tab\there'), 'tab here');
  assert.equal(clean('Grüße, 你好 🙂'), 'Grüße, 你好 🙂');
});

test('no output of clean ever contains a control character (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/.test(clean(s)));
    }),
  );
});

test('safeJson keeps the JSON value but escapes what a terminal would act on', () => {
  const value = { name: 'a\u009b2Jb\u202ec', n: 1 };
  const text = safeJson(value, 2);
  assert.ok(!/[\u0080-\u009f\u202e]/.test(text));
  assert.deepEqual(JSON.parse(text), value);
});
