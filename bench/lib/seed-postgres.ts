/**
 * The cluster scenario's set-up on PostgreSQL, before any node starts: the server's own PostgreSQL
 * stores create the schema and write agent accounts with sessions (staff tokens from the server's
 * token service), and "spare" agents with room for `spareChats` chats in all (never connected until
 * the drain phase); then the active chats assigned to the agents go in with plain SQL (multi-row
 * INSERTs in one transaction), with their visitors' user tokens. The secret is written to
 * `secretDir` and copied into every node's data dir by the scenario.
 */
import pg from 'pg';
import { createPasswordHasher } from '../../server/security/passwords.js';
import { newId } from '../../server/security/random.js';
import { createTokenService, loadOrCreateSecret } from '../../server/security/tokens.js';
import { createPostgresStores } from '../../server/store/postgres/postgres-store.js';
import { mapLimit } from './async.js';
import { ADMIN_USER, PASSWORD, type SeededAgent, type SeededChat } from './seed.js';

export interface SharedSeed {
  agents: SeededAgent[];
  chats: SeededChat[];
  spareAgents: SeededAgent[];
  adminToken: string;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export async function seedPostgres(
  databaseUrl: string,
  secretDir: string,
  spec: { agents: number; chatsPerAgent: number; spareAgents: number; spareChats: number },
): Promise<SharedSeed> {
  const tokens = createTokenService(loadOrCreateSecret(secretDir));
  const passwordHash = await createPasswordHasher().hash(PASSWORD);
  const now = Date.now();
  const stores = await createPostgresStores(databaseUrl);
  const store = stores.store;
  try {
    const account = async (
      username: string,
      name: string,
      role: 'agent' | 'admin',
      maxChats: number | null,
      status: 'online' | 'offline',
    ) => {
      await store.createAccount({
        username,
        name,
        email: `${username}@bench.test`,
        role,
        passwordHash,
        status,
        maxChats,
        createdAt: now,
      });
      const signed = await tokens.sign('staff', { sub: username, name, role });
      await store.createSession({ jti: signed.jti, username, createdAt: now, expiresAt: signed.exp });
      return { username, name, token: signed.token };
    };
    const w = Math.max(3, String(spec.agents).length);
    const agents = await mapLimit(
      Array.from({ length: spec.agents }, (_, i) => i),
      8,
      (i) => account(`agent${pad(i, w)}`, `Agent ${pad(i, w)}`, 'agent', null, 'online'),
    );
    const perSpare = Math.ceil(spec.spareChats / Math.max(1, spec.spareAgents));
    const spareAgents = await mapLimit(
      Array.from({ length: spec.spareAgents }, (_, i) => i),
      8,
      (i) => account(`spare${pad(i, 3)}`, `Spare ${pad(i, 3)}`, 'agent', perSpare, 'online'),
    );
    const admin = await account(ADMIN_USER, 'Bench Admin', 'admin', 0, 'offline');

    const chatCount = spec.agents * spec.chatsPerAgent;
    const rows = Array.from({ length: chatCount }, (_, i) => {
      const agent = agents[i % spec.agents]!;
      return { chatId: newId(), visitorName: `Visitor ${i}`, agent: agent.username, agentName: agent.name };
    });
    await insertChats(
      databaseUrl,
      rows.map((c, i) => [
        c.chatId,
        c.visitorName,
        c.agent,
        c.agentName,
        'active',
        now - chatCount + i,
        null,
        null,
        0,
        newId(),
      ]),
    );
    const chats = await mapLimit(rows, 256, async (c) => ({
      ...c,
      userToken: (await tokens.sign('user', { name: c.visitorName, chatId: c.chatId })).token,
    }));
    return { agents, chats, spareAgents, adminToken: admin.token };
  } finally {
    await stores.close();
  }
}

const CHAT_COLUMNS = [
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
];
/** Rows per INSERT: 10 parameters each, far below PostgreSQL's 65535 per statement. */
const CHATS_PER_INSERT = 500;

/** Inserts the chats (values in CHAT_COLUMNS order) in one transaction, CHATS_PER_INSERT rows per statement. */
async function insertChats(databaseUrl: string, rows: unknown[][]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'switchboard-bench-seed' });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (let at = 0; at < rows.length; at += CHATS_PER_INSERT) {
      const batch = rows.slice(at, at + CHATS_PER_INSERT);
      const tuples = batch.map(
        (_, r) => `(${CHAT_COLUMNS.map((_, c) => `$${r * CHAT_COLUMNS.length + c + 1}`).join(', ')})`,
      );
      await client.query(`INSERT INTO chats (${CHAT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, batch.flat());
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}
