import { alerter, NOTIFY_MODES, type NotifyMode } from '../../app/alerts.js';
import { CLIENT_ENV, openConfigStore, type ConfigStore } from '../../client/config-store.js';
import { CliError } from '../errors.js';

export interface TuiOptions {
  server?: string;
  /** false with --no-bell (the same as --notify off, for this run only). */
  bell?: boolean;
  /** bell, desktop or off: remembered in the config for the next runs. */
  notify?: string;
  /** Seconds between reminders of an unanswered visitor (0: none); remembered too. */
  remindEvery?: string;
}

/** The alert settings: given ones are remembered; else the remembered ones; else bell every 30 s. */
export function alertSettings(o: TuiOptions, store: ConfigStore): { mode: NotifyMode; remindMs: number } {
  if (o.notify !== undefined && !NOTIFY_MODES.includes(o.notify as NotifyMode)) {
    throw new CliError(`--notify must be one of ${NOTIFY_MODES.join(', ')}`, 2);
  }
  if (o.remindEvery !== undefined && !/^\d{1,5}$/.test(o.remindEvery)) {
    throw new CliError('--remind-every must be a number of seconds (0 turns reminders off)', 2);
  }
  const stored = store.read();
  if (o.notify !== undefined || o.remindEvery !== undefined) {
    store.write({ ...stored, notify: o.notify ?? stored.notify, remindEvery: o.remindEvery ?? stored.remindEvery });
  }
  const mode = (o.notify ?? stored.notify ?? 'bell') as NotifyMode;
  const seconds = Number(o.remindEvery ?? stored.remindEvery ?? 30);
  return { mode: o.bell === false ? 'off' : NOTIFY_MODES.includes(mode) ? mode : 'bell', remindMs: seconds * 1000 };
}

/** Opens the agent terminal app full-screen; returns when the agent quits. */
export async function run(o: TuiOptions): Promise<void> {
  // Settings first: a wrong one is a usage error wherever the command runs.
  const store = openConfigStore();
  const { mode, remindMs } = alertSettings(o, store);
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
  const server = o.server ?? (process.env[CLIENT_ENV.server] || undefined);
  const ring = alerter(mode, process.stdout);

  const { restore } = enterFullScreen(process.stdout);
  const app = render(createElement(App, { backend: realBackend, store, server, ring, remindMs }), {
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
