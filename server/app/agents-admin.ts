import { AppError } from '../protocol/errors.js';
import type { AgentView } from '../protocol/models.js';
import type { AgentPatchBody } from '../protocol/schemas.js';
import type { AppDeps, Principal } from './deps.js';
import { disconnectAgent, outcome, toAgent, type Outcome } from './events.js';
import type { Routing } from './routing-port.js';
import { agentView } from './views.js';

export function requireAdmin(who: Principal): void {
  if (who.role !== 'admin') throw new AppError('forbidden', 'Only admins may do this.');
}

export async function listAgents(deps: AppDeps): Promise<AgentView[]> {
  return Promise.all((await deps.store.listAccounts()).map((a) => agentView(deps, a)));
}

/**
 * Changes name and/or maxChats; the agent is told. A lower maxChats never drops a chat, it only
 * stops new ones; a higher one may hand out waiting chats at once. `who`: the admin (logged).
 */
export async function patchAgent(
  deps: AppDeps,
  routing: Routing,
  who: Principal,
  username: string,
  patch: AgentPatchBody,
): Promise<Outcome<AgentView>> {
  const updated = await deps.store.updateAccount(username, patch);
  if (!updated) throw new AppError('not_found', `No agent "${username}".`);
  const changed = { ...(patch.maxChats !== undefined ? { maxChats: patch.maxChats } : {}), nameChanged: !!patch.name };
  deps.log.info({ username, actor: who.username, ...changed }, 'agent changed');
  const view = await agentView(deps, updated);
  const dispatched = patch.maxChats !== undefined ? await routing.dispatch() : [];
  return outcome(view, [toAgent(username, 'agent:updated', view), ...dispatched]);
}

/**
 * Deletes an agent account: its sessions end, its open chats go back to the front of the queue, its
 * sockets close. Admin accounts are managed on the server machine only. `who`: the admin (logged).
 */
export async function deleteAgent(
  deps: AppDeps,
  routing: Routing,
  who: Principal,
  username: string,
): Promise<Outcome<void>> {
  const account = await deps.store.getAccount(username);
  if (!account) throw new AppError('not_found', `No agent "${username}".`);
  if (account.role === 'admin')
    throw new AppError('forbidden', 'Admin accounts are removed on the server machine: switchboard admin delete.');
  await deps.store.deleteSessionsOf(username);
  await deps.store.updateAccount(username, { status: 'offline' });
  const events = await routing.requeueChatsOf(username);
  await deps.store.deleteAccount(username);
  deps.log.info({ username, actor: who.username }, 'agent deleted');
  const told = toAgent(username, 'auth:revoked', { reason: 'account_deleted' });
  return outcome(undefined, [...events, told, disconnectAgent(username)]);
}
