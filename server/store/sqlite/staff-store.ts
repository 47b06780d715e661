import type Database from 'better-sqlite3';
import type {
  AccountPatch,
  AccountRecord,
  AgentMessageRecord,
  InviteRecord,
  SessionRecord,
} from '../../domain/records.js';
import { toAccount, toAgentMessage, toInvite, type AccountRow, type AgentMessageRow, type InviteRow } from '../rows.js';

/** Accounts, invites, revocations and agent messages on SQLite. Statements are prepared once. */
export function staffQueries(db: Database.Database) {
  const s = {
    getAccount: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE username = ?'),
    listAccounts: db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY username'),
    insertAccount: db.prepare(
      `INSERT INTO accounts (username, name, email, role, password_hash, status, max_chats, created_at)
       VALUES (@username, @name, @email, @role, @passwordHash, @status, @maxChats, @createdAt)
       ON CONFLICT(username) DO NOTHING`,
    ),
    deleteAccount: db.prepare<[string]>('DELETE FROM accounts WHERE username = ?'),
    deleteAgentMessagesOf: db.prepare<[string, string]>('DELETE FROM agent_messages WHERE sender = ? OR recipient = ?'),
    pendingInvite: db.prepare<[string, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM invites WHERE username = ? AND used_at IS NULL AND expires_at > ?',
    ),
    insertInvite: db.prepare(
      `INSERT INTO invites (token_hash, username, name, email, invited_by, created_at, expires_at, used_at)
       VALUES (@tokenHash, @username, @name, @email, @invitedBy, @createdAt, @expiresAt, NULL)`,
    ),
    findInvite: db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE token_hash = ?'),
    deleteInvite: db.prepare<[string]>('DELETE FROM invites WHERE token_hash = ?'),
    pendingInvites: db.prepare<[number], InviteRow>(
      'SELECT * FROM invites WHERE used_at IS NULL AND expires_at > ? ORDER BY created_at, username',
    ),
    pendingInviteOf: db.prepare<[string, number], InviteRow>(
      'SELECT * FROM invites WHERE username = ? AND used_at IS NULL AND expires_at > ?',
    ),
    renewInvite: db.prepare<[string, number, number, string]>(
      'UPDATE invites SET token_hash = ?, created_at = ?, expires_at = ? WHERE token_hash = ?',
    ),
    revokeInvites: db.prepare<[string]>('DELETE FROM invites WHERE username = ? AND used_at IS NULL'),
    useInvite: db.prepare<[number, string, number]>(
      'UPDATE invites SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
    ),
    insertSession: db.prepare(
      'INSERT INTO sessions (jti, username, created_at, expires_at) VALUES (@jti, @username, @createdAt, @expiresAt)',
    ),
    getSession: db.prepare<[string], { jti: string; username: string; created_at: number; expires_at: number }>(
      'SELECT * FROM sessions WHERE jti = ?',
    ),
    deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE jti = ?'),
    sessionsOf: db.prepare<[string], { jti: string }>('SELECT jti FROM sessions WHERE username = ?'),
    deleteSessionsOf: db.prepare<[string]>('DELETE FROM sessions WHERE username = ?'),
    purgeSessions: db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?'),
    insertAgentMessage: db.prepare(
      'INSERT INTO agent_messages (id, sender, recipient, body, sent_at) VALUES (@id, @from, @to, @body, @sentAt)',
    ),
    agentMessagePos: db.prepare<[string], { pos: number }>('SELECT pos FROM agent_messages WHERE id = ?'),
    listAgentMessages: db.prepare<[number, string, number, string, number], AgentMessageRow>(
      `SELECT id, sender, recipient, body, sent_at FROM (
         SELECT * FROM agent_messages WHERE pos > ? AND sender = ?
         UNION
         SELECT * FROM agent_messages WHERE pos > ? AND recipient = ?
       ) ORDER BY pos LIMIT ?`,
    ),
    markRead: db.prepare<[string, number]>(
      `INSERT INTO agent_message_reads (username, pos) VALUES (?, ?)
       ON CONFLICT (username) DO UPDATE SET pos = max(pos, excluded.pos)`,
    ),
    readState: db.prepare<[string, string], { readUpTo: string | null; unread: number }>(
      `SELECT (SELECT id FROM agent_messages WHERE pos = r.pos) AS readUpTo,
              (SELECT count(*) FROM agent_messages WHERE recipient = ? AND pos > COALESCE(r.pos, 0)) AS unread
       FROM (SELECT (SELECT pos FROM agent_message_reads WHERE username = ?) AS pos) r`,
    ),
  };

  const accountTaken = (username: string, now: number) =>
    s.getAccount.get(username) !== undefined || s.pendingInvite.get(username, now)!.n > 0;

  return {
    async getAccount(username: string) {
      const row = s.getAccount.get(username);
      return row && toAccount(row);
    },
    async listAccounts() {
      return s.listAccounts.all().map(toAccount);
    },
    async createAccount(account: AccountRecord) {
      return s.insertAccount.run(account).changes === 1;
    },
    async updateAccount(username: string, patch: AccountPatch) {
      const sets: string[] = [];
      const params: Record<string, unknown> = { username };
      const columns: Record<keyof AccountPatch, string> = {
        name: 'name',
        maxChats: 'max_chats',
        status: 'status',
        passwordHash: 'password_hash',
      };
      for (const key of Object.keys(patch) as (keyof AccountPatch)[]) {
        if (patch[key] === undefined) continue;
        sets.push(`${columns[key]} = @${key}`);
        params[key] = patch[key];
      }
      if (sets.length) db.prepare(`UPDATE accounts SET ${sets.join(', ')} WHERE username = @username`).run(params);
      const row = s.getAccount.get(username);
      return row && toAccount(row);
    },
    async deleteAccount(username: string) {
      // Agent messages go with the account, so a later account of the same name never reads them.
      return db.transaction(() => {
        s.deleteAgentMessagesOf.run(username, username);
        return s.deleteAccount.run(username).changes === 1;
      })();
    },
    async createInvite(invite: InviteRecord, now: number) {
      return db.transaction(() => {
        if (accountTaken(invite.username, now)) return false;
        s.insertInvite.run(invite);
        return true;
      })();
    },
    async findInvite(tokenHash: string) {
      const row = s.findInvite.get(tokenHash);
      return row && toInvite(row);
    },
    async listPendingInvites(now: number) {
      return s.pendingInvites.all(now).map(toInvite);
    },
    async renewInvite(username: string, tokenHash: string, now: number, expiresAt: number) {
      return db
        .transaction(() => {
          const row = s.pendingInviteOf.get(username, now);
          if (!row) return undefined;
          s.renewInvite.run(tokenHash, now, expiresAt, row.token_hash);
          return toInvite({ ...row, token_hash: tokenHash, created_at: now, expires_at: expiresAt });
        })
        .immediate();
    },
    async revokeInvites(username: string, now: number) {
      return db.transaction(() => {
        const pending = s.pendingInviteOf.get(username, now) !== undefined;
        s.revokeInvites.run(username);
        return pending;
      })();
    },
    async deleteInvite(tokenHash: string) {
      s.deleteInvite.run(tokenHash);
    },
    async redeemInvite(tokenHash: string, account: AccountRecord, now: number) {
      return db
        .transaction(() => {
          if (s.useInvite.run(now, tokenHash, now).changes !== 1) return false;
          if (s.insertAccount.run(account).changes !== 1) throw new Error('account exists');
          return true;
        })
        .immediate();
    },
    async createSession(session: SessionRecord) {
      s.insertSession.run(session);
    },
    async getSession(jti: string) {
      const r = s.getSession.get(jti);
      return r && { jti: r.jti, username: r.username, createdAt: r.created_at, expiresAt: r.expires_at };
    },
    async deleteSession(jti: string) {
      return s.deleteSession.run(jti).changes === 1;
    },
    async deleteSessionsOf(username: string) {
      return db.transaction(() => {
        const ids = s.sessionsOf.all(username).map((r) => r.jti);
        s.deleteSessionsOf.run(username);
        return ids;
      })();
    },
    async purgeSessions(now: number) {
      s.purgeSessions.run(now);
    },
    async addAgentMessage(message: AgentMessageRecord) {
      s.insertAgentMessage.run(message);
    },
    async listAgentMessages(username: string, afterId: string | undefined, limit: number) {
      let after = 0;
      if (afterId !== undefined) {
        const row = s.agentMessagePos.get(afterId);
        if (!row) return undefined;
        after = row.pos;
      }
      return s.listAgentMessages.all(after, username, after, username, limit).map(toAgentMessage);
    },
    async markAgentMessagesRead(username: string, upToId: string) {
      const row = s.agentMessagePos.get(upToId);
      if (!row) return false;
      s.markRead.run(username, row.pos);
      return true;
    },
    async agentMessagesReadState(username: string) {
      return s.readState.get(username, username)!;
    },
  };
}
