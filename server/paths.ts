import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (holding package.json), whether running from server/ (tsx) or dist/server/. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the Switchboard package root');
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot();
export const WEB_VISITOR_DIR = join(PROJECT_ROOT, 'web-visitor');
