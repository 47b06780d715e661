import { AppError } from '../protocol/errors.js';
import type { AgentView } from '../protocol/models.js';
import type { AgentPatchBody } from '../protocol/schemas.js';
import type { AppDeps, Principal } from './deps.js';
import { outcome, rooms, type OutEvent, type Outcome } from './events.js';
import { agentView } from './views.js';

export function requireAdmin(who: Principal): void {
  if (who.role !== 'admin') throw new AppError('forbidden', 'Only admins may do this.');
}

export async function listAgents(deps: AppDeps): Promise<AgentView[]> {
  return Promise.all((await deps.store.listAccounts()).map((a) => agentView(deps, a)));
}

/** Changes name and/or maxChats. A lower maxChats never drops a chat; it only stops new ones. */
export async function patchAgent(deps: AppDeps, username: string, patch: AgentPatchBody): Promise<AgentView> {
  const updated = await deps.store.updateAccount(username, patch);
  if (!updated) throw new AppError('not_found', `No agent "${username}".`);
  return agentView(deps, updated);
}

/**
 * Deletes an agent account: its sessions end, its sockets close. Admin accounts are managed on the
 * server machine only. `requeue` (the chat engine) sends its open chats back to the queue.
 */
export async function deleteAgent(
  deps: AppDeps,
  username: string,
  requeue: (username: string) => Promise<OutEvent[]> = async () => [],
): Promise<Outcome<void>> {
  const account = await deps.store.getAccount(username);
  if (!account) throw new AppError('not_found', `No agent "${username}".`);
  if (account.role === 'admin') throw new AppError('forbidden', 'Admin accounts are removed on the server machine: switchboard admin delete.');
  await deps.store.deleteSessionsOf(username);
  await deps.store.updateAccount(username, { status: 'offline' });
  const events = await requeue(username);
  await deps.store.deleteAccount(username);
  deps.log.info({ username }, 'agent deleted');
  return outcome(undefined, [...events, { ns: 'agent', room: rooms.agent(username), disconnect: true }]);
}
