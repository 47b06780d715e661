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
  // Contract v2: what a visitor told about itself when it joined (keyed by its queue entry, which its
  // chat keeps; never its address), and ratings of ended chats.
  `
  CREATE TABLE visitor_contexts (
    entry_id   TEXT PRIMARY KEY,
    visitor_id TEXT NOT NULL,
    email      TEXT,
    page       TEXT,
    attributes TEXT,
    user_agent TEXT,
    locale     TEXT,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX visitor_contexts_visitor ON visitor_contexts(visitor_id);
  CREATE TABLE chat_ratings (
    chat_id  TEXT PRIMARY KEY REFERENCES chats(id) ON DELETE CASCADE,
    score    INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment  TEXT,
    rated_at INTEGER NOT NULL
  ) STRICT;
  `,
  // Leave a message: offline messages and their e-mailed replies; ended chats by end time (wait estimate).
  `
  CREATE TABLE offline_messages (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    email      TEXT NOT NULL,
    body       TEXT NOT NULL,
    page       TEXT,
    locale     TEXT,
    created_at INTEGER NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('open','answered','closed'))
  ) STRICT;
  CREATE INDEX offline_messages_status ON offline_messages(status, created_at);
  CREATE INDEX offline_messages_created ON offline_messages(created_at);
  CREATE TABLE offline_message_replies (
    message_id  TEXT NOT NULL REFERENCES offline_messages(id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    by_username TEXT NOT NULL,
    by_name     TEXT NOT NULL,
    sent_at     INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX offline_message_replies_message ON offline_message_replies(message_id);
  CREATE INDEX chats_ended ON chats(ended_at) WHERE ended_at IS NOT NULL;
  `,
  // Contract v2: canned responses (owner '' for team ones, so one index covers both scopes).
  `
  CREATE TABLE canned (
    id         TEXT PRIMARY KEY,
    shortcut   TEXT NOT NULL,
    body       TEXT NOT NULL,
    scope      TEXT NOT NULL CHECK (scope IN ('team','personal')),
    owner      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX canned_shortcut ON canned(scope, owner, shortcut);
  `,
  // Contract v2: internal notes (staff-only messages) and who let a chat wait (never reassigned back to them).
  `
  ALTER TABLE messages ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE chat_passed_over (
    chat_id  TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    username TEXT NOT NULL,
    at       INTEGER NOT NULL,
    PRIMARY KEY (chat_id, username)
  ) STRICT;
  `,
  // Contract v2, history and search: when a chat ends it gets the next number of the end order (end_seq)
  // and one document in the FTS5 table chats_search (contentless: the index only, no copy of the text):
  // the visitor's name and every message (notes too). Kept in step by triggers; filled from what is there.
  `
  ALTER TABLE chats ADD COLUMN end_seq INTEGER;
  WITH o AS (SELECT id, row_number() OVER (ORDER BY ended_at, id) AS n FROM chats WHERE status = 'ended')
    UPDATE chats SET end_seq = o.n FROM o WHERE o.id = chats.id;
  CREATE UNIQUE INDEX chats_end_seq ON chats(end_seq) WHERE end_seq IS NOT NULL;
  CREATE VIRTUAL TABLE chats_search USING fts5(text, content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2');
  INSERT INTO chats_search (rowid, text)
    SELECT c.end_seq, c.visitor_name || char(10) || coalesce((SELECT group_concat(m.body, char(10)) FROM messages m WHERE m.chat_id = c.id), '')
    FROM chats c WHERE c.end_seq IS NOT NULL;
  CREATE TRIGGER chats_search_ended AFTER UPDATE OF status ON chats
    WHEN new.status = 'ended' AND new.end_seq IS NULL BEGIN
    UPDATE chats SET end_seq = (SELECT coalesce(max(end_seq), 0) + 1 FROM chats) WHERE id = new.id;
    INSERT INTO chats_search (rowid, text)
      SELECT c.end_seq, c.visitor_name || char(10) || coalesce((SELECT group_concat(m.body, char(10)) FROM messages m WHERE m.chat_id = c.id), '')
      FROM chats c WHERE c.id = new.id;
  END;
  CREATE TRIGGER chats_search_inserted AFTER INSERT ON chats WHEN new.status = 'ended' AND new.end_seq IS NULL BEGIN
    UPDATE chats SET end_seq = (SELECT coalesce(max(end_seq), 0) + 1 FROM chats) WHERE id = new.id;
    INSERT INTO chats_search (rowid, text)
      SELECT c.end_seq, c.visitor_name || char(10) || coalesce((SELECT group_concat(m.body, char(10)) FROM messages m WHERE m.chat_id = c.id), '')
      FROM chats c WHERE c.id = new.id;
  END;
  CREATE TRIGGER chats_search_late_message AFTER INSERT ON messages
    WHEN (SELECT end_seq FROM chats WHERE id = new.chat_id) IS NOT NULL BEGIN
    DELETE FROM chats_search WHERE rowid = (SELECT end_seq FROM chats WHERE id = new.chat_id);
    INSERT INTO chats_search (rowid, text)
      SELECT c.end_seq, c.visitor_name || char(10) || coalesce((SELECT group_concat(m.body, char(10)) FROM messages m WHERE m.chat_id = c.id), '')
      FROM chats c WHERE c.id = new.chat_id;
  END;
  CREATE INDEX messages_from_username ON messages(from_username) WHERE from_username IS NOT NULL;
  CREATE INDEX messages_to_username ON messages(to_username) WHERE to_username IS NOT NULL;
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
