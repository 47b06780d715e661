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
  // Contract v2: what a visitor told about itself when it joined (keyed by its queue entry, which its
  // chat keeps; never its address), and ratings of ended chats.
  `
  CREATE TABLE visitor_contexts (
    entry_id   text PRIMARY KEY,
    visitor_id text NOT NULL,
    email      text,
    page       jsonb,
    attributes jsonb,
    user_agent text,
    locale     text,
    created_at bigint NOT NULL
  );
  CREATE INDEX visitor_contexts_visitor ON visitor_contexts(visitor_id);
  CREATE TABLE chat_ratings (
    chat_id  text PRIMARY KEY REFERENCES chats(id) ON DELETE CASCADE,
    score    integer NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment  text,
    rated_at bigint NOT NULL
  );
  `,
  // Leave a message: offline messages and their e-mailed replies; ended chats by end time (wait estimate).
  `
  CREATE TABLE offline_messages (
    pos        bigserial UNIQUE,
    id         text PRIMARY KEY,
    name       text NOT NULL,
    email      text NOT NULL,
    body       text NOT NULL,
    page       text,
    locale     text,
    created_at bigint NOT NULL,
    status     text NOT NULL CHECK (status IN ('open','answered','closed'))
  );
  CREATE INDEX offline_messages_status ON offline_messages(status, created_at);
  CREATE INDEX offline_messages_created ON offline_messages(created_at);
  CREATE TABLE offline_message_replies (
    id          bigserial PRIMARY KEY,
    message_id  text NOT NULL REFERENCES offline_messages(id) ON DELETE CASCADE,
    body        text NOT NULL,
    by_username text NOT NULL,
    by_name     text NOT NULL,
    sent_at     bigint NOT NULL
  );
  CREATE INDEX offline_message_replies_message ON offline_message_replies(message_id);
  CREATE INDEX chats_ended ON chats(ended_at) WHERE ended_at IS NOT NULL;
  `,
  // Contract v2: canned responses (owner '' for team ones, so one index covers both scopes).
  `
  CREATE TABLE canned (
    id         text PRIMARY KEY,
    shortcut   text NOT NULL,
    body       text NOT NULL,
    scope      text NOT NULL CHECK (scope IN ('team','personal')),
    owner      text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
  );
  CREATE UNIQUE INDEX canned_shortcut ON canned(scope, owner, shortcut);
  `,
  // Contract v2: internal notes (staff-only messages) and who let a chat wait (never reassigned back to them).
  `
  ALTER TABLE messages ADD COLUMN internal boolean NOT NULL DEFAULT false;
  CREATE TABLE chat_passed_over (
    chat_id  text NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    username text NOT NULL,
    at       bigint NOT NULL,
    PRIMARY KEY (chat_id, username)
  );
  `,
  // Contract v2, history and search: when a chat ends it gets the next number of the end order (end_seq)
  // and its search document (tsvector, GIN index): the visitor's name and every message (notes too),
  // the text folded first as SQLite's unicode61 remove_diacritics 2 folds it (Latin accents; ASCII
  // punctuation separates words), so both stores answer the same. Kept in step by triggers.
  `
  CREATE FUNCTION switchboard_search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(translate(t,
      'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜ' ||
      'ĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽ' ||
      'žſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰ' ||
      'ȱȲȳ!"#$%&()*+,-./:;<=>?@[]^_{|}~''\`\\',
      'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeeg' ||
      'ggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzz' ||
      'zsoouuaaiioouuuuuuuuuuaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooo' ||
      'oyy                                ')) $$;
  CREATE FUNCTION switchboard_chat_document(chat text) RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('simple'::regconfig, switchboard_search_text(c.visitor_name || E'\\n' || coalesce(
      (SELECT string_agg(m.body, E'\\n' ORDER BY m.seq) FROM messages m WHERE m.chat_id = c.id), '')))
    FROM chats c WHERE c.id = chat $$;
  ALTER TABLE chats ADD COLUMN end_seq bigint;
  ALTER TABLE chats ADD COLUMN search tsvector;
  CREATE SEQUENCE chats_end_seq;
  UPDATE chats c SET end_seq = o.n
    FROM (SELECT id, row_number() OVER (ORDER BY ended_at, id) AS n FROM chats WHERE status = 'ended') o
    WHERE o.id = c.id;
  SELECT setval('chats_end_seq', COALESCE((SELECT max(end_seq) FROM chats), 0) + 1, false);
  UPDATE chats SET search = switchboard_chat_document(id) WHERE end_seq IS NOT NULL;
  CREATE UNIQUE INDEX chats_end_seq_order ON chats(end_seq) WHERE end_seq IS NOT NULL;
  CREATE INDEX chats_search ON chats USING gin (search) WHERE search IS NOT NULL;
  CREATE FUNCTION switchboard_chat_ended() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE chats SET end_seq = nextval('chats_end_seq'), search = switchboard_chat_document(NEW.id)
        WHERE id = NEW.id;
      RETURN NULL;
    END $$;
  CREATE TRIGGER chats_ended AFTER INSERT OR UPDATE OF status ON chats FOR EACH ROW
    WHEN (NEW.status = 'ended' AND NEW.end_seq IS NULL) EXECUTE FUNCTION switchboard_chat_ended();
  CREATE FUNCTION switchboard_late_message() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE chats SET search = switchboard_chat_document(id) WHERE id = NEW.chat_id AND end_seq IS NOT NULL;
      RETURN NULL;
    END $$;
  CREATE TRIGGER messages_late AFTER INSERT ON messages FOR EACH ROW EXECUTE FUNCTION switchboard_late_message();
  CREATE INDEX messages_from_username ON messages(from_username) WHERE from_username IS NOT NULL;
  CREATE INDEX messages_to_username ON messages(to_username) WHERE to_username IS NOT NULL;
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
