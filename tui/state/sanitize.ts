// Unicode controls: C0, DEL, C1 (ESC starts ANSI/OSC sequences; CSI/OSC also have C1 forms),
// and the bidi overrides / isolates and zero-width marks that can reorder or hide text.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Text from strangers (visitors, other agents, the server) made safe for a terminal: every control
 * character becomes a visible `\u…` escape, so nothing can recolour, move the cursor, set the window
 * title or hide text. Tabs become a space; newlines survive only when `multiline`.
 */
export function clean(s: string, multiline = false): string {
  return s.replace(UNSAFE, (ch) =>
    multiline && ch === '\n' ? ch : ch === '\t' ? ' ' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

// JSON.stringify escapes C0 controls but leaves DEL, C1 (e.g. U+009B, a one-byte CSI), bidi
// overrides and zero-width marks raw; escaping them keeps the same JSON value, safe on a terminal.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** JSON with every character a terminal could act on written as a `\uXXXX` escape. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    UNSAFE_IN_JSON,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
