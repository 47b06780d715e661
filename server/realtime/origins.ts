import type { IncomingMessage } from 'node:http';

/**
 * Browser origins allowed to open sockets: the request's own origin (same Host), the public URL's,
 * and --allowed-origins. A handshake without an Origin header (CLI, TUI, scripts) is allowed.
 */
export function originAllowed(req: IncomingMessage, publicUrl: string, extra: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (extra.includes(origin)) return true;
  try {
    if (new URL(publicUrl).origin === origin) return true;
  } catch {
    /* ignore a malformed public URL */
  }
  const host = req.headers.host;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}
