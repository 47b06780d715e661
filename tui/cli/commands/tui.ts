import { CLIENT_ENV, openConfigStore } from '../../client/config-store.js';
import { CliError } from '../errors.js';

export interface TuiOptions {
  server?: string;
  /** false with --no-bell. */
  bell?: boolean;
}

/** Opens the agent terminal app full-screen; returns when the agent quits. */
export async function run(o: TuiOptions): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new CliError('the agent app needs a terminal (for scripts: switchboard chats, watch, messages)', 2);
  }
  // Ink and React load only here, so `switchboard --help` and the scriptable commands stay fast.
  const [{ render }, { createElement }, { App }, { realBackend }, { enterFullScreen, EXIT_SIGNALS }] =
    await Promise.all([
      import('ink'),
      import('react'),
      import('../../app/App.js'),
      import('../../app/backend.js'),
      import('../../app/full-screen.js'),
    ]);
  const store = openConfigStore();
  const server = o.server ?? (process.env[CLIENT_ENV.server] || undefined);
  const ring = o.bell === false ? undefined : () => void process.stdout.write('\u0007');

  const { restore } = enterFullScreen(process.stdout);
  const app = render(createElement(App, { backend: realBackend, store, server, ring }), {
    exitOnCtrlC: false,
    patchConsole: true,
  });
  // A closed terminal (SSH gone), a kill or an interrupt: leave cleanly, closing the connection.
  for (const [signal, n] of Object.entries(EXIT_SIGNALS)) {
    process.once(signal, () => {
      process.exitCode = 128 + n;
      app.unmount();
    });
  }
  process.once('uncaughtException', (e) => {
    try {
      app.unmount();
    } catch {
      /* the terminal is restored all the same */
    }
    restore();
    process.stderr.write(`switchboard: the app stopped: ${e.stack ?? e}\n`);
    process.exit(1);
  });
  try {
    await app.waitUntilExit();
  } finally {
    restore();
  }
  // Sockets and timers are closed on unmount; do not let an idle keep-alive hold the terminal.
  setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
}
