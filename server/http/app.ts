import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from '../app/deps.js';
import type { OutEvent } from '../app/events.js';
import { AppError, ERROR_STATUS, errorBody, toErrorBody } from '../protocol/errors.js';
import { LIMITS } from '../protocol/limits.js';
import { newId } from '../security/random.js';
import type { HttpEnv } from './env.js';
import { adminRoutes } from './routes/admin.js';
import { agentMessageRoutes } from './routes/agent-messages.js';
import { agentRoutes } from './routes/agents.js';
import { pageRoutes } from './routes/pages.js';
import { staffRoutes } from './routes/staff.js';

export interface HttpOptions {
  deps: AppDeps;
  version: string;
  publish: (events: OutEvent[]) => void;
  /** Sends an account's open chats back to the queue (the chat engine); returns what to publish. */
  requeueChatsOf: (username: string) => Promise<OutEvent[]>;
  /** An agent may have room for more chats (online again, maxChats raised): hand out waiting ones. */
  capacityChanged: () => Promise<OutEvent[]>;
  /** More /api routes (the visitor side). */
  extraApi?: (api: Hono<HttpEnv>) => void;
  /** GET /api/admin/metrics (`?reset=1` starts a new window). */
  metrics?: { snapshot(): Promise<object>; reset(): void };
}

/** The HTTP API and pages, with one error path: every failure becomes the contract's error body. */
export function createHttpApp(o: HttpOptions): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const { deps } = o;

  // Pages get the full set of security headers; JSON answers need none of the CSP work.
  const pageHeaders = secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
      },
      referrerPolicy: 'no-referrer',
  });
  app.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : pageHeaders(c, next)));
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: LIMITS.httpBodyMaxBytes,
      onError: () => {
        throw new AppError('payload_too_large', `Request bodies are limited to ${LIMITS.httpBodyMaxBytes} bytes.`);
      },
    }),
  );

  // Sites that embed the chat (--allowed-origins) may call the API from the browser too.
  if (deps.config.allowedOrigins.length) {
    app.use(
      '/api/*',
      cors({
        origin: [...deps.config.allowedOrigins],
        allowHeaders: ['Authorization', 'Content-Type'],
        allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        exposeHeaders: ['Retry-After'],
        maxAge: 600,
      }),
    );
  }

  app.get('/healthz', (c) => c.json({ ok: true, version: o.version }));

  const api = new Hono<HttpEnv>();
  api.route('/', staffRoutes(deps, o.publish, o.requeueChatsOf, o.capacityChanged));
  api.route('/admin', adminRoutes(deps, o.publish, o.requeueChatsOf, o.capacityChanged, o.metrics));
  api.route('/agent-messages', agentMessageRoutes(deps, o.publish));
  api.route('/agents', agentRoutes(deps));
  o.extraApi?.(api);
  app.route('/api', api);
  app.route('/', pageRoutes());

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((err, c) => {
    if (err instanceof AppError) {
      if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
      return c.json(toErrorBody(err), ERROR_STATUS[err.code]);
    }
    const requestId = newId();
    deps.log.error({ err, requestId, path: c.req.path }, 'unhandled error');
    const body = errorBody('internal', `Something went wrong on the server (request ${requestId}).`);
    return c.json(body, 500);
  });
  return app;
}
