import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { ChatOp } from '../memory/chat-log.js';
import { chatWriter } from './chat-writes.js';
import type { SqliteSync } from './open.js';

type Pending = { ops: ChatOp[]; resolve: () => void; reject: (e: unknown) => void };

export interface GroupCommit {
  /** Resolves once the writes are committed (together, after every write asked for before). */
  apply(ops: ChatOp[]): Promise<void>;
  /** True when nothing waits to be committed or is being committed. */
  idle(): boolean;
  /** Resolves when nothing is left to commit. */
  settled(): Promise<void>;
  /** Commits everything asked for so far, then stops. */
  close(): Promise<void>;
}

/**
 * Group commit: the transactions asked for in the same turn of the event loop share one SQLite
 * transaction (one fsync), in the order they were asked for; each caller's promise settles after
 * the commit. With `thread`, they run on a writer thread so fsync never blocks the event loop.
 */
export function groupCommit(o: {
  db: Database.Database;
  file: string;
  sync: SqliteSync;
  thread: boolean;
}): GroupCommit {
  let pending: Pending[] = [];
  let outstanding = 0;
  let waiters: (() => void)[] = [];
  const done = (n: number) => {
    outstanding -= n;
    if (outstanding > 0) return;
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  };
  const settle = (batch: Pending[], results: (string | null)[]) => {
    for (const [i, b] of batch.entries()) {
      if (results[i] === null) b.resolve();
      else b.reject(new Error(results[i]!));
    }
    done(batch.length);
  };
  const fail = (batch: Pending[], e: unknown) => {
    for (const b of batch) b.reject(e);
    done(batch.length);
  };

  let send: (batch: Pending[]) => void;
  let stop: () => Promise<void>;
  if (o.thread) {
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const url = new URL(`./writer-thread${ext}`, import.meta.url);
    const workerData = { file: o.file, sync: o.sync };
    // From source (tests run TypeScript through tsx) the thread registers tsx before loading it.
    const load = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
    const worker = ext === '.ts' ? new Worker(load, { eval: true, workerData }) : new Worker(url, { workerData });
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
      for (const batch of inFlight.values()) fail(batch, e);
      inFlight.clear();
    });
    send = (batch) => {
      if (failed) return fail(batch, failed);
      const id = nextId++;
      inFlight.set(id, batch);
      worker.postMessage({ id, units: batch.map((b) => b.ops) });
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
    send = (batch) => settle(batch, write(batch.map((b) => b.ops)));
    stop = async () => {};
  }

  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    send(batch);
  };

  return {
    apply(ops) {
      return new Promise<void>((resolve, reject) => {
        outstanding++;
        pending.push({ ops, resolve, reject });
        if (pending.length === 1) setImmediate(flush);
      });
    },
    idle: () => outstanding === 0,
    settled: () => (outstanding === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    async close() {
      flush();
      await stop();
    },
  };
}
