/**
 * SQL fragments of the shared (several-node) chat store. `$live`: heartbeats older than this mean a
 * dead node. Times are epoch milliseconds.
 */

/** Entries ahead of the entry `me` (front segment first, each in position order). */
export const AHEAD = `CASE WHEN me.front
    THEN (SELECT count(*) FROM queue_entries q WHERE q.front AND q.position < me.position)
    ELSE (SELECT count(*) FROM queue_entries q WHERE q.front)
      + (SELECT count(*) FROM queue_entries q WHERE NOT q.front AND q.position < me.position)
  END`;

/** The account `who` has an /agent connection on a node alive after $live (the parameter number). */
export const connected = (who: string, live: string) =>
  `EXISTS (SELECT 1 FROM presence p JOIN nodes n ON n.id = p.node_id
          WHERE p.username = ${who} AND p.connected AND n.seen_at > ${live})`;

/**
 * The account `who` is connected nowhere and was last seen before $before. Last seen: the heartbeat
 * of a node that still counts it connected (a dead node's last one), or when it left a node. When
 * every node was down, the clock starts when the cluster came back (its oldest live node started),
 * so agents get their whole grace period to reconnect after a full restart.
 */
export const away = (who: string, live: string, before: string) => `NOT ${connected(who, live)}
  AND GREATEST(
    COALESCE((SELECT max(CASE WHEN p.connected THEN n.seen_at ELSE p.left_at END)
              FROM presence p LEFT JOIN nodes n ON n.id = p.node_id WHERE p.username = ${who}), 0),
    COALESCE((SELECT min(started_at) FROM nodes WHERE seen_at > ${live}), 0)
  ) <= ${before}`;

export const ROUTABLE = `SELECT a.username, a.name, a.max_chats,
    (SELECT count(*) FROM chats c WHERE c.agent_username = a.username AND c.status = 'active') AS open_chats,
    COALESCE(r.last_assigned_at, 0) AS last_assigned_at
  FROM accounts a LEFT JOIN agent_routing r ON r.username = a.username
  WHERE a.status = 'online' AND ${connected('a.username', '$1')}`;

export interface RoutableRow {
  username: string;
  name: string;
  max_chats: number | null;
  open_chats: number;
  last_assigned_at: number;
}

export const ENTRY_COLUMNS = 'id, name, joined_at, front, position, chat_id, last_seen_at';

/**
 * Why a chat row is stale (`gone`: the parameter "visitor gone before"; `idle`: "idle before", NULL for
 * never), or NULL. A chat's times are 0 until set: its start counts then.
 */
export const staleReason = (gone: string, idle: string) => `CASE
    WHEN GREATEST(started_at, visitor_seen_at) < ${gone} THEN 'visitor-gone'
    WHEN status = 'active' AND ${idle}::bigint IS NOT NULL
      AND GREATEST(started_at, last_activity_at) < ${idle}::bigint THEN 'idle'
  END`;
