import pg from 'pg';
import { migrate } from './migrations.js';

/** bigint (int8) and COUNT(*) come back as numbers: epoch-ms times, positions and ids stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Opens a pool on the database at `url` and brings its schema up to date. */
export async function openPool(url: string, max = 10): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, types, max, application_name: 'switchboard' });
  // An idle client that loses its connection is dropped by the pool; without a listener it would crash the process.
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (e) {
    await pool.end();
    // Named without the user name and password of the URL; no error code, so the CLI prints the message.
    const { host, port, pathname } = new URL(url);
    throw new Error(`PostgreSQL at ${host || 'localhost'}${port ? '' : ':5432'}${pathname}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  return pool;
}
