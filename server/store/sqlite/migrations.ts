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
  `
  CREATE TABLE queue_entries (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    front     INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    chat_id   TEXT
  ) STRICT;
  CREATE INDEX queue_entries_order ON queue_entries(front DESC, position);

  CREATE TABLE chats (
    id             TEXT PRIMARY KEY,
    visitor_name   TEXT NOT NULL,
    agent_username TEXT,
    agent_name     TEXT,
    status         TEXT NOT NULL CHECK (status IN ('active','queued','ended')),
    started_at     INTEGER NOT NULL,
    ended_at       INTEGER,
    ended_by       TEXT,
    last_seq       INTEGER NOT NULL,
    queue_entry_id TEXT NOT NULL UNIQUE
  ) STRICT;
  CREATE INDEX chats_live ON chats(status) WHERE status <> 'ended';

  CREATE TABLE messages (
    id            TEXT PRIMARY KEY,
    chat_id       TEXT NOT NULL REFERENCES chats(id),
    seq           INTEGER NOT NULL,
    from_role     TEXT NOT NULL,
    from_name     TEXT NOT NULL,
    from_username TEXT,
    to_role       TEXT,
    to_name       TEXT,
    to_username   TEXT,
    body          TEXT NOT NULL,
    sent_at       INTEGER NOT NULL,
    UNIQUE (chat_id, seq)
  ) STRICT;
  `,
  `
  ALTER TABLE messages ADD COLUMN client_msg_id TEXT;
  CREATE UNIQUE INDEX messages_client_msg_id ON messages(chat_id, from_role, client_msg_id)
    WHERE client_msg_id IS NOT NULL;
  `,
  // How far each account has read the agent messages it received (its read marker).
  `
  CREATE TABLE agent_message_reads (
    username TEXT PRIMARY KEY REFERENCES accounts(username) ON DELETE CASCADE,
    pos      INTEGER NOT NULL
  ) STRICT;
  `,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${current} is newer than this Switchboard (${MIGRATIONS.length}); upgrade Switchboard`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
