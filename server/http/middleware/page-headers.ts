import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** The origins of --allowed-origins as CSP sources: http(s) origins only, anything else is left out. */
export function frameSources(allowedOrigins: readonly string[]): string[] {
  const sources = new Set<string>();
  for (const o of allowedOrigins) {
    try {
      const url = new URL(o);
      if (url.protocol === 'http:' || url.protocol === 'https:') sources.add(url.origin);
    } catch {
      /* not an origin: it cannot be a frame ancestor either */
    }
  }
  return [...sources];
}

/**
 * Security headers for pages and their assets. Nothing may frame a page except `/embed`, which the
 * server's own pages and the sites of --allowed-origins may (CSP frame-ancestors, no X-Frame-Options);
 * `/widget.js` is loaded by those sites, so it may be read from another origin.
 */
export function pageHeaders(allowedOrigins: readonly string[]): MiddlewareHandler {
  const csp = (frameAncestors: string[]) => ({
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", 'ws:', 'wss:'],
    frameAncestors,
    baseUri: ["'none'"],
    formAction: ["'self'"],
  });
  const page = secureHeaders({ contentSecurityPolicy: csp(["'none'"]), referrerPolicy: 'no-referrer' });
  const embed = secureHeaders({
    contentSecurityPolicy: csp(["'self'", ...frameSources(allowedOrigins)]),
    referrerPolicy: 'no-referrer',
    xFrameOptions: false,
  });
  const loader = secureHeaders({
    contentSecurityPolicy: csp(["'none'"]),
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'cross-origin',
  });
  return (c, next) => {
    if (c.req.path === '/embed') return embed(c, next);
    if (c.req.path === '/widget.js') return loader(c, next);
    return page(c, next);
  };
}
