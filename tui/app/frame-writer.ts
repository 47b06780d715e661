/** Ink's eraseLines(n): erase a line and go up, n times (what its standard renderer writes before a frame). */
const ERASE_LINES = /^(?:\u001b\[2K\u001b\[1A)*\u001b\[2K\u001b\[G/;
/** Ink's clearTerminal (with ESC[3J, which also erases the terminal's scrollback). */
const CLEAR_TERMINAL = /^\u001b\[2J\u001b\[3J\u001b\[H/;
/** Chunks that are only terminal controls (cursor, synchronized output, bell, screens), never a frame. */
const CONTROLS = /^(?:\u001b\[[?0-9;]*[A-Za-z]|\u0007)+$/;
/** What ^L writes: clear the screen; the whole frame follows. */
export const REPAINT = '\u001b[2J\u001b[H';

const at = (row: number) => `\u001b[${row};1H`;
const ERASE_TO_END_OF_LINE = '\u001b[K';
const ERASE_BELOW = '\u001b[J';

/**
 * Sits between Ink and a full-screen terminal. Ink redraws a whole frame on every change (erasing
 * it line by line first, or clearing the screen and its scrollback when the frame is as tall as
 * the terminal); this writes only the lines that changed, each at its row from the top. The frame
 * always starts at the top-left corner (the alternate screen), so nothing is ever scrolled.
 */
export class FrameWriter {
  private shown: string[] = [];

  /** What to write to the terminal instead of what Ink wrote. */
  transform(chunk: string): string {
    if (chunk === REPAINT) {
      this.shown = [];
      return chunk;
    }
    if (CONTROLS.test(chunk) && !ERASE_LINES.test(chunk)) return chunk;
    const text = chunk.replace(CLEAR_TERMINAL, '').replace(ERASE_LINES, '');
    // Ink erases before something else is written (console output, ^L): the next frame is written whole.
    if (text === '') {
      this.shown = [];
      return '';
    }
    const lines = text.split('\n');
    if (text.endsWith('\n')) lines.pop();
    const whole = this.shown.length === 0;
    let out = '';
    for (const [i, line] of lines.entries()) {
      if (line !== this.shown[i]) out += at(i + 1) + line + ERASE_TO_END_OF_LINE;
    }
    if (whole || lines.length < this.shown.length) out += at(lines.length + 1) + ERASE_BELOW;
    this.shown = lines;
    return out;
  }

  /** The terminal was cleared or resized: the next frame is written whole. */
  reset(): void {
    this.shown = [];
  }
}
