import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChatStore } from '../../server/app/ports/chat-store.js';
import type { Stores } from '../../server/app/ports/store.js';
import type { ChatRecord, MessageRecord } from '../../server/domain/records.js';
import { createPostgresStores } from '../../server/store/postgres/postgres-store.js';
import { createSqliteStores } from '../../server/store/sqlite/sqlite-store.js';
import { freshDatabase, postgresSkip, startTestPostgres, type TestPostgres } from '../helpers/postgres.js';

// The chat-store port, held to the same rules by both adapters: SQLite + memory (one node) and
// PostgreSQL (several nodes). The use cases rely on exactly these.

interface Adapter {
  name: string;
  skip?: string;
  /** A fresh store, and a way to open it again on the same data. */
  open(): Promise<{ stores: Stores; reopen(): Promise<Stores>; cleanup(): Promise<void> }>;
}

let pgServer: TestPostgres | undefined;
before(async () => {
  if (!postgresSkip) pgServer = await startTestPostgres();
});
after(() => pgServer?.stop());

const adapters: Adapter[] = [
  {
    name: 'SQLite + memory',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'switchboard-chat-store-'));
      const open = () => createSqliteStores(dir);
      return { stores: open(), reopen: async () => open(), cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    skip: postgresSkip,
    async open() {
      const db = await freshDatabase(pgServer!.url);
      const open = () => createPostgresStores(db.url, 20);
      return { stores: await open(), reopen: open, cleanup: () => db.drop() };
    },
  },
];

const T0 = 1_764_000_000_000;
const chat = (id: string, o: Partial<ChatRecord> = {}): ChatRecord => ({
  id,
  visitorName: `Visitor ${id}`,
  agentUsername: 'alice',
  agentName: 'Alice A',
  status: 'active',
  startedAt: T0,
  endedAt: null,
  endedBy: null,
  lastSeq: 0,
  queueEntryId: `q-${id}`,
  ...o,
});
const msg = (chatId: string, seq: number, clientMsgId: string | null = null): MessageRecord => ({
  id: `${chatId}-m${seq}-${clientMsgId ?? ''}`,
  chatId,
  seq,
  fromRole: 'visitor',
  fromName: 'Grace',
  fromUsername: null,
  toRole: null,
  toName: null,
  toUsername: null,
  body: `b${seq}`,
  sentAt: T0 + seq,
  clientMsgId,
});
const insert = (chats: ChatStore, c: ChatRecord) => chats.routing((tx) => tx.insertChat(c));

for (const adapter of adapters) {
  describe(adapter.name, { skip: adapter.skip }, () => {
    const withStore = async (
      fn: (chats: ChatStore, s: { reopen(): Promise<Stores>; stores: Stores }) => Promise<void>,
    ) => {
      const { stores, reopen, cleanup } = await adapter.open();
      let current = stores;
      try {
        await fn(stores.chats, {
          stores,
          reopen: async () => {
            await current.close();
            current = await reopen();
            return current;
          },
        });
      } finally {
        await current.close();
        await cleanup();
      }
    };

    test('queue: requeued chats first (in order), then fresh visitors (in order); places, leaving, abandonment', () =>
      withStore(async (chats) => {
        assert.equal(await chats.join({ id: 'b1', name: 'B1', joinedAt: T0 }), 0);
        assert.equal(await chats.join({ id: 'b2', name: 'B2', joinedAt: T0 + 1 }), 1);
        await insert(chats, chat('c1', { status: 'queued', agentUsername: null, agentName: null }));
        await chats.routing(async (tx) => {
          await tx.addFrontEntry({ id: 'c1', name: 'F1' }, T0 + 2);
          assert.deepEqual(await tx.entry('c1').then((e) => e?.ahead), 0);
          assert.deepEqual((await tx.head())?.id, 'c1');
        });
        assert.deepEqual([await chats.aheadOf('b1'), await chats.aheadOf('b2'), await chats.countWaiting()], [1, 2, 3]);
        assert.equal(await chats.removeFreshEntry('c1'), false, 'a requeued chat is not a fresh visitor');
        assert.equal(await chats.removeFreshEntry('b1'), true);
        assert.equal(await chats.removeFreshEntry('b1'), false);
        assert.equal(await chats.poll('b2', T0 + 10_000), 1);
        assert.equal(await chats.poll('gone', T0), undefined);
        assert.equal(await chats.dropAbandoned(T0 + 5_000), 0, 'b2 was seen after');
        assert.equal(await chats.dropAbandoned(T0 + 20_000), 1);
        assert.deepEqual([await chats.aheadOf('b2'), await chats.aheadOf('c1')], [undefined, 0]);
      }));

    test('a transaction that throws writes nothing', () =>
      withStore(async (chats) => {
        await chats.join({ id: 'e1', name: 'E1', joinedAt: T0 });
        await assert.rejects(
          chats.routing(async (tx) => {
            await tx.removeEntry('e1');
            await tx.insertChat(chat('c1'));
            throw new Error('changed my mind');
          }),
          /changed my mind/,
        );
        assert.equal(await chats.getChat('c1'), undefined);
        assert.equal(await chats.openChatsOf('alice'), 0);
        assert.equal(await chats.aheadOf('e1'), 0, 'the entry is still there');
      }));

    const concurrentWriters =
      'concurrent writers each take the next message number under the chat lock; keys are unique per chat and side';
    test(concurrentWriters, () =>
      withStore(async (chats) => {
        await insert(chats, chat('c1'));
        await Promise.all(
          Array.from({ length: 20 }, () =>
            chats.chat(async (tx) => {
              const c = await tx.lockChat('c1');
              await tx.addMessages([msg('c1', c!.lastSeq + 1)]);
            }),
          ),
        );
        assert.deepEqual(
          (await chats.getTranscript('c1')).map((m) => m.seq),
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
        assert.deepEqual(
          (await chats.getTranscript('c1', 18)).map((m) => m.seq),
          [19, 20],
        );
        await chats.chat((tx) => tx.addMessages([msg('c1', 21, 'key')]));
        await assert.rejects(chats.chat((tx) => tx.addMessages([msg('c1', 22, 'key')])));
        assert.equal((await chats.findMessageByClientId('c1', 'visitor', 'key'))?.seq, 21);
        assert.equal(await chats.findMessageByClientId('c1', 'agent', 'key'), undefined);
        assert.equal((await chats.chat((tx) => tx.lockChat('c1')))?.lastSeq, 21, 'the failed write took no number');
      }),
    );

    test('open chats, their message numbers and the queue survive closing and opening again', () =>
      withStore(async (chats, s) => {
        await insert(chats, chat('c1', { startedAt: T0 + 1 }));
        await insert(chats, chat('c0'));
        await chats.chat((tx) => tx.addMessages([msg('c1', 1), msg('c1', 2)]));
        await chats.join({ id: 'b1', name: 'B1', joinedAt: T0 });
        await chats.routing((tx) => tx.updateChat({ id: 'c0', status: 'ended', endedAt: T0 + 5, endedBy: 'agent' }));
        const again = (await s.reopen()).chats;
        assert.deepEqual(
          (await again.chatsOf('alice')).map((c) => [c.id, c.lastSeq]),
          [['c1', 2]],
        );
        assert.equal((await again.getChat('c0'))?.endedBy, 'agent');
        assert.equal((await again.findChatByQueueEntry('q-c1'))?.id, 'c1');
        assert.equal(await again.aheadOf('b1'), 0);
        assert.equal((await again.chat((tx) => tx.lockChat('c1')))?.lastSeq, 2);
      }));

    const stale =
      'stale chats: a visitor gone since the deadline (any open chat); an active chat idle since the deadline';
    test(stale, () =>
      withStore(async (chats) => {
        await insert(chats, chat('active'));
        await insert(chats, chat('queued', { status: 'queued', agentUsername: null, agentName: null }));
        const limits = (gone: number, idle?: number) => ({ visitorGoneBefore: gone, idleBefore: idle });
        assert.deepEqual(await chats.staleChats(limits(T0, T0)), [], 'both started at T0');
        await chats.touchVisitors(['active'], T0 + 100);
        assert.deepEqual(await chats.staleChats(limits(T0 + 50)), [{ id: 'queued', reason: 'visitor-gone' }]);
        await chats.chat(async (tx) => {
          const c = await tx.lockChat('active');
          await tx.addMessages([{ ...msg('active', c!.lastSeq + 1), sentAt: T0 + 500 }]);
        });
        assert.deepEqual(await chats.staleChats(limits(T0, T0 + 400)), [], 'a message at T0+500 keeps it');
        assert.deepEqual(await chats.staleChats(limits(T0, T0 + 600)), [{ id: 'active', reason: 'idle' }]);
        assert.equal(await chats.routing((tx) => tx.staleness('active', limits(T0, T0 + 600))), 'idle');
        assert.equal(await chats.routing((tx) => tx.staleness('queued', limits(T0, T0 + 600))), undefined);
        const end = { id: 'active', status: 'ended' as const, endedAt: T0 + 700, endedBy: 'system' as const };
        await chats.routing((tx) => tx.updateChat(end));
        assert.deepEqual(await chats.staleChats(limits(T0, T0 + 600)), [], 'ended chats are never stale');
      }),
    );

    const presence =
      'presence: connected agents are routable; an agent is away once gone since the grace deadline, ' +
      'never before the node started';
    test(presence, () =>
      withStore(async (chats, s) => {
        const live = T0 - 5_000;
        await s.stores.store.createAccount({
          username: 'alice',
          name: 'Alice A',
          email: null,
          role: 'agent',
          passwordHash: 'x',
          status: 'online',
          maxChats: 3,
          createdAt: T0,
        });
        await chats.heartbeat('node-1', T0, T0);
        await insert(chats, chat('c1'));
        assert.equal(await chats.isConnected('alice', live), false);
        assert.deepEqual(await chats.agentsAway(live, T0 - 1), [], 'the node started at T0');
        assert.deepEqual(await chats.agentsAway(live, T0), ['alice']);
        await chats.setPresence('node-1', 'alice', true, T0 + 10);
        assert.equal(await chats.isConnected('alice', live), true);
        assert.equal(await chats.countRoutable(live), 1);
        const routable = await chats.routing((tx) => tx.routable(live));
        assert.deepEqual(
          routable.map((a) => [a.username, a.openChats, a.maxChats]),
          [['alice', 1, 3]],
        );
        assert.deepEqual(
          (await chats.routableAgents(live)).map((a) => [a.username, a.openChats, a.maxChats]),
          [['alice', 1, 3]],
          'the same without the routing lock (the wait estimate)',
        );
        assert.deepEqual(await chats.agentsAway(live, T0 + 100), []);
        await chats.setPresence('node-1', 'alice', false, T0 + 100);
        assert.deepEqual(await chats.agentsAway(live, T0 + 99), []);
        assert.deepEqual(await chats.agentsAway(live, T0 + 100), ['alice']);
        assert.equal(await chats.routing((tx) => tx.isAway('alice', live, T0 + 100)), true);
        assert.equal(await chats.countLiveNodes(live), 1);
      }),
    );
  });
}
