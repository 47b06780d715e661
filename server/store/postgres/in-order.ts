import type pg from 'pg';
import { inTransaction } from './transaction.js';

/**
 * Gives back results in the order the calls were made, whatever order the pool's connections finish
 * them in. The app relies on that, as it may with SQLite, whose reads settle in call order: two
 * messages sent in a burst with idempotency keys each look their key up first, and must then reserve
 * their numbers (and rate-limit tokens) in the order they arrived. The queries still run in parallel.
 */
export function inOrder() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: Promise<T>): Promise<T> => {
    work.catch(() => {}); // handled below, in turn; not an unhandled rejection meanwhile
    const settled = last.then(() => work);
    last = settled.catch(() => {});
    return settled;
  };
}

/** The pool's queries and transactions, settling in call order. */
export interface OrderedPool {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(query: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>>;
  transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>;
}

export function orderedPool(pool: pg.Pool): OrderedPool {
  const ordered = inOrder();
  return {
    query: <R extends pg.QueryResultRow>(query: string | pg.QueryConfig, values?: unknown[]) =>
      ordered(typeof query === 'string' ? pool.query<R>(query, values) : pool.query<R>(query)),
    transaction: (fn) => ordered(inTransaction(pool, fn)),
  };
}
