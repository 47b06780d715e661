import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { ChatChange } from '../port.js';
import { chatWriter } from './chat-writes.js';
import type { SqliteSync } from './open.js';

type Pending = { change: ChatChange; resolve: () => void; reject: (e: unknown) => void };

export interface GroupCommit {
  /** Resolves once the change is committed. */
  apply(change: ChatChange): Promise<void>;
  /** Commits everything asked for so far, then stops. */
  close(): Promise<void>;
}

/**
 * Group commit: changes asked for in the same turn of the event loop share one transaction (one
 * fsync), in the order they were asked for; each caller's promise settles after the commit. With
 * `thread`, the transactions run on a writer thread so fsync never blocks the event loop.
 */
export function groupCommit(o: { db: Database.Database; file: string; sync: SqliteSync; thread: boolean }): GroupCommit {
  let pending: Pending[] = [];
  const settle = (batch: Pending[], results: (string | null)[]) =>
    batch.forEach((b, i) => (results[i] === null ? b.resolve() : b.reject(new Error(results[i]!))));

  let send: (batch: Pending[]) => void;
  let stop: () => Promise<void>;
  if (o.thread) {
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const url = new URL(`./writer-thread${ext}`, import.meta.url);
    // From source (tests run TypeScript through tsx) the thread registers tsx before loading it.
    const worker =
      ext === '.ts'
        ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData: { file: o.file, sync: o.sync } })
        : new Worker(url, { workerData: { file: o.file, sync: o.sync } });
    const inFlight = new Map<number, Pending[]>();
    let nextId = 0;
    let failed: Error | undefined;
    worker.on('message', (msg: { id: number; results: (string | null)[] } | 'closed') => {
      if (msg === 'closed') return;
      const batch = inFlight.get(msg.id)!;
      inFlight.delete(msg.id);
      settle(batch, msg.results);
    });
    worker.on('error', (e) => {
      failed = e;
      for (const batch of inFlight.values()) for (const b of batch) b.reject(e);
      inFlight.clear();
    });
    send = (batch) => {
      if (failed) return batch.forEach((b) => b.reject(failed));
      const id = nextId++;
      inFlight.set(id, batch);
      worker.postMessage({ id, changes: batch.map((b) => b.change) });
    };
    stop = async () => {
      if (failed) return;
      const closed = new Promise<void>((resolve) => worker.on('message', (m) => m === 'closed' && resolve()));
      worker.postMessage('close'); // after every batch already posted: the thread handles them in order
      await closed;
      await worker.terminate();
    };
  } else {
    const write = chatWriter(o.db);
    send = (batch) => settle(batch, write(batch.map((b) => b.change)));
    stop = async () => {};
  }

  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    send(batch);
  };

  return {
    apply(change) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ change, resolve, reject });
        if (pending.length === 1) setImmediate(flush);
      });
    },
    async close() {
      flush();
      await stop();
    },
  };
}
