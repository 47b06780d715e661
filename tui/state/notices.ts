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
      : `Chat with ${visitorName} went back to the queue`,
});

export const agentMessageNotice = (from: string, fromName: string): NoticeText => ({
  level: 'alert',
  from,
  text: `Message from ${fromName} (^G)`,
});
