import { createAdaptorServer } from '@hono/node-server';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as IoServer } from 'socket.io';
import { authenticateStaff } from './app/auth.js';
import { createChatEngine } from './app/chats/engine.js';
import type { AppDeps } from './app/deps.js';
import { createMetrics } from './app/metrics.js';
import type { Config } from './config.js';
import { createHttpApp } from './http/app.js';
import { createLogger } from './log.js';
import { createMailer } from './mail/create-mailer.js';
import { LIMITS } from './protocol/limits.js';
import { agentChatHandlers } from './realtime/agent-chat-handlers.js';
import { setupAgentNamespace } from './realtime/agent-namespace.js';
import { namespaces } from './realtime/namespaces.js';
import { logHandshakeRefusals } from './realtime/handshake.js';
import { guardUpgrades, originAllowed, type OriginPolicy } from './realtime/origins.js';
import { createPublisher } from './realtime/publisher.js';
import { setupQueueNamespace } from './realtime/queue-namespace.js';
import { connectRedis } from './realtime/redis.js';
import { setupVisitorNamespace } from './realtime/visitor-namespace.js';
import { PRIVATE_UMASK, secureDataDir } from './security/data-dir.js';
import { createPasswordHasher } from './security/passwords.js';
import { newId } from './security/random.js';
import { createRateLimits } from './security/rate-limits.js';
import { createTokenService, loadOrCreateSecret } from './security/tokens.js';
import { openStore } from './store/open-store.js';
import { VERSION } from './version.js';

export interface RunningServer {
  /** http://HOST:PORT the server listens on. */
  url: string;
  port: number;
  deps: AppDeps;
  close(): Promise<void>;
}

const hostUrl = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

/** The composition root: the only place where every layer is wired together. */
export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  // The database holds password hashes, e-mail addresses and transcripts: files the server creates
  // are its user's only, and files an older version left readable are fixed (one line says which).
  process.umask(PRIVATE_UMASK);
  secureDataDir(config.dataDir, log);
  const stores = await openStore(config);
  // With --redis-url: socket events fan out to every node and rate limits are shared (see README, Deployment).
  const redis = config.redisUrl
    ? await connectRedis(config.redisUrl, log).catch(async (e) => {
        await stores.close();
        throw e;
      })
    : undefined;
  // The address links point to without --public-url: the real port once listening.
  const listening = { url: hostUrl(config.host, config.port) };
  const deps: AppDeps = {
    config,
    store: stores.store,
    chatStore: stores.chats,
    visitorStore: stores.visitors,
    canned: stores.canned,
    history: stores.history,
    offlineMessages: stores.offline,
    chatStats: stores.offline,
    log,
    tokens: createTokenService(loadOrCreateSecret(config.dataDir)),
    passwords: createPasswordHasher({ cost: config.bcryptCost }),
    limits: createRateLimits(config, redis?.client ?? 'memory', { log }),
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }),
    now: Date.now,
    newId,
    publicUrl: () => config.publicUrl ?? listening.url,
  };

  const origins: OriginPolicy = {
    publicUrl: deps.publicUrl,
    configured: config.publicUrl !== undefined,
    extra: config.allowedOrigins,
    log,
    trustProxy: config.trustProxy,
  };
  const io = new IoServer({
    maxHttpBufferSize: LIMITS.socketPacketMaxBytes,
    serveClient: true,
    allowRequest: (req, callback) => callback(null, originAllowed(req, origins)),
  });
  redis?.attach(io);
  const ns = namespaces(io);
  const publish = createPublisher(ns);
  const chats = await createChatEngine(deps, { publish });
  const metrics = createMetrics();
  const snapshot = async () =>
    metrics.snapshot({
      waiting: await chats.waiting(),
      nodes: await chats.nodes(),
      agentSockets: ns.agent.sockets.size,
      visitorSockets: ns.visitor.sockets.size,
      queueSockets: ns.queue.sockets.size,
    });
  const app = createHttpApp({ deps, chats, publish, version: VERSION, metrics: { snapshot, reset: metrics.reset } });

  const httpServer = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  io.attach(httpServer);
  guardUpgrades(httpServer, (req) => originAllowed(req, origins));
  for (const nsp of [ns.agent, ns.visitor, ns.queue]) logHandshakeRefusals(nsp, { log, trustProxy: config.trustProxy });
  setupAgentNamespace(ns.agent, {
    authenticate: (token) => authenticateStaff(deps, token),
    chats,
    handlers: agentChatHandlers({ chats, publish, log }),
    log,
  });
  setupVisitorNamespace(ns.visitor, { tokens: deps.tokens, chats, publish, log });
  setupQueueNamespace(ns.queue, { tokens: deps.tokens, chats });

  const release = async () => {
    metrics.stop();
    await redis?.close();
    deps.mailer.close();
    await deps.passwords.close();
    await stores.close();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
  } catch (e) {
    // Could not listen (port taken…): release what was opened, so the process can exit.
    await chats.stop();
    io.close();
    await release();
    throw e;
  }
  const port = (httpServer.address() as AddressInfo).port;
  listening.url = hostUrl(config.host, port);
  await stores.store.purgeSessions(Date.now());
  log.info({ url: listening.url, dataDir: config.dataDir }, 'listening');

  let closing: Promise<void> | undefined;
  return {
    url: listening.url,
    port,
    deps,
    close() {
      // Graceful: stop accepting, tell clients, let work under way commit and its answers go out,
      // then close the sockets and the database.
      closing ??= (async () => {
        const stopped = chats.stop();
        httpServer.close();
        httpServer.closeIdleConnections();
        ns.agent.emit('server:shutdown', {});
        ns.visitor.emit('server:shutdown', {});
        ns.queue.emit('server:shutdown', {});
        await chats.drain();
        await stopped;
        await new Promise((resolve) => setTimeout(resolve, 100));
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await release();
        log.info('stopped');
      })();
      return closing;
    },
  };
}
