import { CLIENT_ENV, openConfigStore } from '../../client/config-store.js';
import { CliError } from '../errors.js';

export interface TuiOptions {
  server?: string;
  /** false with --no-bell. */
  bell?: boolean;
}

const ALT_SCREEN_ON = '\u001b[?1049h\u001b[H';
const ALT_SCREEN_OFF = '\u001b[?1049l';

/** Opens the agent terminal app full-screen; returns when the agent quits. */
export async function run(o: TuiOptions): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new CliError('the agent app needs a terminal (for scripts: switchboard chats, watch, messages)', 2);
  }
  // Ink and React load only here, so `switchboard --help` and the scriptable commands stay fast.
  const [{ render }, { createElement }, { App }, { realBackend }] = await Promise.all([
    import('ink'),
    import('react'),
    import('../../app/App.js'),
    import('../../app/backend.js'),
  ]);
  const store = openConfigStore();
  const server = o.server ?? (process.env[CLIENT_ENV.server] || undefined);
  const ring = o.bell === false ? undefined : () => void process.stdout.write('\u0007');

  process.stdout.write(ALT_SCREEN_ON);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(ALT_SCREEN_OFF);
  };
  process.once('exit', restore);

  const app = render(createElement(App, { backend: realBackend, store, server, ring }), {
    exitOnCtrlC: false,
    patchConsole: true,
  });
  // A closed terminal (SSH gone) or a kill: leave cleanly, closing the connection.
  const stop = () => app.unmount();
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
  try {
    await app.waitUntilExit();
  } finally {
    restore();
  }
  // Sockets and timers are closed on unmount; do not let an idle keep-alive hold the terminal.
  setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
}
