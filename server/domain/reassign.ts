import type { AgentLoad } from './routing/index.js';
import type { MessageRecord } from './records.js';

type Seen = Pick<MessageRecord, 'fromRole' | 'sentAt' | 'internal'>;

/**
 * Since when the chat's current agent owes the visitor a reply (epoch ms), or undefined when it owes
 * none (--reassign-after). The visitor message that waits is the first one after the last agent
 * message (internal notes are no answer). The current agent's clock starts no earlier than it got the
 * chat: its start, or the latest system note (joined, transferred, reassigned — each marks a new
 * holder). So a chat moved to Bob gives Bob the whole period, counted from the move.
 */
export function waitingSince(startedAt: number, transcript: readonly Seen[]): number | undefined {
  let heldSince = startedAt;
  let waiting: number | undefined;
  for (const m of transcript) {
    if (m.fromRole === 'system') heldSince = Math.max(heldSince, m.sentAt);
    else if (m.fromRole === 'visitor') waiting ??= m.sentAt;
    else if (!m.internal) waiting = undefined;
  }
  return waiting === undefined ? undefined : Math.max(waiting, heldSince);
}

/** True once the wait reached `afterSeconds` (0: reassignment is off). */
export const waitedTooLong = (since: number | undefined, now: number, afterSeconds: number): boolean =>
  afterSeconds > 0 && since !== undefined && now - since >= afterSeconds * 1000;

/**
 * The agents a chat may move to: not the one holding it, nor anyone who let it wait before. The
 * routing strategy picks among them (least loaded by default; nobody with room: it stays).
 */
export const reassignCandidates = <A extends AgentLoad>(
  loads: readonly A[],
  holder: string,
  passedOver: readonly string[],
): A[] => loads.filter((a) => a.username !== holder && !passedOver.includes(a.username));
