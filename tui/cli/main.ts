import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { describeError } from './errors.js';

/** The one top-level catch: every failure is one line on stderr and an exit code. */
async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
      return;
    }
    const { line, exitCode } = describeError(e);
    process.stderr.write(`${line}\n`);
    process.exitCode = exitCode;
  }
}

await main(process.argv);
