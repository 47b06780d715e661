import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { AppError, ERROR_STATUS, errorBody, toErrorBody } from '../protocol/errors.js';
import { LIMITS } from '../protocol/limits.js';
import { newId } from '../security/random.js';
import type { HttpEnv } from './env.js';
import { pageHeaders } from './middleware/page-headers.js';
import { requestLog } from './middleware/request-log.js';
import type { MetricsSource, RouteOptions } from './options.js';
import { adminRoutes } from './routes/admin.js';
import { agentMessageRoutes } from './routes/agent-messages.js';
import { agentRoutes } from './routes/agents.js';
import { cannedRoutes } from './routes/canned.js';
import { availabilityRoutes } from './routes/availability.js';
import { chatRoutes } from './routes/chats.js';
import { historyRoutes } from './routes/history.js';
import { inviteRoutes } from './routes/invites.js';
import { offlineMessageRoutes } from './routes/offline-messages.js';
import { pageRoutes } from './routes/pages.js';
import { ratingRoutes } from './routes/rating.js';
import { staffRoutes } from './routes/staff.js';
import { visitorRoutes } from './routes/visitor.js';

export interface HttpOptions extends RouteOptions {
  version: string;
  metrics: MetricsSource;
}

/** The HTTP API and pages, with one error path: every failure becomes the contract's error body. */
export function createHttpApp(o: HttpOptions): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const { deps } = o;
  app.use('*', requestLog(deps.log));

  // Pages get the full set of security headers (/embed may be framed by --allowed-origins); JSON
  // answers need none of the CSP work.
  const pageSecurity = pageHeaders(deps.config.allowedOrigins);
  app.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : pageSecurity(c, next)));
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

  // Every route module, built from the same options, mounted here.
  const api = new Hono<HttpEnv>();
  api.route('/', staffRoutes(o));
  api.route('/', visitorRoutes(o));
  api.route('/admin/invites', inviteRoutes(o));
  api.route('/admin', adminRoutes(o));
  api.route('/agent-messages', agentMessageRoutes(o));
  api.route('/agents', agentRoutes(o));
  api.route('/chats/history', historyRoutes(o)); // before /chats/:chatId
  api.route('/chats', chatRoutes(o));
  api.route('/canned', cannedRoutes(o));
  api.route('/', ratingRoutes(o));
  api.route('/', availabilityRoutes(o));
  api.route('/offline-messages', offlineMessageRoutes(o));
  app.route('/api', api);
  app.route('/', pageRoutes());

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((err, c) => {
    if (err instanceof AppError) {
      if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
      return c.json(toErrorBody(err), ERROR_STATUS[err.code]);
    }
    // Logged with the error by requestLog, which sees every answer.
    const requestId = newId();
    c.set('requestId', requestId);
    const body = errorBody('internal', `Something went wrong on the server (request ${requestId}).`);
    return c.json(body, 500);
  });
  return app;
}
