import type pg from 'pg';

/** Runs `fn` inside BEGIN … COMMIT on one pooled client; rolls back and rethrows on failure. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch((r: Error) => (broken = r));
    throw e;
  } finally {
    // A client whose connection failed is destroyed rather than returned to the pool.
    client.release(broken);
  }
}
