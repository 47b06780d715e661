/**
 * Seeds a data directory with the server's own schema and token service, before the server
 * starts: staff accounts with sessions (what a login creates), active chats assigned to
 * them, and waiting queue entries, with the tokens their owners would hold. This replaces minutes
 * of set-up (bcrypt on every register and login, one start at a time at the head of the queue) by
 * a second; what the scenarios measure then runs through the real server. Logins are measured
 * for real (scenario "logins"). Opening and closing the server's stores creates the schema; then
 * accounts, sessions, chats and queue entries are written in one transaction (columns read from the
 * schema the server's migrations created), as one commit per row would cost an fsync each. The
 * server loads the open chats and the queue from these rows when it starts.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createPasswordHasher } from '../../server/security/passwords.js';
import { newId } from '../../server/security/random.js';
import { createTokenService, loadOrCreateSecret } from '../../server/security/tokens.js';
import { createSqliteStores, DATABASE_FILE } from '../../server/store/sqlite/sqlite-store.js';
import { mapLimit } from './async.js';
import { inserter } from './sqlite-rows.js';

export const PASSWORD = 'bench-password-1';
export const LOGIN_USER = 'login-bot';
export const ADMIN_USER = 'bench-admin';

export interface SeedSpec {
  agents: number;
  /** Active chats per agent (assigned round-robin). */
  chatsPerAgent: number;
  /** Fresh visitors waiting in the queue, in order. */
  waiting: number;
}
export interface SeededAgent {
  username: string;
  name: string;
  token: string;
}
export interface SeededChat {
  chatId: string;
  visitorName: string;
  agent: string;
  agentName: string;
  userToken: string;
}
export interface SeededWaiting {
  entryId: string;
  name: string;
  queueToken: string;
}
export interface Seeded {
  agents: SeededAgent[];
  chats: SeededChat[];
  waiting: SeededWaiting[];
  loginUser: string;
  password: string;
  adminToken: string;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export async function seedDesk(dataDir: string, spec: SeedSpec): Promise<Seeded> {
  const tokens = createTokenService(loadOrCreateSecret(dataDir));
  // One real bcrypt hash, shared: the logins scenario checks the password for real.
  const passwordHash = await createPasswordHasher().hash(PASSWORD);
  const now = Date.now();
  const agents: SeededAgent[] = [];
  const sessions: { jti: string; username: string; expiresAt: number }[] = [];
  const w = Math.max(3, String(spec.agents).length);
  await mapLimit(
    Array.from({ length: spec.agents }, (_, i) => i),
    256,
    async (i) => {
      const username = `agent${pad(i, w)}`;
      const name = `Agent ${pad(i, w)}`;
      const signed = await tokens.sign('staff', { sub: username, name, role: 'agent' });
      agents[i] = { username, name, token: signed.token };
      sessions[i] = { jti: signed.jti, username, expiresAt: signed.exp };
    },
  );
  // An admin (never connected, so never routed to) for GET /api/admin/metrics.
  const admin = await tokens.sign('staff', { sub: ADMIN_USER, name: 'Bench Admin', role: 'admin' });
  sessions.push({ jti: admin.jti, username: ADMIN_USER, expiresAt: admin.exp });

  const chatCount = spec.agents * spec.chatsPerAgent;
  const chatRows = Array.from({ length: chatCount }, (_, i) => {
    const agent = agents[i % spec.agents]!;
    return { chatId: newId(), visitorName: `Visitor ${i}`, agent: agent.username, agentName: agent.name };
  });
  const waitingRows = Array.from({ length: spec.waiting }, (_, i) => ({ entryId: newId(), name: `Waiting ${i}` }));

  const stores = createSqliteStores(dataDir, { writerThread: false }); // creates or migrates the schema
  await stores.close();
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    const owner = 'bench/lib/seed.ts';
    const account = inserter(
      db,
      'accounts',
      ['username', 'name', 'email', 'role', 'password_hash', 'status', 'max_chats', 'created_at'],
      owner,
    );
    const session = inserter(db, 'sessions', ['jti', 'username', 'created_at', 'expires_at'], owner);
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
      owner,
    );
    const entry = inserter(db, 'queue_entries', ['id', 'name', 'joined_at', 'front', 'position', 'chat_id'], owner);
    db.transaction(() => {
      for (const a of agents)
        account({
          username: a.username,
          name: a.name,
          email: `${a.username}@bench.test`,
          role: 'agent',
          password_hash: passwordHash,
          status: 'online',
          max_chats: null,
          created_at: now,
        });
      account({
        username: ADMIN_USER,
        name: 'Bench Admin',
        email: null,
        role: 'admin',
        password_hash: passwordHash,
        status: 'offline',
        max_chats: 0,
        created_at: now,
      });
      account({
        username: LOGIN_USER,
        name: 'Login Bot',
        email: `${LOGIN_USER}@bench.test`,
        role: 'agent',
        password_hash: passwordHash,
        status: 'offline',
        max_chats: 0,
        created_at: now,
      });
      for (const x of sessions) session({ jti: x.jti, username: x.username, created_at: now, expires_at: x.expiresAt });
      for (const [i, c] of chatRows.entries()) {
        chat({
          id: c.chatId,
          visitor_name: c.visitorName,
          agent_username: c.agent,
          agent_name: c.agentName,
          status: 'active',
          started_at: now - chatCount + i,
          ended_at: null,
          ended_by: null,
          last_seq: 0,
          queue_entry_id: newId(),
        });
      }
      for (const [i, e] of waitingRows.entries()) {
        entry({
          id: e.entryId,
          name: e.name,
          joined_at: now - spec.waiting + i,
          front: 0,
          position: i + 1,
          chat_id: null,
        });
      }
    })();
  } finally {
    db.close();
  }

  const chats = await mapLimit(chatRows, 256, async (c) => ({
    ...c,
    userToken: (await tokens.sign('user', { name: c.visitorName, chatId: c.chatId })).token,
  }));
  const waiting = await mapLimit(waitingRows, 256, async (e) => ({
    ...e,
    queueToken: (await tokens.sign('queue', { name: e.name, jti: e.entryId })).token,
  }));
  return { agents, chats, waiting, loginUser: LOGIN_USER, password: PASSWORD, adminToken: admin.token };
}
