import { test } from 'node:test';
import { crashRounds } from '../helpers/crash-rounds.js';

// The short version; `npm run test:soak` runs 20 rounds.
const killRounds =
  'kill -9 at random moments under load (3 rounds): nothing acknowledged is lost, the database stays sound';
test(killRounds, async (t) => {
  await crashRounds(3, (line) => t.diagnostic(line));
});
