import type Database from 'better-sqlite3';

export type Row = Record<string, unknown>;

/**
 * An INSERT into `table` for the columns the server's schema has (read with PRAGMA table_info), so
 * the bench follows the server's migrations; a required column the bench does not know is an error
 * that names the table and the column.
 */
export function inserter(db: Database.Database, table: string, known: string[], owner = 'bench/'): (row: Row) => void {
  const cols = db.prepare(`PRAGMA table_info(${table})`).all() as {
    name: string;
    notnull: number;
    dflt_value: unknown;
    pk: number;
  }[];
  if (cols.length === 0) throw new Error(`the server's schema has no table "${table}"; update ${owner}`);
  const use = cols.filter((c) => known.includes(c.name));
  const missing = cols.filter((c) => !known.includes(c.name) && c.notnull && c.dflt_value === null);
  if (missing.length)
    throw new Error(
      `table ${table} has required columns the bench does not fill: ` +
        `${missing.map((c) => c.name).join(', ')}; update ${owner}`,
    );
  const stmt = db.prepare(
    `INSERT INTO ${table} (${use.map((c) => c.name).join(', ')}) VALUES (${use.map((c) => `@${c.name}`).join(', ')})`,
  );
  return (row: Row) => void stmt.run(Object.fromEntries(use.map((c) => [c.name, row[c.name] ?? null])));
}
