import type { AgentEvents, EndedBy } from '../../server/protocol/events.js';

/** One line in the status bar. Texts hold raw names: the status line cleans what it shows. */
export interface Notice {
  text: string;
  level: 'info' | 'alert' | 'error';
  /** Increases with every notice, so a repeated text still counts as new. */
  id: number;
  /** About this chat: still worth showing while it has unread messages. */
  chatId?: string;
  /** About a message from this agent: still worth showing while their conversation has unread ones. */
  from?: string;
}

/** What a notice says and what it is about (the reducer numbers it). */
export type NoticeText = Pick<Notice, 'text' | 'level' | 'chatId' | 'from'>;

export const assignedNotice = (p: AgentEvents['chat:assigned']): NoticeText => ({
  level: 'alert',
  chatId: p.chatId,
  text:
    p.reason === 'transfer'
      ? `Chat with ${p.visitor.name} transferred to you`
      : p.reason === 'requeue'
        ? `Chat with ${p.visitor.name} came back from the queue`
        : p.reason === 'reassigned'
          ? `Chat with ${p.visitor.name} moved to you: its agent did not answer in time`
          : `New chat: ${p.visitor.name}`,
});

export const endedNotice = (visitorName: string, by: EndedBy): Pick<Notice, 'text' | 'level'> => ({
  level: 'info',
  text:
    by === 'visitor'
      ? `${visitorName} ended the chat`
      : by === 'agent'
        ? `Chat with ${visitorName} ended`
        : `Chat with ${visitorName} was closed`,
});

type RemovedReason = AgentEvents['chat:removed']['reason'];

export const removedNotice = (visitorName: string, reason: RemovedReason): Pick<Notice, 'text' | 'level'> => ({
  level: 'info',
  text:
    reason === 'transferred'
      ? `Chat with ${visitorName} was transferred`
      : reason === 'reassigned'
        ? `Chat with ${visitorName} moved to another agent: ${visitorName} waited too long for your reply`
        : `Chat with ${visitorName} went back to the queue`,
});

export const agentMessageNotice = (from: string, fromName: string): NoticeText => ({
  level: 'alert',
  from,
  text: `Message from ${fromName} (^G)`,
});

const stars = (score: number) => '★'.repeat(score) + '☆'.repeat(Math.max(0, 5 - score));

/** A visitor rated a chat this agent ended or held last. */
export const ratedNotice = (visitorName: string, p: AgentEvents['chat:rated']): NoticeText => ({
  level: 'info',
  text: `${visitorName} rated the chat ${stars(p.score)} (${p.score}/5)${p.comment ? `: “${p.comment}”` : ''}`,
});

/** A visitor left a message while nobody could chat: answered by e-mail. */
export const offlineMessageNotice = (p: AgentEvents['offline-message']): NoticeText => ({
  level: 'alert',
  text: `${p.message.name} left a message: ^B opens the inbox`,
});
