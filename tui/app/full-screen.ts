import { FrameWriter, REPAINT } from './frame-writer.js';

const ALT_SCREEN_ON = '\u001b[?1049h\u001b[H';
const ALT_SCREEN_OFF = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

/** The signals that end the app; each still leaves the terminal as it found it. */
export const EXIT_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGTERM: 15 } as const;

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/**
 * Runs the app on the terminal's alternate screen (like vim or less), so the shell's screen and
 * scrollback are untouched when it ends, and writes only the lines of a frame that changed (see
 * FrameWriter). `restore` leaves the alternate screen (and shows the cursor) once; it also runs by
 * itself when the process exits, whatever the reason.
 */
export function enterFullScreen(stdout: NodeJS.WriteStream): { restore: () => void } {
  const write = stdout.write.bind(stdout) as Write;
  const frames = new FrameWriter();
  const patched: Write = (chunk, ...rest) => {
    if (typeof chunk !== 'string') return write(chunk, ...rest);
    const out = frames.transform(chunk);
    if (out) return write(out, ...rest);
    // Nothing to write: still call back, as a stream would.
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  };
  stdout.write = patched as typeof stdout.write;
  // After a resize the terminal may have cut or moved lines: draw the next frame whole.
  const resized = () => {
    frames.reset();
    write(REPAINT);
  };
  stdout.on('resize', resized);
  write(ALT_SCREEN_ON);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.off('resize', resized);
    stdout.write = write as typeof stdout.write;
    write(SHOW_CURSOR + ALT_SCREEN_OFF);
  };
  process.once('exit', restore);
  return { restore };
}
