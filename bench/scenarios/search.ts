/**
 * Scenario "search" (history and search, contract v2): `GET /api/chats/history?q=…` over a store
 * seeded with many messages. The data dir is seeded straight into SQLite (one transaction; the FTS
 * triggers of the schema index every row as it goes in), then the real server starts on it and each
 * query is timed over HTTP, one request at a time, as an admin (every chat) and as an agent (its own
 * chats). Message text draws words from a made-up vocabulary with a Zipf distribution, so queries
 * range from rare words to words in a large share of all messages.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { newId } from '../../server/security/random.js';
import { DATABASE_FILE } from '../../server/store/open-store.js';
import { createHttp } from '../lib/http.js';
import { spawnSwitchboard, type ServerHandle } from '../lib/processes.js';
import { seedDesk } from '../lib/seed.js';
import { inserter } from '../lib/sqlite-rows.js';
import { round, summarize, type Summary } from '../lib/stats.js';
import type { Ctx } from './context.js';

/** Messages seeded by mode (`--search-size N` overrides), and timed requests per query. */
const SIZES = {
  smoke: { messages: 4_000, rounds: 2 },
  quick: { messages: 100_000, rounds: 5 },
  full: { messages: 1_000_000, rounds: 10 },
} as const;
const MESSAGES_PER_CHAT = 20;
const VOCABULARY = 20_000;
const AGENTS = 10;

export interface SearchResult {
  messages: number;
  chats: number;
  seedS: number;
  requests: number;
  /** Every timed request (ms). */
  latencyMs: Summary;
  /** Per query: the share of chats that hold its words, and its latency as admin and as an agent. */
  queries: { q: string; share: number; admin: Summary; agent: Summary; adminHits: number }[];
}

/** A deterministic random sequence, so runs are comparable. */
const random = (seed: number) => () => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'be', 'da', 'fu', 'go', 'hi', 'je', 'pa', 'zu'];
/** The n-th word of the vocabulary: distinct, 2–5 syllables. */
const wordAt = (n: number) => {
  let w = '';
  let k = n + SYLLABLES.length;
  while (k > 0) {
    w += SYLLABLES[k % SYLLABLES.length];
    k = Math.floor(k / SYLLABLES.length);
  }
  return w;
};

/** Seeds `dir`: agents (seedDesk), then `total` messages in ended chats of 20 messages each. */
export async function seedSearch(dir: string, total: number, log: (line: string) => void) {
  const seeded = await seedDesk(dir, { agents: AGENTS, chatsPerAgent: 0, waiting: 0 });
  const seedStart = performance.now();
  const words = Array.from({ length: VOCABULARY }, (_, i) => wordAt(i));
  // Zipf (s = 1): the cumulative weights, then a binary search per draw.
  const cumulative = new Float64Array(VOCABULARY);
  let sum = 0;
  for (let i = 0; i < VOCABULARY; i++) cumulative[i] = sum += 1 / (i + 1);
  const next = random(7);
  const draw = () => {
    const x = next() * sum;
    let lo = 0;
    let hi = VOCABULARY - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const chats = Math.ceil(total / MESSAGES_PER_CHAT);
  log(`search: seeding ${total.toLocaleString('en')} messages in ${chats.toLocaleString('en')} ended chats`);
  const db = new Database(join(dir, DATABASE_FILE));
  try {
    db.pragma('synchronous = OFF');
    const owner = 'bench/scenarios/search.ts';
    const chat = inserter(
      db,
      'chats',
      ['id', 'visitor_name', 'agent_username', 'agent_name', 'status', 'started_at', 'ended_at', 'ended_by'].concat([
        'last_seq',
        'queue_entry_id',
      ]),
      owner,
    );
    const message = inserter(
      db,
      'messages',
      ['id', 'chat_id', 'seq', 'from_role', 'from_name', 'from_username', 'to_role', 'to_name', 'to_username'].concat([
        'body',
        'sent_at',
      ]),
      owner,
    );
    // Each chat ends after its messages, as on the server: the end trigger indexes it once.
    const end = db.prepare("UPDATE chats SET status = 'ended', ended_at = ?, ended_by = 'agent' WHERE id = ?");
    const start = Date.now() - chats * 60_000;
    db.transaction(() => {
      let left = total;
      for (let c = 0; c < chats; c++) {
        const id = newId();
        const agent = seeded.agents[c % AGENTS]!;
        const visitor = `${wordAt(c % 5000)} ${wordAt(7 * c + 1)}`.replace(/^./, (s) => s.toUpperCase());
        const at = start + c * 60_000;
        const n = Math.min(MESSAGES_PER_CHAT, left);
        left -= n;
        chat({
          id,
          visitor_name: visitor,
          agent_username: agent.username,
          agent_name: agent.name,
          status: 'active',
          started_at: at,
          ended_at: null,
          ended_by: null,
          last_seq: n,
          queue_entry_id: newId(),
        });
        for (let s = 1; s <= n; s++) {
          const fromVisitor = s % 2 === 1;
          const length = 6 + Math.floor(next() * 14);
          message({
            id: newId(),
            chat_id: id,
            seq: s,
            from_role: fromVisitor ? 'visitor' : 'agent',
            from_name: fromVisitor ? visitor : agent.name,
            from_username: fromVisitor ? null : agent.username,
            to_role: fromVisitor ? 'agent' : 'visitor',
            to_name: fromVisitor ? agent.name : visitor,
            to_username: fromVisitor ? agent.username : null,
            body: Array.from({ length }, draw).join(' '),
            sent_at: at + s * 1000,
          });
        }
        end.run(at + 30_000, id);
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const seedS = round((performance.now() - seedStart) / 1000, 1);
  log(`search: seeded in ${seedS} s`);
  return { seeded, words, chats, seedS };
}

export async function runSearch(ctx: Ctx, size?: number): Promise<SearchResult> {
  const mode = SIZES[ctx.profile.mode];
  const total = size ?? mode.messages;
  const dir = await ctx.tempDir('search');
  const { seeded, words, chats, seedS } = await seedSearch(dir, total, ctx.log);

  // Queries by how common their words are: rank 5 (in a large share of messages) … rank 15,000 (rare),
  // two words, a prefix, a visitor's name, and a word that is in no message.
  const queries = [
    words[5]!,
    words[50]!,
    words[500]!,
    words[5000]!,
    words[15000]!,
    `${words[20]} ${words[300]}`,
    `${words[800]!.slice(0, 4)}`,
    wordAt(4321),
    'zzzzqqq',
  ];
  let server: ServerHandle | undefined;
  const http = { close: () => {} } as ReturnType<typeof createHttp>;
  const all: number[] = [];
  const out: SearchResult['queries'] = [];
  try {
    server = await spawnSwitchboard({ dataDir: dir, flags: ['--log-level', 'warn'] });
    Object.assign(http, createHttp(server.url, 4));
    const agent = seeded.agents[0]!;
    const time = async (q: string, token: string) => {
      const t = performance.now();
      const res = await http.request('GET', `/api/chats/history?q=${encodeURIComponent(q)}`, { token });
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${JSON.stringify(res.body)}`);
      return { ms, hits: res.body.chats.length as number };
    };
    for (const q of queries) await time(q, seeded.adminToken); // warm up: caches, statement preparation
    for (const q of queries) {
      const admin: number[] = [];
      const mine: number[] = [];
      let adminHits = 0;
      for (let r = 0; r < mode.rounds; r++) {
        const a = await time(q, seeded.adminToken);
        admin.push(a.ms);
        adminHits = a.hits;
        mine.push((await time(q, agent.token)).ms);
      }
      all.push(...admin, ...mine);
      out.push({ q, share: 0, admin: summarize(admin), agent: summarize(mine), adminHits });
    }
  } finally {
    http.close();
    await server?.stop();
  }
  // How common each query is: counted after the timing, on the seeded file.
  const check = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    const count = check.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM chats_search WHERE chats_search MATCH ?',
    );
    for (const x of out) {
      const text = x.q
        .split(' ')
        .map((w, i, a) => `"${w}"${i === a.length - 1 ? '*' : ''}`)
        .join(' ');
      x.share = round((count.get(text)?.n ?? 0) / chats, 4);
    }
  } finally {
    check.close();
  }
  const latencyMs = summarize(all);
  ctx.log(
    `search: ${all.length} requests over ${total.toLocaleString('en')} messages: ` +
      `p50 ${latencyMs.p50} ms, p99 ${latencyMs.p99} ms, max ${latencyMs.max} ms`,
  );
  for (const x of out)
    ctx.log(
      `search:   q=${x.q.padEnd(16)} in ${(x.share * 100).toFixed(1).padStart(5)}% of chats: ` +
        `admin p50 ${x.admin.p50} / max ${x.admin.max} ms, agent p50 ${x.agent.p50} / max ${x.agent.max} ms`,
    );
  return { messages: total, chats, seedS, requests: all.length, latencyMs, queries: out };
}
