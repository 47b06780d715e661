import { AppError } from '../../protocol/errors.js';

/** How the queue says no. */

const ABANDONED = 'Your place in the queue has expired or is unknown; join the queue again.';
export const queueGone = () => new AppError('unauthorized', ABANDONED);

export const notYourTurn = (ahead: number) =>
  new AppError('not_your_turn', `There ${ahead === 1 ? 'is 1 person' : `are ${ahead} people`} ahead of you.`);

export const noAgentFree = () => new AppError('no_agent_available', 'No agent is free right now; please keep waiting.');
