import { ConfigError, loadConfig } from '../../../server/config.js';
import { CliError } from '../errors.js';

/** `switchboard serve`: start the server, print where it listens, stop cleanly on SIGINT/SIGTERM. */
export async function run(opts: Record<string, string | boolean | undefined>): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(opts as never);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message, 2);
    throw e;
  }
  const { startServer } = await import('../../../server/main.js');
  const server = await startServer(config).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EADDRINUSE')
      throw new CliError(`port ${config.port} on ${config.host} is already in use (choose another with --port)`);
    throw e;
  });
  process.stdout.write(`listening on ${server.url}\n`);
  if (!config.publicUrl) {
    process.stdout.write(
      `Invite links will point at ${server.url}; set --public-url to the address agents and visitors use.\n`,
    );
  }
  const admins = (await server.deps.store.listAccounts()).filter((a) => a.role === 'admin');
  if (admins.length === 0) {
    process.stdout.write(
      `No admin account yet. Create the first one on this machine with:\n` +
        `  switchboard admin create <username> --name "<Your Name>" --data-dir ${config.dataDir}\n`,
    );
  }
  const stop = (signal: string) => {
    process.stdout.write(`${signal}: shutting down\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
