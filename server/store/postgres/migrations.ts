import type pg from 'pg';

/**
 * Schema versions for PostgreSQL, applied in order; `schema_version` records how far a database is.
 * The same tables, columns, constraints and indexes as the SQLite adapter's, in PostgreSQL types:
 * times are epoch milliseconds in `bigint`. Queue entries and chats are plain rows with primary
 * keys, so that several nodes can later claim them with `SELECT … FOR UPDATE SKIP LOCKED`
 * (`queue_entries_order` serves "the head of the queue").
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE accounts (
    username      text PRIMARY KEY,
    name          text NOT NULL,
    email         text,
    role          text NOT NULL CHECK (role IN ('agent','admin')),
    password_hash text NOT NULL,
    status        text NOT NULL DEFAULT 'offline' CHECK (status IN ('online','offline')),
    max_chats     integer,
    created_at    bigint NOT NULL
  );

  CREATE TABLE invites (
    token_hash  text PRIMARY KEY,
    username    text NOT NULL,
    name        text NOT NULL,
    email       text NOT NULL,
    invited_by  text NOT NULL,
    created_at  bigint NOT NULL,
    expires_at  bigint NOT NULL,
    used_at     bigint
  );
  CREATE INDEX invites_username ON invites(username);

  CREATE TABLE sessions (
    jti        text PRIMARY KEY,
    username   text NOT NULL REFERENCES accounts(username) ON DELETE CASCADE,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE INDEX sessions_username ON sessions(username);

  CREATE TABLE agent_messages (
    pos       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id        text NOT NULL UNIQUE,
    sender    text NOT NULL,
    recipient text NOT NULL,
    body      text NOT NULL,
    sent_at   bigint NOT NULL
  );
  CREATE INDEX agent_messages_sender ON agent_messages(sender, pos);
  CREATE INDEX agent_messages_recipient ON agent_messages(recipient, pos);
  `,
  `
  CREATE TABLE queue_entries (
    id        text PRIMARY KEY,
    name      text NOT NULL,
    joined_at bigint NOT NULL,
    front     boolean NOT NULL,
    position  bigint NOT NULL,
    chat_id   text
  );
  CREATE INDEX queue_entries_order ON queue_entries(front DESC, position);

  CREATE TABLE chats (
    id             text PRIMARY KEY,
    visitor_name   text NOT NULL,
    agent_username text,
    agent_name     text,
    status         text NOT NULL CHECK (status IN ('active','queued','ended')),
    started_at     bigint NOT NULL,
    ended_at       bigint,
    ended_by       text,
    last_seq       integer NOT NULL,
    queue_entry_id text NOT NULL UNIQUE
  );
  CREATE INDEX chats_live ON chats(status) WHERE status <> 'ended';

  CREATE TABLE messages (
    id            text PRIMARY KEY,
    chat_id       text NOT NULL REFERENCES chats(id),
    seq           integer NOT NULL,
    from_role     text NOT NULL,
    from_name     text NOT NULL,
    from_username text,
    to_role       text,
    to_name       text,
    to_username   text,
    body          text NOT NULL,
    sent_at       bigint NOT NULL,
    UNIQUE (chat_id, seq)
  );
  `,
  `
  ALTER TABLE messages ADD COLUMN client_msg_id text;
  CREATE UNIQUE INDEX messages_client_msg_id ON messages(chat_id, from_role, client_msg_id)
    WHERE client_msg_id IS NOT NULL;
  `,
  // Several nodes: the database decides routing (see server/store/postgres/chat-store.ts). Queue places come
  // from sequences, a visitor's last sign of life is on its entry, each node's live /agent
  // connections and heartbeat are rows, and chats.last_seq is kept exact (the locked row hands out numbers).
  `
  ALTER TABLE queue_entries ADD COLUMN last_seen_at bigint NOT NULL DEFAULT 0;
  CREATE SEQUENCE queue_front_seq;
  CREATE SEQUENCE queue_back_seq;
  SELECT setval('queue_front_seq', COALESCE((SELECT max(position) FROM queue_entries WHERE front), 0) + 1, false);
  SELECT setval('queue_back_seq', COALESCE((SELECT max(position) FROM queue_entries WHERE NOT front), 0) + 1, false);
  UPDATE chats c
    SET last_seq = GREATEST(c.last_seq, COALESCE((SELECT max(seq) FROM messages m WHERE m.chat_id = c.id), 0))
    WHERE c.status <> 'ended';
  CREATE INDEX chats_agent_active ON chats(agent_username) WHERE status = 'active';

  CREATE TABLE nodes (
    id         text PRIMARY KEY,
    started_at bigint NOT NULL,
    seen_at    bigint NOT NULL
  );
  CREATE TABLE presence (
    node_id   text NOT NULL,
    username  text NOT NULL,
    connected boolean NOT NULL,
    left_at   bigint,
    PRIMARY KEY (node_id, username)
  );
  CREATE INDEX presence_username ON presence(username);
  CREATE TABLE agent_routing (
    username         text PRIMARY KEY,
    last_assigned_at bigint NOT NULL
  );
  `,
  // Chats end on their own (--visitor-grace, --idle-close-after): the visitor's last sign of life
  // and the last message, per chat (0: not since the start).
  `
  ALTER TABLE chats ADD COLUMN visitor_seen_at bigint NOT NULL DEFAULT 0;
  ALTER TABLE chats ADD COLUMN last_activity_at bigint NOT NULL DEFAULT 0;
  `,
  // How far each account has read the agent messages it received (its read marker).
  `
  CREATE TABLE agent_message_reads (
    username text PRIMARY KEY REFERENCES accounts(username) ON DELETE CASCADE,
    pos      bigint NOT NULL
  );
  `,
];

/**
 * Brings the database up to date in one transaction. The transaction first takes an advisory lock,
 * so when several nodes start together one migrates and the others wait, then find nothing to do.
 */
export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('switchboard:migrations'))`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_version (
         one     boolean PRIMARY KEY DEFAULT true CHECK (one),
         version integer NOT NULL
       )`,
    );
    const row = (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
    const current = row?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `database schema version ${current} is newer than this Switchboard (${MIGRATIONS.length}); upgrade Switchboard`,
      );
    }
    for (let v = current; v < MIGRATIONS.length; v++) await client.query(MIGRATIONS[v]!);
    await client.query(
      'INSERT INTO schema_version (one, version) VALUES (true, $1) ' +
        'ON CONFLICT (one) DO UPDATE SET version = EXCLUDED.version',
      [MIGRATIONS.length],
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch((r: Error) => (failed = r));
    throw e;
  } finally {
    client.release(failed);
  }
}
