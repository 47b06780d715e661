import type pg from 'pg';
import type {
  AccountPatch,
  AccountRecord,
  AgentMessageRecord,
  InviteRecord,
  SessionRecord,
} from '../../domain/records.js';
import {
  accountValues,
  toAccount,
  toAgentMessage,
  toInvite,
  toSession,
  type AccountRow,
  type AgentMessageRow,
  type InviteRow,
  type SessionRow,
} from './rows.js';
import { inTransaction } from './transaction.js';

const INSERT_ACCOUNT = `INSERT INTO accounts (username, name, email, role, password_hash, status, max_chats, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING`;

/** Serialises invite and registration decisions about one username, across connections and nodes. */
const LOCK_USERNAME = `SELECT pg_advisory_xact_lock(hashtext('switchboard:username:' || $1))`;

const ACCOUNT_COLUMNS: Record<keyof AccountPatch, string> = {
  name: 'name',
  maxChats: 'max_chats',
  status: 'status',
  passwordHash: 'password_hash',
};

/** Accounts, invites, revocations and agent messages on PostgreSQL; every statement parameterized. */
export function staffQueries(pool: pg.Pool) {
  const one = async <R extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    (await pool.query<R>(text, values)).rows[0];

  return {
    async getAccount(username: string) {
      const row = await one<AccountRow>('SELECT * FROM accounts WHERE username = $1', [username]);
      return row && toAccount(row);
    },
    async listAccounts() {
      return (await pool.query<AccountRow>('SELECT * FROM accounts ORDER BY username')).rows.map(toAccount);
    },
    async createAccount(account: AccountRecord) {
      return (await pool.query(INSERT_ACCOUNT, accountValues(account))).rowCount === 1;
    },
    async updateAccount(username: string, patch: AccountPatch) {
      const sets: string[] = [];
      const values: unknown[] = [username];
      for (const key of Object.keys(ACCOUNT_COLUMNS) as (keyof AccountPatch)[]) {
        if (patch[key] === undefined) continue;
        values.push(patch[key]);
        sets.push(`${ACCOUNT_COLUMNS[key]} = $${values.length}`);
      }
      const row = sets.length
        ? await one<AccountRow>(`UPDATE accounts SET ${sets.join(', ')} WHERE username = $1 RETURNING *`, values)
        : await one<AccountRow>('SELECT * FROM accounts WHERE username = $1', values);
      return row && toAccount(row);
    },
    async deleteAccount(username: string) {
      // Agent messages go with the account, so a later account of the same name never reads them.
      return inTransaction(pool, async (c) => {
        await c.query('DELETE FROM agent_messages WHERE sender = $1 OR recipient = $1', [username]);
        return (await c.query('DELETE FROM accounts WHERE username = $1', [username])).rowCount === 1;
      });
    },
    async createInvite(invite: InviteRecord, now: number) {
      return inTransaction(pool, async (c) => {
        await c.query(LOCK_USERNAME, [invite.username]);
        const taken = await c.query(
          `SELECT 1 FROM accounts WHERE username = $1
           UNION ALL
           SELECT 1 FROM invites WHERE username = $1 AND used_at IS NULL AND expires_at > $2
           LIMIT 1`,
          [invite.username, now],
        );
        if (taken.rowCount) return false;
        await c.query(
          `INSERT INTO invites (token_hash, username, name, email, invited_by, created_at, expires_at, used_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)`,
          [
            invite.tokenHash,
            invite.username,
            invite.name,
            invite.email,
            invite.invitedBy,
            invite.createdAt,
            invite.expiresAt,
          ],
        );
        return true;
      });
    },
    async listPendingInvites(now: number) {
      const sql = 'SELECT * FROM invites WHERE used_at IS NULL AND expires_at > $1 ORDER BY created_at, username';
      return (await pool.query<InviteRow>(sql, [now])).rows.map(toInvite);
    },
    async renewInvite(username: string, tokenHash: string, now: number, expiresAt: number) {
      return inTransaction(pool, async (c) => {
        await c.query(LOCK_USERNAME, [username]);
        const renewed = await c.query<InviteRow>(
          `UPDATE invites SET token_hash = $2, created_at = $3, expires_at = $4
           WHERE username = $1 AND used_at IS NULL AND expires_at > $3 RETURNING *`,
          [username, tokenHash, now, expiresAt],
        );
        const row = renewed.rows[0];
        return row && toInvite(row);
      });
    },
    async revokeInvites(username: string, now: number) {
      return inTransaction(pool, async (c) => {
        await c.query(LOCK_USERNAME, [username]);
        const pending = await c.query(
          'SELECT 1 FROM invites WHERE username = $1 AND used_at IS NULL AND expires_at > $2',
          [username, now],
        );
        await c.query('DELETE FROM invites WHERE username = $1 AND used_at IS NULL', [username]);
        return (pending.rowCount ?? 0) > 0;
      });
    },
    async findInvite(tokenHash: string) {
      const row = await one<InviteRow>('SELECT * FROM invites WHERE token_hash = $1', [tokenHash]);
      return row && toInvite(row);
    },
    async deleteInvite(tokenHash: string) {
      await pool.query('DELETE FROM invites WHERE token_hash = $1', [tokenHash]);
    },
    async redeemInvite(tokenHash: string, account: AccountRecord, now: number) {
      return inTransaction(pool, async (c) => {
        await c.query(LOCK_USERNAME, [account.username]);
        const used = await c.query(
          'UPDATE invites SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1',
          [now, tokenHash],
        );
        if (used.rowCount !== 1) return false;
        if ((await c.query(INSERT_ACCOUNT, accountValues(account))).rowCount !== 1) throw new Error('account exists');
        return true;
      });
    },
    async createSession(session: SessionRecord) {
      await pool.query('INSERT INTO sessions (jti, username, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        session.jti,
        session.username,
        session.createdAt,
        session.expiresAt,
      ]);
    },
    async getSession(jti: string) {
      const row = await one<SessionRow>('SELECT * FROM sessions WHERE jti = $1', [jti]);
      return row && toSession(row);
    },
    async deleteSession(jti: string) {
      return (await pool.query('DELETE FROM sessions WHERE jti = $1', [jti])).rowCount === 1;
    },
    async deleteSessionsOf(username: string) {
      return (
        await pool.query<{ jti: string }>('DELETE FROM sessions WHERE username = $1 RETURNING jti', [username])
      ).rows.map((r) => r.jti);
    },
    async purgeSessions(now: number) {
      await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    },
    async addAgentMessage(message: AgentMessageRecord) {
      await pool.query(
        'INSERT INTO agent_messages (id, sender, recipient, body, sent_at) VALUES ($1, $2, $3, $4, $5)',
        [message.id, message.from, message.to, message.body, message.sentAt],
      );
    },
    async listAgentMessages(username: string, afterId: string | undefined, limit: number) {
      let after = 0;
      if (afterId !== undefined) {
        const row = await one<{ pos: number }>('SELECT pos FROM agent_messages WHERE id = $1', [afterId]);
        if (!row) return undefined;
        after = row.pos;
      }
      const rows = await pool.query<AgentMessageRow>(
        `SELECT id, sender, recipient, body, sent_at FROM (
           SELECT * FROM agent_messages WHERE pos > $1 AND sender = $2
           UNION
           SELECT * FROM agent_messages WHERE pos > $1 AND recipient = $2
         ) mine ORDER BY pos LIMIT $3`,
        [after, username, limit],
      );
      return rows.rows.map(toAgentMessage);
    },
    async markAgentMessagesRead(username: string, upToId: string) {
      const marked = await pool.query(
        `INSERT INTO agent_message_reads (username, pos) SELECT $1, pos FROM agent_messages WHERE id = $2
         ON CONFLICT (username) DO UPDATE SET pos = GREATEST(agent_message_reads.pos, EXCLUDED.pos)`,
        [username, upToId],
      );
      return marked.rowCount === 1;
    },
    async agentMessagesReadState(username: string) {
      const row = await one<{ read_up_to: string | null; unread: number }>(
        `SELECT (SELECT id FROM agent_messages WHERE pos = r.pos) AS read_up_to,
                (SELECT count(*) FROM agent_messages WHERE recipient = $1 AND pos > COALESCE(r.pos, 0)) AS unread
         FROM (SELECT (SELECT pos FROM agent_message_reads WHERE username = $1) AS pos) r`,
        [username],
      );
      return { readUpTo: row!.read_up_to, unread: row!.unread };
    },
  };
}
