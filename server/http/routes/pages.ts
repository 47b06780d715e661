import { Hono } from 'hono';
import { WEB_VISITOR_DIR } from '../../paths.js';
import { fillLocaleList } from '../locale-list.js';
import { chooseEncoding, loadFiles, notModified, prepareFile, type StaticFile } from '../static-files.js';

/**
 * The chat in compact form for an iframe on another site (the widget): the same page and code as `/`,
 * marked `data-mode="embed"` on <html>, with embed.css for the compact layout.
 */
export function embedVariant(html: string): string {
  // Browsers refuse (and log) autofocus in a frame from another origin; the page focuses what it needs itself.
  return html
    .replace(/\sautofocus(?=[\s>])/g, '')
    .replace(/<html\b/, '<html data-mode="embed"')
    .replace('</head>', '  <link rel="stylesheet" href="/embed.css">\n</head>');
}

/** How long browsers may keep a file without asking: the loader host sites include, a little; the rest, not at all. */
const MAX_AGE: Record<string, string> = { '/widget.js': 'public, max-age=300' };

/**
 * The visitor page at `/` (compact at `/embed`), the register page at `/register`, the widget loader
 * at `/widget.js`, their assets by file name. Each file is compressed once at start (brotli, gzip) and
 * served with a strong ETag; a matching If-None-Match gets 304.
 */
export function pageRoutes(dir = WEB_VISITOR_DIR) {
  const files = loadFiles(dir);
  fillLocaleList(files);
  const index = files.get('/index.html');
  if (index) {
    const html = embedVariant(index.bodies.identity.toString('utf8'));
    files.set('/embed.html', prepareFile(Buffer.from(html, 'utf8'), index.type));
  }
  const aliases: Record<string, string> = {
    '/': '/index.html',
    '/embed': '/embed.html',
    '/register': '/register.html',
  };
  const app = new Hono();
  app.get('*', async (c, next) => {
    const path = aliases[c.req.path] ?? c.req.path;
    const file: StaticFile | undefined = files.get(path);
    if (!file) return next();
    const encoding = chooseEncoding(file, c.req.header('Accept-Encoding'));
    c.header('Content-Type', file.type);
    // Pages and modules always revalidate (cheap with the ETag), so a page and its scripts never come
    // from two versions.
    c.header('Cache-Control', MAX_AGE[path] ?? 'no-cache');
    c.header('ETag', file.etags[encoding]);
    if (Object.keys(file.bodies).length > 1) c.header('Vary', 'Accept-Encoding');
    if (notModified(file, c.req.header('If-None-Match'))) return c.body(null, 304);
    if (encoding !== 'identity') c.header('Content-Encoding', encoding);
    const body = file.bodies[encoding]!;
    c.header('Content-Length', String(body.length));
    return c.body(new Uint8Array(body));
  });
  return app;
}
