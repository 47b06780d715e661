import { AppError } from '../protocol/errors.js';
import type { AgentMessage } from '../protocol/models.js';
import type { AgentMessageBody } from '../protocol/schemas.js';
import type { AppDeps, Principal } from './deps.js';
import type { AgentMessagesReadState } from './ports/store.js';
import { outcome, toAgent, type Outcome } from './events.js';
import { agentMessageView } from './views.js';

/** Stores an agent-to-agent message (the recipient may be offline) and pushes it to both sides. */
export async function sendAgentMessage(
  deps: AppDeps,
  who: Principal,
  body: AgentMessageBody,
): Promise<Outcome<AgentMessage>> {
  const to = body.to.trim().toLowerCase();
  if (to === who.username) throw new AppError('invalid_request', 'You cannot send a message to yourself.');
  if (!(await deps.store.getAccount(to))) throw new AppError('not_found', `No agent "${to}".`);
  await deps.limits.message(`staff:${who.username}`);
  const record = { id: deps.newId(), from: who.username, to, body: body.body, sentAt: deps.now() };
  await deps.store.addAgentMessage(record);
  const message = agentMessageView(record);
  return outcome(message, [toAgent(who.username, 'agent-message', message), toAgent(to, 'agent-message', message)]);
}

export const AGENT_MESSAGES_PAGE = 500;

export async function listAgentMessages(
  deps: AppDeps,
  who: Principal,
  after: string | undefined,
  limit = AGENT_MESSAGES_PAGE,
): Promise<AgentMessage[]> {
  const rows = await deps.store.listAgentMessages(who.username, after, limit);
  if (!rows) throw new AppError('invalid_request', `Unknown message id in after=${after}.`);
  return rows.map(agentMessageView);
}

/**
 * Moves the caller's read marker up to a message (it never moves back): the messages received up to
 * it count as read in every session, the TUI's and `messages list`'s.
 */
export async function markAgentMessagesRead(
  deps: AppDeps,
  who: Principal,
  upTo: string,
): Promise<AgentMessagesReadState> {
  if (!(await deps.store.markAgentMessagesRead(who.username, upTo))) {
    throw new AppError('invalid_request', `Unknown message id in upTo=${upTo}.`);
  }
  return deps.store.agentMessagesReadState(who.username);
}

export const agentMessagesReadState = (deps: AppDeps, who: Principal) =>
  deps.store.agentMessagesReadState(who.username);
