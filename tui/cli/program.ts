import { Command, Option } from 'commander';
import { SETTINGS } from '../../server/config.js';
import { VERSION } from '../../server/version.js';

/**
 * The `switchboard` command tree. Actions import their module lazily, so `--help` and light
 * commands never load the server or the TUI.
 */
export function buildProgram(): Command {
  const program = new Command('switchboard')
    .description('Switchboard: live customer-support chat. Visitors in a browser, agents in the terminal.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ outputError: (str, write) => write(str) });

  const serve = program.command('serve').description('run the server (HTTP API, sockets, visitor page) on one port');
  for (const [name, s] of Object.entries(SETTINGS)) {
    const flag = name === 'trustProxy' ? s.flag : `${s.flag} <value>`;
    serve.addOption(new Option(flag, `${s.help} [env ${s.env}${s.default ? `, default ${s.default}` : ''}]`));
  }
  serve.action(async (opts) => (await import('./commands/serve.js')).run(opts));

  const dataDirOption = () =>
    new Option('--data-dir <dir>', `data directory of the server [env ${SETTINGS.dataDir.env}, default ${SETTINGS.dataDir.default}]`);
  const admin = program.command('admin').description('manage admin accounts on the server machine (writes the database directly)');
  admin
    .command('create <username>')
    .description('create an admin account')
    .requiredOption('--name <name>', 'display name')
    .option('--password-stdin', 'read the password from standard input')
    .addOption(dataDirOption())
    .option('--json', 'print the result as JSON')
    .action(async (username, opts) => (await import('./commands/admin.js')).create(username, opts));
  admin
    .command('delete <username>')
    .description('delete an admin account and end its sessions')
    .addOption(dataDirOption())
    .action(async (username, opts) => (await import('./commands/admin.js')).remove(username, opts));
  admin
    .command('list')
    .description('list admin accounts')
    .addOption(dataDirOption())
    .option('--json', 'print the result as JSON')
    .action(async (opts) => (await import('./commands/admin.js')).list(opts));

  return program;
}
