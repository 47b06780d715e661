// The page's files are served without comments and indentation: the code must stay exactly the same.
// Checked against esbuild's parser (already installed with tsx): each file and its slim version minify to
// the same code, and keep their line numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { WEB_VISITOR_DIR } from '../../server/paths.js';
import { slimJson, slimScript, slimStyle } from '../../server/http/slim-source.js';

const same = (a: string, b: string, loader: 'js' | 'css') =>
  assert.equal(
    transformSync(b, { minify: true, loader, format: loader === 'js' ? 'esm' : undefined }).code,
    transformSync(a, { minify: true, loader, format: loader === 'js' ? 'esm' : undefined }).code,
  );

test('every script and style sheet of the page is the same code slimmed, with the same line numbers', () => {
  const files = readdirSync(WEB_VISITOR_DIR).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  assert.ok(files.length > 10);
  for (const f of files) {
    const src = readFileSync(join(WEB_VISITOR_DIR, f), 'utf8');
    if (f.endsWith('.js')) {
      const slim = slimScript(src);
      same(src, slim, 'js');
      assert.equal(slim.split('\n').length, src.split('\n').length, `${f} keeps its lines`);
      assert.ok(slim.length < src.length, f);
    } else same(src, slimStyle(src), 'css');
  }
});

test('strings, templates, regular expressions and division survive; comments and indentation go', () => {
  const src = [
    '// a comment',
    "const url = 'http://example.com/*not a comment*/'; // trailing",
    'const re = /[/*]+\\/\\/x/g, half = (a) / 2 / (b);',
    '/* block',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source as text
    '   over lines */ const t = `a ${ { x: `in ${"}"} //`, y: 1 }.x } // b',
    '  text`;',
    'if (x) return /=+/.test(y);',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source as text
    'const z = a++ / 2, w = `${a}` / 3;',
    '    indented(  1,   2 );',
  ].join('\n');
  const slim = slimScript(src);
  same(src, slim, 'js');
  assert.equal(slim.split('\n').length, src.split('\n').length);
  assert.doesNotMatch(slim, /\/\/ a comment|trailing|block/);
  assert.match(slim, /'http:\/\/example\.com\/\*not a comment\*\/'/);
  assert.match(slim, /^indented\( 1, 2 \);$/m);
  assert.match(slim, /\/\/ b\n {2}text`;/, 'a template keeps its text, indentation included');

  const css = 'a { color: red; /* c */ margin: 0/**/auto; content: "/* kept */"; }\n\n  b { x: y }';
  same(css, slimStyle(css), 'css');
  assert.doesNotMatch(slimStyle(css), /\/\* c \*\//);
  assert.match(slimStyle(css), /"\/\* kept \*\/"/);

  assert.equal(slimJson('{\n  "a": [1, 2]\n}\n'), '{"a":[1,2]}');
  assert.equal(slimJson('not json'), 'not json');
});
