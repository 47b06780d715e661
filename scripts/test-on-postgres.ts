// Runs test files (default: test/server, the contract suite) against PostgreSQL instead of SQLite:
// starts a throwaway PostgreSQL from Debian's binaries (or uses SWITCHBOARD_TEST_DATABASE_URL), and
// each test server gets a fresh database on it. Outside CI, without PostgreSQL, it says SKIPPED
// (with the install command) and passes nothing; in CI (CI=true) that is a failure.
import { spawnSync } from 'node:child_process';
import { postgresSkip, startTestPostgres } from '../test/helpers/postgres.js';

const roots = process.argv.slice(2);
if (postgresSkip) {
  console.log(`# SKIPPED: the contract suite on PostgreSQL — ${postgresSkip}`);
  process.exit(0);
}
const server = await startTestPostgres();
let status = 1;
try {
  console.log(`# the contract suite on PostgreSQL (${new URL(server.url).host})`);
  const r = spawnSync(process.execPath, ['scripts/run-tests.mjs', ...(roots.length ? roots : ['test/server'])], {
    stdio: 'inherit',
    env: { ...process.env, SWITCHBOARD_TEST_DATABASE_URL: server.url },
  });
  status = r.status ?? 1;
} finally {
  await server.stop();
}
process.exit(status);
