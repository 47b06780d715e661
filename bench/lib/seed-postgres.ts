/**
 * The cluster scenario's set-up on PostgreSQL, through the server's own PostgreSQL store (which
 * creates the schema) and token service, before any node starts: agent accounts with sessions and
 * staff tokens, active chats assigned to them with their visitors' user tokens, and "spare" agents
 * with room for `spareChats` chats in all (never connected until the drain phase). The secret is
 * written to `secretDir` and copied into every node's data dir by the scenario.
 */
import { createPasswordHasher } from '../../server/security/passwords.js';
import { newId } from '../../server/security/random.js';
import { createTokenService, loadOrCreateSecret } from '../../server/security/tokens.js';
import { createPostgresStore } from '../../server/store/postgres/postgres-store.js';
import { mapLimit } from './async.js';
import { ADMIN_USER, PASSWORD, type SeededAgent, type SeededChat } from './seed.js';

export interface SharedSeed {
  agents: SeededAgent[];
  chats: SeededChat[];
  spareAgents: SeededAgent[];
  adminToken: string;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export async function seedPostgres(databaseUrl: string, secretDir: string, spec: { agents: number; chatsPerAgent: number; spareAgents: number; spareChats: number }): Promise<SharedSeed> {
  const tokens = createTokenService(loadOrCreateSecret(secretDir));
  const passwordHash = await createPasswordHasher().hash(PASSWORD);
  const now = Date.now();
  const store = await createPostgresStore(databaseUrl);
  try {
    const account = async (username: string, name: string, role: 'agent' | 'admin', maxChats: number | null, status: 'online' | 'offline') => {
      await store.createAccount({ username, name, email: `${username}@bench.test`, role, passwordHash, status, maxChats, createdAt: now });
      const signed = await tokens.sign('staff', { sub: username, name, role });
      await store.createSession({ jti: signed.jti, username, createdAt: now, expiresAt: signed.exp });
      return { username, name, token: signed.token };
    };
    const w = Math.max(3, String(spec.agents).length);
    const agents = await mapLimit(Array.from({ length: spec.agents }, (_, i) => i), 8, (i) => account(`agent${pad(i, w)}`, `Agent ${pad(i, w)}`, 'agent', null, 'online'));
    const perSpare = Math.ceil(spec.spareChats / Math.max(1, spec.spareAgents));
    const spareAgents = await mapLimit(Array.from({ length: spec.spareAgents }, (_, i) => i), 8, (i) => account(`spare${pad(i, 3)}`, `Spare ${pad(i, 3)}`, 'agent', perSpare, 'online'));
    const admin = await account(ADMIN_USER, 'Bench Admin', 'admin', 0, 'offline');

    const chatCount = spec.agents * spec.chatsPerAgent;
    const rows = Array.from({ length: chatCount }, (_, i) => {
      const agent = agents[i % spec.agents]!;
      return { chatId: newId(), visitorName: `Visitor ${i}`, agent: agent.username, agentName: agent.name };
    });
    // Through the store's group commit: batched into few transactions.
    await Promise.all(rows.map((c, i) => store.applyChatChange({
      insertChat: {
        id: c.chatId, visitorName: c.visitorName, agentUsername: c.agent, agentName: c.agentName, status: 'active',
        startedAt: now - chatCount + i, endedAt: null, endedBy: null, lastSeq: 0, queueEntryId: newId(),
      },
    })));
    const chats = await mapLimit(rows, 256, async (c) => ({ ...c, userToken: (await tokens.sign('user', { name: c.visitorName, chatId: c.chatId })).token }));
    return { agents, chats, spareAgents, adminToken: admin.token };
  } finally {
    await store.close();
  }
}
