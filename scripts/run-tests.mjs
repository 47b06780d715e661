#!/usr/bin/env node
// Runs every test file under test/ (Node 20's --test has no glob support), or the files/folders given.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const files = [];
const walk = (p) => {
  if (statSync(p).isDirectory()) for (const n of readdirSync(p).sort()) walk(join(p, n));
  else if (p.endsWith('.test.ts') || p.endsWith('.test.tsx')) files.push(p);
};
// The multi-node tests (several server processes, PostgreSQL, Redis, nginx, HAProxy) run with
// `npm run test:scale`; `npm test` keeps to one node, on SQLite and then on PostgreSQL.
const SEPARATE = [join('test', 'scale')];
if (roots.length) for (const r of roots) walk(r);
else for (const n of readdirSync('test').sort()) if (!SEPARATE.includes(join('test', n))) walk(join('test', n));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const args = ['--import', 'tsx', '--test', '--test-concurrency=3', '--test-timeout=300000', ...flags, ...files];
// tsx compiles test files with the test tsconfig (JSX with the automatic runtime, DOM types).
const env = { TSX_TSCONFIG_PATH: 'tsconfig.test.json', ...process.env };
const r = spawnSync(process.execPath, args, { stdio: 'inherit', env });
process.exit(r.status ?? 1);
