import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

/** What the process creates is its user's only (0700 folders, 0600 files): set once at start. */
export const PRIVATE_UMASK = 0o077;

/** The files of the data dir that hold secrets or personal data, besides the outbox folder. */
const PRIVATE_FILES = [
  'switchboard.db',
  'switchboard.db-wal',
  'switchboard.db-shm',
  'switchboard.db-journal',
  'jwt-secret',
];
const OUTBOX = 'outbox';

export interface ModeFix {
  /** Relative to the data dir (`.` is the data dir itself). */
  path: string;
  was: string;
  now: string;
}

export interface DataDirCheck {
  fixed: ModeFix[];
  /** Paths whose mode could not be changed (not ours, read-only file system), with the reason. */
  failed: { path: string; error: string }[];
}

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, '0');

/**
 * Creates the data dir (0700) if it is missing, and takes group and other permissions away from
 * the data dir, the database with its WAL/SHM/journal, the JWT secret and the mail outbox, where
 * an older version or another umask left them readable. Only these known names are touched, never
 * anything else that happens to live in the folder; symbolic links inside it are left alone. With
 * `log`, one line says what was fixed (and one what could not be).
 */
export function secureDataDir(dataDir: string, log?: Logger): DataDirCheck {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const result: DataDirCheck = { fixed: [], failed: [] };
  const tighten = (rel: string, stats: Stats, mode: number) => {
    if ((stats.mode & 0o077) === 0) return;
    try {
      chmodSync(join(dataDir, rel), mode);
      result.fixed.push({ path: rel, was: octal(stats.mode), now: octal(mode) });
    } catch (e) {
      result.failed.push({ path: rel, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
  };
  const entry = (rel: string) => {
    try {
      return lstatSync(join(dataDir, rel));
    } catch {
      return undefined;
    }
  };
  tighten('.', statSync(dataDir), 0o700);
  for (const name of PRIVATE_FILES) {
    const s = entry(name);
    if (s?.isFile()) tighten(name, s, 0o600);
  }
  const outbox = entry(OUTBOX);
  if (outbox?.isDirectory()) {
    tighten(OUTBOX, outbox, 0o700);
    for (const name of readdirSync(join(dataDir, OUTBOX))) {
      const rel = join(OUTBOX, name);
      const s = entry(rel);
      if (s?.isFile()) tighten(rel, s, 0o600);
    }
  }
  if (result.fixed.length) log?.warn({ dataDir, ...describeFixes(result.fixed) }, 'file modes tightened');
  if (result.failed.length) log?.warn({ dataDir, failed: result.failed }, 'file modes could not be tightened');
  return result;
}

/** The log line's fields: at most `max` paths named, the rest counted. */
export function describeFixes(fixes: ModeFix[], max = 20): { fixed: string[]; more?: number } {
  const fixed = fixes.slice(0, max).map((f) => `${f.path} ${f.was}→${f.now}`);
  return fixes.length > max ? { fixed, more: fixes.length - max } : { fixed };
}
