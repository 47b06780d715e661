import type pg from 'pg';
import type { ChatChange } from '../port.js';
import { writeBatch } from './chat-writes.js';

type Pending = { change: ChatChange; resolve: () => void; reject: (e: unknown) => void };

export interface GroupCommit {
  /** Resolves once the change is committed. */
  apply(change: ChatChange): Promise<void>;
  /** Commits everything asked for so far, then gives the connection back. */
  close(): Promise<void>;
}

/**
 * Group commit on PostgreSQL: one dedicated connection runs the chat writes, one transaction at a
 * time, in the order they were asked for. Changes asked for in the same turn of the event loop share
 * a transaction; changes asked for while a transaction is in flight share the next one. Each
 * caller's promise settles after its commit.
 */
export function groupCommit(pool: pg.Pool): GroupCommit {
  let pending: Pending[] = [];
  let client: pg.PoolClient | undefined;
  let brokenClient: Error | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const connection = async () => {
    if (!client) {
      client = await pool.connect();
      brokenClient = undefined;
      const mine = client;
      // A connection that dies between batches is replaced before the next one.
      mine.on('error', (e) => {
        if (client === mine) brokenClient = e;
      });
    }
    return client;
  };
  const dropConnection = (e: Error) => {
    client?.release(e); // destroyed, not returned to the pool
    client = undefined;
  };

  const runBatch = async (batch: Pending[]) => {
    let c: pg.PoolClient;
    try {
      c = await connection();
      if (brokenClient) {
        dropConnection(brokenClient);
        c = await connection();
      }
    } catch (e) {
      return batch.forEach((b) => b.reject(e));
    }
    const { results, broken } = await writeBatch(c, batch.map((b) => b.change));
    if (broken) dropConnection(broken);
    batch.forEach((b, i) => (results[i] === null ? b.resolve() : b.reject(new Error(results[i]!))));
  };

  // One batch at a time: whatever piled up meanwhile becomes the next batch.
  const drain = async () => {
    while (pending.length) {
      const batch = pending;
      pending = [];
      await runBatch(batch);
    }
    running = undefined;
  };
  const flush = () => {
    // With something pending, drain() awaits before it clears `running`, so this assignment comes first.
    if (!running && pending.length) running = drain();
  };

  return {
    apply(change) {
      if (closed) return Promise.reject(new Error('the store is closed'));
      return new Promise<void>((resolve, reject) => {
        pending.push({ change, resolve, reject });
        if (pending.length === 1 && !running) setImmediate(flush);
      });
    },
    async close() {
      closed = true;
      flush();
      await running;
      client?.release();
      client = undefined;
    },
  };
}
