import { useCallback, useEffect, useState } from 'react';
import { Box, Text, useApp, useStdout } from 'ink';
import type { Me } from '../../server/protocol/models.js';
import type { ConfigStore } from '../client/config-store.js';
import { ApiError } from '../client/errors.js';
import { normalizeServer } from '../client/session.js';
import { LoginScreen } from '../screens/LoginScreen.js';
import type { Size } from '../screens/types.js';
import type { Backend, StaffApi } from './backend.js';
import { errorText } from './commands.js';
import { REPAINT } from './frame-writer.js';
import { Session } from './Session.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  backend: Backend;
  store: Pick<ConfigStore, 'read' | 'write' | 'forgetToken'>;
  /** --server / SWITCHBOARD_SERVER: preferred to the remembered server. */
  server?: string;
  /** Alerts the agent (the bell, or a desktop notification with the text); leave out for none. */
  ring?: (text?: string) => void;
  /** How often a visitor waiting for a reply is recalled (ms; default 30 s; 0: never). */
  remindMs?: number;
  now?: () => number;
  /** A fixed size (tests); else the terminal's, following resizes. */
  size?: Size;
  pollMs?: number;
  adminRefreshMs?: number;
  /** How long a status-line notice stays unless it still holds (ms; default 10 s). */
  noticeMs?: number;
  /** Called once the app has quit (after Ink exits). */
  onQuit?: () => void;
}

type Phase =
  | { kind: 'checking' }
  | { kind: 'login'; message?: string }
  | { kind: 'session'; server: string; token: string; api: StaffApi; me: Me; key: number };

const noop = () => undefined;

/** Login (or a remembered, still valid token) → the signed-in session; logging out comes back here. */
export function App({
  backend,
  store,
  server: serverOverride,
  ring = noop,
  now = Date.now,
  size: fixed,
  pollMs,
  adminRefreshMs,
  noticeMs,
  remindMs,
  onQuit,
}: AppProps) {
  const { exit } = useApp();
  const { write } = useStdout();
  const terminal = useTerminalSize(fixed);
  // One row shorter than the terminal: a frame as tall as the terminal makes Ink clear the whole
  // screen (and its scrollback) on every change instead of rewriting the lines that changed.
  const size = { columns: terminal.columns, rows: Math.max(1, terminal.rows - 1) };
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });
  const stored = store.read();
  const server = serverOverride ?? stored.server;

  const quit = useCallback(() => {
    exit();
    onQuit?.();
  }, [exit, onQuit]);

  // A remembered token that the server still accepts skips the login screen. Only on start.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, with what the app started with
  useEffect(() => {
    const s = store.read();
    let target: string | undefined;
    try {
      target = serverOverride ? normalizeServer(serverOverride) : s.server;
    } catch (e) {
      return setPhase({ kind: 'login', message: errorText(e) });
    }
    if (!s.token || !s.server || !target || normalizeServer(s.server) !== target) return setPhase({ kind: 'login' });
    const token = s.token;
    const api = backend.api(target, token);
    api.me().then(
      (me) => setPhase({ kind: 'session', server: target, token, api, me, key: Date.now() }),
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 401) {
          store.forgetToken();
          setPhase({ kind: 'login', message: 'Your saved session is no longer valid: log in again.' });
        } else setPhase({ kind: 'login', message: errorText(e) });
      },
    );
  }, []);

  const login = useCallback(
    async (v: { server: string; username: string; password: string }) => {
      const target = normalizeServer(v.server);
      const { token, user } = await backend.login(target, v.username, v.password);
      store.write({ server: target, username: user.username, token });
      const api = backend.api(target, token);
      const me = await api.me();
      setPhase({ kind: 'session', server: target, token, api, me, key: Date.now() });
    },
    [backend, store],
  );

  const signedOut = useCallback(
    (message?: string) => {
      store.forgetToken();
      setPhase({ kind: 'login', message });
    },
    [store],
  );

  // ^L: the whole frame written again over a cleared screen (Ink writes it after what is passed here).
  const redraw = useCallback(() => write(REPAINT), [write]);

  if (phase.kind === 'checking') {
    return (
      <Box width={size.columns} height={size.rows} alignItems="center" justifyContent="center">
        <Text dimColor>Connecting to {server ?? 'the server'}…</Text>
      </Box>
    );
  }
  if (phase.kind === 'login') {
    const s = store.read();
    return (
      <LoginScreen
        server={server}
        username={s.server === server ? s.username : undefined}
        message={phase.message}
        size={size}
        onLogin={login}
        onQuit={quit}
      />
    );
  }
  return (
    <Session
      key={phase.key}
      backend={backend}
      server={phase.server}
      token={phase.token}
      api={phase.api}
      me={phase.me}
      size={size}
      now={now}
      ring={ring}
      remindMs={remindMs}
      pollMs={pollMs}
      adminRefreshMs={adminRefreshMs}
      noticeMs={noticeMs}
      onQuit={quit}
      onSignedOut={signedOut}
      redraw={redraw}
    />
  );
}
