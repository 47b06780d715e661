import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { WEB_VISITOR_DIR } from '../../paths.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Every file under dir, keyed by its URL path. Read once at start: nothing outside can be reached. */
function loadFiles(dir: string): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (TYPES[extname(name)])
        files.set(`/${relative(dir, full).split('\\').join('/')}`, {
          body: readFileSync(full),
          type: TYPES[extname(name)]!,
        });
    }
  };
  walk(dir);
  return files;
}

/** The visitor page at `/`, the register page at `/register`, their assets by file name. */
export function pageRoutes(dir = WEB_VISITOR_DIR) {
  const files = loadFiles(dir);
  const aliases: Record<string, string> = { '/': '/index.html', '/register': '/register.html' };
  const app = new Hono();
  app.use('*', etag());
  app.get('*', async (c, next) => {
    const file = files.get(aliases[c.req.path] ?? c.req.path);
    if (!file) return next();
    c.header('Content-Type', file.type);
    // Always revalidate (cheap with the ETag), so a page and its scripts never come from two versions.
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(file.body));
  });
  return app;
}
