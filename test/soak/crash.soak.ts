import { test } from 'node:test';
import { crashRounds } from '../helpers/crash-rounds.js';

const rounds = Number(process.env.SOAK_ROUNDS ?? 20);

const killRounds =
  `kill -9 at random moments under load (${rounds} rounds): ` +
  'nothing acknowledged is lost, the database stays sound';
test(killRounds, {
  timeout: 15 * 60_000,
}, async (t) => {
  await crashRounds(rounds, (line) => t.diagnostic(line));
});
