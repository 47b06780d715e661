/**
 * Scenario 7 (start-up): a data directory holding N messages and M open chats, generated with
 * better-sqlite3 in the schema the server itself created (the server is started once on an empty
 * directory, stopped, then the rows are bulk-inserted in one transaction). Measured: wall time
 * from spawning `switchboard serve` to the first `GET /healthz` 200, on a warm page cache.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { freePort } from '../../test/helpers/ports.js';
import { join } from 'node:path';
import { BIN, spawnListening, waitHealthy } from '../lib/processes.js';
import { median, round } from '../lib/stats.js';
import { inserter } from '../lib/sqlite-rows.js';
import type { Ctx } from './context.js';

// Unique 22-character ids like the server's, cheaply: a random prefix and a counter.
const prefix = randomBytes(8).toString('base64url').slice(0, 11);
let counter = 0;
const id = () => prefix + (counter++).toString(36).padStart(11, '0');

/** Spawn → first /healthz 200, in ms. */
async function timeStart(dataDir: string): Promise<{ healthyMs: number; listeningMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const serverP = spawnListening(
    'switchboard serve',
    [BIN, 'serve', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir, '--log-level', 'warn'],
    {},
    120_000,
  );
  const url = `http://127.0.0.1:${port}`;
  const failed = serverP.then(() => new Promise<never>(() => {}));
  await Promise.race([waitHealthy(url, 120_000, 2), failed]);
  const healthyMs = performance.now() - t0;
  const server = await serverP;
  await server.stop();
  return { healthyMs: round(healthyMs, 1), listeningMs: round(server.listeningMs, 1) };
}

/** Fills the database: open chats with 20 messages each, the rest of the messages in ended chats of 40. */
function generate(file: string, messages: number, openChats: number) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const account = inserter(
    db,
    'accounts',
    ['username', 'name', 'email', 'role', 'password_hash', 'status', 'max_chats', 'created_at'],
    'bench/scenarios/startup.ts',
  );
  const chat = inserter(
    db,
    'chats',
    [
      'id',
      'visitor_name',
      'agent_username',
      'agent_name',
      'status',
      'started_at',
      'ended_at',
      'ended_by',
      'last_seq',
      'queue_entry_id',
    ],
    'bench/scenarios/startup.ts',
  );
  const message = inserter(
    db,
    'messages',
    [
      'id',
      'chat_id',
      'seq',
      'from_role',
      'from_name',
      'from_username',
      'to_role',
      'to_name',
      'to_username',
      'body',
      'sent_at',
    ],
    'bench/scenarios/startup.ts',
  );
  const perOpen = Math.min(20, Math.floor(messages / Math.max(1, openChats)));
  const endedChats = Math.ceil((messages - perOpen * openChats) / 40);
  const agents = Math.max(1, Math.ceil(openChats / 100));
  const t0 = Date.now() - 86_400_000;
  const hash = `$2b$10$${'x'.repeat(53)}`; // nobody logs in here
  db.transaction(() => {
    for (let a = 0; a < agents; a++) {
      account({
        username: `agent${a}`,
        name: `Agent ${a}`,
        email: `agent${a}@bench.test`,
        role: 'agent',
        password_hash: hash,
        status: 'online',
        max_chats: 100,
        created_at: t0,
      });
    }
    let left = messages;
    const fill = (chatId: string, agent: number, n: number, at: number) => {
      for (let s = 1; s <= n; s++) {
        const visitor = s % 2 === 1;
        message({
          id: id(),
          chat_id: chatId,
          seq: s,
          from_role: visitor ? 'visitor' : 'agent',
          from_name: visitor ? 'Visitor' : `Agent ${agent}`,
          from_username: visitor ? null : `agent${agent}`,
          to_role: visitor ? 'agent' : 'visitor',
          to_name: visitor ? `Agent ${agent}` : 'Visitor',
          to_username: visitor ? `agent${agent}` : null,
          body: `Message ${s} of this chat: about an order, a refund, a delivery date.`,
          sent_at: at + s * 1000,
        });
      }
      left -= n;
    };
    for (let c = 0; c < openChats; c++) {
      const chatId = id();
      const agent = c % agents;
      chat({
        id: chatId,
        visitor_name: `Visitor ${c}`,
        agent_username: `agent${agent}`,
        agent_name: `Agent ${agent}`,
        status: 'active',
        started_at: t0 + c,
        ended_at: null,
        ended_by: null,
        last_seq: perOpen,
        queue_entry_id: id(),
      });
      fill(chatId, agent, perOpen, t0 + c);
    }
    for (let c = 0; c < endedChats && left > 0; c++) {
      const chatId = id();
      const agent = c % agents;
      const n = Math.min(40, left);
      chat({
        id: chatId,
        visitor_name: `Old visitor ${c}`,
        agent_username: `agent${agent}`,
        agent_name: `Agent ${agent}`,
        status: 'ended',
        started_at: t0 - 1e6 + c,
        ended_at: t0,
        ended_by: 'visitor',
        last_seq: n,
        queue_entry_id: id(),
      });
      fill(chatId, agent, n, t0 - 1e6 + c);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const counts = {
    messages: (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n,
    openChats: (db.prepare("SELECT COUNT(*) AS n FROM chats WHERE status <> 'ended'").get() as { n: number }).n,
  };
  db.close();
  return counts;
}

export interface StartupResult {
  startupMs: number;
  emptyStartupMs: number;
  messages: number;
  openChats: number;
  generateMs: number;
  runsMs: number[];
}

export async function runStartup(ctx: Ctx): Promise<StartupResult> {
  const p = ctx.profile.startup;
  const dir = await ctx.tempDir('startup');
  const empty = await timeStart(dir); // creates the schema
  const g0 = performance.now();
  const counts = generate(join(dir, 'switchboard.db'), p.messages, p.openChats);
  const generateMs = Math.round(performance.now() - g0);
  ctx.log(
    `startup: generated ${counts.messages} messages, ${counts.openChats} open chats in ${generateMs} ms; ` +
      `empty start ${empty.healthyMs} ms`,
  );
  const runsMs: number[] = [];
  for (let i = 0; i < p.runs; i++) runsMs.push((await timeStart(dir)).healthyMs);
  const startupMs = round(median(runsMs), 1);
  ctx.log(`  start with data: ${runsMs.join(', ')} ms → median ${startupMs} ms`);
  return {
    startupMs,
    emptyStartupMs: empty.healthyMs,
    messages: counts.messages,
    openChats: counts.openChats,
    generateMs,
    runsMs,
  };
}
