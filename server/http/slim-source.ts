/**
 * The page's files as browsers get them: without comments and indentation (the sources keep theirs for
 * people), done once at start. Line numbers stay as in the source files, so an error's line in the
 * browser's console is the line in web-visitor/. Not a minifier: names and code are untouched.
 */

const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'instanceof',
  'yield',
  'await',
]);
const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;

/** Whether a `/` after this token starts a regular expression (rather than dividing). */
function regexCanStart(last: string): boolean {
  if (last === '') return true;
  // After a value (a closing bracket, a postfix ++/--, a string, template or regular expression): division.
  if ([')', ']', '++', '--', '"', "'", '`', '/re/'].includes(last)) return false;
  if (WORD.test(last[0]!)) return REGEX_AFTER_WORD.has(last);
  return true; // after an operator, punctuation or `}`
}

/** A JavaScript module without comments and indentation; strings, templates and regular expressions as they are. */
export function slimScript(src: string): string {
  let out = '';
  let i = 0;
  let last = '';
  let space = false; // whitespace seen since the last token, on the same line
  let lineStart = true;
  /** For each template literal whose `${` we are in: the brace depth it started at. */
  const templates: number[] = [];
  let depth = 0;
  const n = src.length;

  const emit = (text: string) => {
    if (space && !lineStart) out += ' ';
    out += text;
    space = false;
    lineStart = false;
  };
  const newlines = (text: string) => {
    const count = text.split('\n').length - 1;
    if (count === 0) return false;
    out += '\n'.repeat(count);
    space = false;
    lineStart = true;
    return true;
  };
  /** Copies a template literal's text from i (just after ` or }) to its end or to the next `${`. */
  const templateText = () => {
    let j = i;
    while (j < n) {
      if (src[j] === '\\') j += 2;
      else if (src[j] === '`') {
        j++;
        break;
      } else if (src[j] === '$' && src[j + 1] === '{') {
        j += 2;
        templates.push(depth);
        depth++;
        break;
      } else j++;
    }
    out += src.slice(i, j);
    lineStart = out.endsWith('\n');
    i = j;
    last = '`';
  };

  while (i < n) {
    const c = src[i]!;
    if (c === '\n') {
      newlines('\n');
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      space = true;
      i++;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      if (!newlines(src.slice(i, stop))) space = true;
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      emit(src.slice(i, j + 1));
      i = j + 1;
      last = c;
    } else if (c === '`') {
      emit('`');
      i++;
      templateText();
    } else if (c === '}' && templates.length && templates[templates.length - 1] === depth - 1) {
      templates.pop();
      depth--;
      emit('}');
      i++;
      templateText();
    } else if (c === '/' && regexCanStart(last)) {
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== '\n') {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        else if (src[j] === '/' && !inClass) break;
        j++;
      }
      j++;
      while (j < n && /[a-z]/i.test(src[j]!)) j++;
      emit(src.slice(i, j));
      i = j;
      last = '/re/';
    } else if (WORD.test(c)) {
      let j = i + 1;
      while (j < n && WORD.test(src[j]!)) j++;
      const word = src.slice(i, j);
      emit(word);
      i = j;
      last = word;
    } else {
      const two = src.slice(i, i + 2);
      const token = two === '++' || two === '--' ? two : c;
      if (token === '{') depth++;
      else if (token === '}') depth--;
      emit(token);
      i += token.length;
      last = token;
    }
  }
  return out;
}

/** A style sheet without comments and indentation; strings untouched. */
export function slimStyle(src: string): string {
  let out = '';
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      if (out && !/\s$/.test(out)) out += ' ';
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else if (/\s/.test(c)) {
      let j = i;
      while (j < n && /\s/.test(src[j]!)) j++;
      const run = src.slice(i, j);
      if (run.includes('\n')) out += '\n';
      else if (!out.endsWith('\n')) out += ' ';
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/\n+/g, '\n').trim();
}

/** JSON without its indentation (unchanged when it does not parse). */
export function slimJson(src: string): string {
  try {
    return JSON.stringify(JSON.parse(src));
  } catch {
    return src;
  }
}
