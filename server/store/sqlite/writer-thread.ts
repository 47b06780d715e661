import { parentPort, workerData } from 'node:worker_threads';
import { chatWriter } from './chat-writes.js';
import { openDatabase, type SqliteSync } from './open.js';

/**
 * The SQLite writer thread: commits batches of chat transactions (and waits for their fsync) off the
 * server's event loop. Messages: `{id, units}` in, `{id, results}` out.
 */
const { file, sync } = workerData as { file: string; sync: SqliteSync };
const db = openDatabase(file, sync);
const write = chatWriter(db);
parentPort!.on('message', (msg: { id: number; units: Parameters<typeof write>[0] } | 'close') => {
  if (msg === 'close') {
    db.close();
    parentPort!.postMessage('closed');
    return;
  }
  parentPort!.postMessage({ id: msg.id, results: write(msg.units) });
});
