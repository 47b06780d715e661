import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { clean } from '../state/sanitize.js';

/** How the app gets the agent's attention: the terminal bell, a desktop notification, or not at all. */
export type NotifyMode = 'bell' | 'desktop' | 'off';
export const NOTIFY_MODES: readonly NotifyMode[] = ['bell', 'desktop', 'off'];

/** The first `name` on PATH, if any. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const file = join(dir, name);
    if (dir && existsSync(file)) return file;
  }
  return undefined;
}

/**
 * The app's `ring`: `bell` writes BEL; `desktop` also asks the terminal for a notification (OSC 9,
 * understood by iTerm2, Windows Terminal, kitty, foot…; OSC 777 by VTE terminals and urxvt) and runs
 * `notify-send` where there is one. The text comes from strangers (visitor names): only printable
 * characters reach the terminal, so it cannot end the sequence early or start another.
 */
export function alerter(
  mode: NotifyMode,
  out: { write(s: string): unknown },
  env: NodeJS.ProcessEnv = process.env,
): ((text?: string) => void) | undefined {
  if (mode === 'off') return undefined;
  const notifySend = mode === 'desktop' ? onPath('notify-send', env) : undefined;
  return (text) => {
    out.write('\u0007');
    if (mode !== 'desktop' || !text) return;
    const line = clean(text)
      .replace(/[\u0000-\u001f\u007f-\u009f;]/g, ' ')
      .slice(0, 200);
    out.write(`\u001b]9;${line}\u0007\u001b]777;notify;Switchboard;${line}\u0007`);
    if (notifySend) {
      const child = spawn(notifySend, ['--app-name=Switchboard', 'Switchboard', line], { stdio: 'ignore', env });
      child.on('error', () => undefined);
      child.unref();
    }
  };
}
