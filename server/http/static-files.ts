import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { slimJson, slimScript, slimStyle } from './slim-source.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Types worth compressing (images and fonts already are). */
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

export type Encoding = 'br' | 'gzip' | 'identity';

/** One file as it is served: its bytes in each encoding worth having, each with its own ETag. */
export interface StaticFile {
  type: string;
  bodies: Partial<Record<Encoding, Buffer>> & { identity: Buffer };
  etags: Partial<Record<Encoding, string>> & { identity: string };
}

/** Compresses once (at start): brotli at its best, gzip at 9; an encoding that saves nothing is left out. */
export function prepareFile(body: Buffer, type: string): StaticFile {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  const file: StaticFile = { type, bodies: { identity: body }, etags: { identity: `"${hash}"` } };
  if (!COMPRESSIBLE.test(type) || body.length < 256) return file;
  const br = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const gzip = gzipSync(body, { level: 9 });
  if (br.length < body.length) {
    file.bodies.br = br;
    file.etags.br = `"${hash}-br"`;
  }
  if (gzip.length < body.length) {
    file.bodies.gzip = gzip;
    file.etags.gzip = `"${hash}-gz"`;
  }
  return file;
}

const SLIM: Record<string, (src: string) => string> = {
  '.js': slimScript,
  '.mjs': slimScript,
  '.css': slimStyle,
  '.json': slimJson,
};

/** A file's bytes as served: scripts, styles and JSON without comments and indentation. */
function slim(path: string): Buffer {
  const bytes = readFileSync(path);
  const fn = SLIM[extname(path)];
  return fn ? Buffer.from(fn(bytes.toString('utf8')), 'utf8') : bytes;
}

/** Every file under dir with a known type, keyed by its URL path. Read once at start: nothing else can be reached. */
export function loadFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const type = TYPES[extname(name)];
      if (statSync(full).isDirectory()) walk(full);
      else if (type) files.set(`/${relative(dir, full).split('\\').join('/')}`, prepareFile(slim(full), type));
    }
  };
  walk(dir);
  return files;
}

/** The encodings an `Accept-Encoding` header allows (q > 0), `identity` unless refused. */
function accepted(header: string | undefined): Set<string> {
  const ok = new Set<string>(['identity']);
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (q !== undefined && Number(q) === 0) ok.delete(name);
    else ok.add(name);
  }
  return ok;
}

/** The smallest representation the client takes: brotli, then gzip, then the file as it is. */
export function chooseEncoding(file: StaticFile, acceptEncoding: string | undefined): Encoding {
  const ok = accepted(acceptEncoding);
  if (file.bodies.br && (ok.has('br') || ok.has('*'))) return 'br';
  if (file.bodies.gzip && (ok.has('gzip') || ok.has('*'))) return 'gzip';
  return 'identity';
}

/** Whether `If-None-Match` names any representation of this file (the bytes are the same whatever the encoding). */
export function notModified(file: StaticFile, ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const tags = new Set(Object.values(file.etags));
  return ifNoneMatch.split(',').some((t) => tags.has(t.trim().replace(/^W\//, '')));
}
