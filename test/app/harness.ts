import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createChatEngine, type ChatEngine } from '../../server/app/chats/engine.js';
import type { AppDeps } from '../../server/app/deps.js';
import type { OutEvent } from '../../server/app/events.js';
import type { Stores } from '../../server/app/ports/store.js';
import { makeConfig, type SettingName } from '../../server/config.js';
import { createMailer } from '../../server/mail/create-mailer.js';
import { createPasswordHasher } from '../../server/security/passwords.js';
import { newId } from '../../server/security/random.js';
import { createRateLimits } from '../../server/security/rate-limits.js';
import { createTokenService } from '../../server/security/tokens.js';
import { createSqliteStores } from '../../server/store/sqlite/sqlite-store.js';

/**
 * The chat use cases on the one-node store (memory + a real SQLite database in memory, no writer
 * thread), with a fake clock and no network: seconds for a whole file. `tick()` runs what the
 * engine's timers would (heartbeat, sweep); events the use cases publish on their own land in `published`.
 */
export interface Desk {
  engine: ChatEngine;
  deps: AppDeps;
  stores: Stores;
  /** Events published by the engine itself (dispatch on connect, grace requeue, abandonment). */
  published: OutEvent[];
  clock: { now: number };
  advance(ms: number): Promise<void>;
  /** Waits for what the engine does in the background (presence writes, dispatch after a connection). */
  settle(): Promise<void>;
  /** An agent account (online unless said otherwise), connected on this node unless `connected: false`. */
  agent(
    username: string,
    o?: { maxChats?: number | null; connected?: boolean; status?: 'online' | 'offline' },
  ): Promise<void>;
  /** A visitor who joined and waits; `start()` starts its chat (when at the front with an agent free). */
  visitor(name: string): Promise<Visitor>;
  close(): Promise<void>;
}

export interface Visitor {
  queueToken: string;
  entryId: string;
  start(): Promise<{ chatId: string; agent: { name: string } | null; events: OutEvent[] }>;
}

/**
 * `dataDir`: keep the database in a file there (and leave it on close), to start again on it;
 * otherwise the database lives in memory.
 */
export async function createDesk(
  settings: Partial<Record<SettingName, string | number | boolean>> = {},
  o: { dataDir?: string } = {},
): Promise<Desk> {
  const dir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-desk-'));
  const clock = { now: Date.now() };
  const now = () => clock.now;
  const config = makeConfig({
    dataDir: dir,
    messagesPerSecond: 1000,
    queueJoinsPerMinute: 1000,
    logLevel: 'silent',
    ...settings,
  });
  const stores = createSqliteStores(dir, o.dataDir ? { writerThread: false, now } : { file: ':memory:', now });
  const ids = { next: 0 };
  const deps: AppDeps = {
    config,
    store: stores.store,
    chatStore: stores.chats,
    visitorStore: stores.visitors,
    canned: stores.canned,
    history: stores.history,
    offlineMessages: stores.offline,
    chatStats: stores.offline,
    tokens: createTokenService(new Uint8Array(32).fill(7), now),
    passwords: createPasswordHasher({ inline: true, cost: 4 }),
    limits: createRateLimits(config),
    mailer: createMailer({ from: config.mailFrom, dataDir: dir }),
    log: pino({ level: 'silent' }),
    now,
    newId: () => `${newId()}-${++ids.next}`,
    publicUrl: () => 'http://127.0.0.1:1',
  };
  const published: OutEvent[] = [];
  const publish = (events: OutEvent[]) => published.push(...events);
  const engine = await createChatEngine(deps, { publish, timers: false, visitorAwayAfterMs: 20 });
  const sockets = new Map<string, string>();

  return {
    engine,
    deps,
    stores,
    published,
    clock,
    async advance(ms) {
      clock.now += ms;
      await engine.tick();
      await engine.drain();
    },
    settle: () => engine.drain(),
    async agent(username, o = {}) {
      await stores.store.createAccount({
        username,
        name: `Agent ${username}`,
        email: null,
        role: 'agent',
        passwordHash: 'x',
        status: o.status ?? 'online',
        maxChats: o.maxChats ?? null,
        createdAt: clock.now,
      });
      if (o.connected === false) return;
      sockets.set(username, `socket-${username}`);
      if (await engine.agentSocketOpened(username, `socket-${username}`)) engine.agentAvailable();
      await engine.drain();
    },
    async visitor(name) {
      const { queueToken } = await engine.joinQueue(name, `10.0.0.${Math.floor(Math.random() * 250)}`);
      const entryId = (await deps.tokens.verify('queue', queueToken)).jti;
      return {
        queueToken,
        entryId,
        async start() {
          const { value, events } = await engine.startChat(queueToken);
          return { chatId: value.chatId, agent: value.agent, events };
        },
      };
    },
    async close() {
      await engine.stop();
      await engine.drain();
      await deps.passwords.close();
      deps.mailer.close();
      await stores.close();
      if (!o.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The events of `events` sent to a room, as [event, payload] pairs. */
export const sentTo = (events: OutEvent[], room: string) =>
  events.flatMap((e) => ('event' in e && e.room === room ? [[e.event, e.payload] as [string, unknown]] : []));
