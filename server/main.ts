import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { Server as IoServer } from 'socket.io';
import { createChatEngine } from './app/chats/engine.js';
import { createSharedChatEngine } from './app/chats/shared/engine.js';
import type { AppDeps } from './app/deps.js';
import type { OutEvent } from './app/events.js';
import type { Config } from './config.js';
import { Presence } from './domain/presence.js';
import { createHttpApp } from './http/app.js';
import { createMetrics } from './app/metrics.js';
import { createLogger } from './log.js';
import { createMailer } from './mail/create-mailer.js';
import { LIMITS } from './protocol/limits.js';
import { setupAgentNamespace } from './realtime/agent-namespace.js';
import { registerAgentChatHandlers } from './realtime/agent-chat-handlers.js';
import { setupQueueNamespace } from './realtime/queue-namespace.js';
import { setupVisitorNamespace } from './realtime/visitor-namespace.js';
import { chatRoutes } from './http/routes/chats.js';
import { visitorRoutes } from './http/routes/visitor.js';
import { guardUpgrades, originAllowed, type OriginPolicy } from './realtime/origins.js';
import { createPublisher } from './realtime/publisher.js';
import { connectRedis } from './realtime/redis.js';
import { createPasswordHasher } from './security/passwords.js';
import { newId } from './security/random.js';
import { createRateLimits } from './security/rate-limits.js';
import { createTokenService, loadOrCreateSecret } from './security/tokens.js';
import { withAccountCache } from './store/account-cache.js';
import { openStore } from './store/open-store.js';
import { VERSION } from './version.js';

export interface RunningServer {
  /** http://HOST:PORT the server listens on. */
  url: string;
  port: number;
  deps: AppDeps;
  close(): Promise<void>;
}

/** The composition root: the only place where every layer is wired together. */
export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const store = withAccountCache(await openStore(config));
  // With --redis-url: socket events fan out to every node and rate limits are shared (see README, Deployment).
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, log).catch(async (e) => { await store.close(); throw e; }) : undefined;
  const secret = loadOrCreateSecret(config.dataDir);
  let listenUrl = `http://${config.host}:${config.port}`;
  const deps: AppDeps = {
    config,
    store,
    log,
    tokens: createTokenService(secret),
    passwords: createPasswordHasher(),
    limits: createRateLimits(config, redis?.client ?? 'memory'),
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }),
    presence: new Presence(),
    now: Date.now,
    newId,
    publicUrl: () => config.publicUrl ?? listenUrl,
    openChatsOf: (username) => engine.openChatsOf(username),
    isConnected: (username) => engine.isConnected(username),
  };

  let publish: (events: OutEvent[]) => void = () => {};
  const lateBoundPublish = (events: OutEvent[]) => publish(events);
  // A shared store (PostgreSQL) lets several nodes serve one queue: the database decides routing.
  // Otherwise this node decides alone, from memory restored at start.
  const engine = store.shared
    ? await createSharedChatEngine(deps, store.shared, lateBoundPublish)
    : await createChatEngine(deps, lateBoundPublish);
  const metrics = createMetrics();
  const app = createHttpApp({
    deps,
    version: VERSION,
    publish: lateBoundPublish,
    requeueChatsOf: engine.requeueChatsOf,
    capacityChanged: engine.dispatch,
    metrics: {
      snapshot: async () =>
        metrics.snapshot({
          waiting: await engine.waiting(),
          nodes: await engine.nodes(),
          agentSockets: io.of('/agent').sockets.size,
          visitorSockets: io.of('/visitor').sockets.size,
          queueSockets: io.of('/queue').sockets.size,
        }),
      reset: metrics.reset,
    },
    extraApi: (api) => {
      api.route('/', visitorRoutes(deps, engine, lateBoundPublish));
      api.route('/chats', chatRoutes(deps, engine, lateBoundPublish));
    },
  });
  const httpServer = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  const origins: OriginPolicy = { publicUrl: deps.publicUrl, configured: config.publicUrl !== undefined, extra: config.allowedOrigins };
  const io = new IoServer(httpServer, {
    maxHttpBufferSize: LIMITS.socketPacketMaxBytes,
    serveClient: true,
    allowRequest: (req, callback) => callback(null, originAllowed(req, origins)),
  });
  guardUpgrades(httpServer, (req) => originAllowed(req, origins));
  redis?.attach(io);
  publish = createPublisher(io);
  setupAgentNamespace(io.of('/agent'), deps, {
    openChats: (who, since) => engine.openChatsPayload(who.username, since),
    register: (socket, who) => registerAgentChatHandlers(socket, who, deps, engine, lateBoundPublish),
    connected: (who) => engine.agentConnected(who.username),
    disconnected: (who) => engine.agentDisconnected(who.username),
  });
  setupVisitorNamespace(io.of('/visitor'), deps, engine, lateBoundPublish);
  setupQueueNamespace(io.of('/queue'), deps, engine);

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
  } catch (e) {
    // Could not listen (port taken…): release what was opened, so the process can exit.
    await engine.stop();
    metrics.stop();
    io.close();
    await deps.passwords.close();
    deps.mailer.close();
    await redis?.close();
    await store.close();
    throw e;
  }
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  listenUrl = `http://${shownHost}:${port}`;
  await store.purgeSessions(Date.now());
  log.info({ url: listenUrl, dataDir: config.dataDir }, 'listening');

  let closing: Promise<void> | undefined;
  return {
    url: listenUrl,
    port,
    deps,
    close() {
      // Graceful: stop accepting, tell clients, let in-flight writes commit and their acks go out,
      // then close the sockets and the database.
      closing ??= (async () => {
        const stopped = engine.stop();
        metrics.stop();
        httpServer.close();
        httpServer.closeIdleConnections();
        for (const ns of ['/agent', '/visitor', '/queue']) io.of(ns).emit('server:shutdown', {});
        await engine.drain();
        await stopped;
        await new Promise((resolve) => setTimeout(resolve, 100));
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await redis?.close();
        deps.mailer.close();
        await deps.passwords.close();
        await store.close();
        log.info('stopped');
      })();
      return closing;
    },
  };
}
