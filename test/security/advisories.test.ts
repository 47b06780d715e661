import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { PROJECT_ROOT } from '../../server/paths.js';

const list = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test/security/advisories.json'), 'utf8')) as {
  minimum: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};

/** Every copy of a package in the lock file (nested ones too), with its resolved version. */
function resolved(name: string): { path: string; version: string }[] {
  return Object.entries(lock.packages)
    .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
    .map(([path, p]) => ({ path, version: p.version ?? '0.0.0' }));
}

test('no resolved package is older than the first fixed release of a known advisory', () => {
  const problems: string[] = [];
  for (const [name, range] of Object.entries(list.minimum)) {
    const copies = resolved(name);
    assert.ok(
      copies.length > 0 || name === 'ws',
      `${name} is listed but not in package-lock.json (remove it from the list?)`,
    );
    for (const c of copies)
      if (!semver.satisfies(c.version, range)) problems.push(`${c.path}@${c.version} (need ${range})`);
  }
  assert.deepEqual(problems, []);
});

test('the check catches an old version', () => {
  assert.equal(semver.satisfies('4.6.1', list.minimum['socket.io']!), false);
  assert.equal(semver.satisfies('5.9.0', list.minimum.jose!), false);
});
