import type Database from 'better-sqlite3';

/** Schema versions, applied in order; `PRAGMA user_version` records how far a database is. */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE accounts (
    username      TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    email         TEXT,
    role          TEXT NOT NULL CHECK (role IN ('agent','admin')),
    password_hash TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'offline' CHECK (status IN ('online','offline')),
    max_chats     INTEGER,
    created_at    INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE invites (
    token_hash  TEXT PRIMARY KEY,
    username    TEXT NOT NULL,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    invited_by  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
  ) STRICT;
  CREATE INDEX invites_username ON invites(username);

  CREATE TABLE sessions (
    jti        TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sessions_username ON sessions(username);

  CREATE TABLE agent_messages (
    pos       INTEGER PRIMARY KEY AUTOINCREMENT,
    id        TEXT NOT NULL UNIQUE,
    sender    TEXT NOT NULL,
    recipient TEXT NOT NULL,
    body      TEXT NOT NULL,
    sent_at   INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX agent_messages_sender ON agent_messages(sender, pos);
  CREATE INDEX agent_messages_recipient ON agent_messages(recipient, pos);
  `,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this Switchboard (${MIGRATIONS.length}); upgrade Switchboard`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
