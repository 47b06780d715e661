import { useEffect, useMemo, useRef } from 'react';
import { ApiError } from '../client/errors.js';
import { readMarkerTarget, type ReadMarker } from '../state/agent-messages.js';
import type { SessionAction, SessionState } from '../state/session.js';
import type { StaffApi } from './backend.js';

/** The server's read marker, or undefined when it has none to give (a server without read markers). */
async function readMarker(api: StaffApi): Promise<ReadMarker | undefined> {
  try {
    const r = await api.agentMessagesReadState();
    const known = typeof r?.unread === 'number' && (r.readUpTo === null || typeof r.readUpTo === 'string');
    return known ? { readUpTo: r.readUpTo, unread: r.unread } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Agent messages arrive live (`agent-message`); this is the fallback: the history once at start,
 * then `GET /api/agent-messages?after=<cursor>` every `pollMs` and after every reconnect. Polls run
 * one at a time, so the history is always read before anything counts as new. Each poll also reads
 * the account's read marker (kept by the server): at start it says which messages are unread, later
 * it carries what another session read. Reading here moves the marker up (`readTarget`).
 */
export function useAgentMessageSync(
  api: StaffApi,
  dispatch: (a: SessionAction) => void,
  get: () => SessionState,
  session: Pick<SessionState, 'agentMessages'> & { connection: SessionState['connection']['state'] },
  pollMs: number,
): void {
  const { connection, agentMessages } = session;
  const chain = useRef<Promise<void>>(Promise.resolve());
  const poll = useRef<(initial: boolean) => void>(() => undefined);

  useEffect(() => {
    let stopped = false;
    const pollOnce = (initial: boolean) => {
      chain.current = chain.current.then(async () => {
        if (stopped) return;
        const cursor = get().agentMessages.cursor;
        try {
          const messages = await api.listAgentMessages(cursor);
          // After the page: the marker is then one of its messages (or older).
          const read = await readMarker(api);
          if (!stopped) dispatch({ type: 'agent-messages:page', messages, initial, read });
        } catch (e) {
          // The cursor's message is gone (deleted with its account): start over; duplicates are dropped.
          if (!stopped && cursor && e instanceof ApiError && e.status === 400) {
            dispatch({ type: 'agent-messages:reset-cursor' });
          }
        }
      });
    };
    pollOnce(true);
    api.listColleagues(get().me.role).then(
      (list) => !stopped && list && dispatch({ type: 'colleagues', list }),
      () => undefined,
    );
    const timer = setInterval(() => pollOnce(false), pollMs);
    poll.current = pollOnce;
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, dispatch, get, pollMs]);

  const wasConnected = useRef(false);
  useEffect(() => {
    if (connection !== 'connected') return;
    // Each (re)connect: whatever was sent while the connection was down, and the account as it is now.
    if (wasConnected.current) poll.current(false);
    wasConnected.current = true;
    api.me().then(
      (me) => dispatch({ type: 'me', me }),
      () => undefined,
    );
  }, [connection, api, dispatch]);

  // Messages read here (a conversation opened): the server's marker follows, once per message.
  const target = useMemo(() => readMarkerTarget(agentMessages), [agentMessages]);
  const posted = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!target || posted.current === target) return;
    posted.current = target;
    api.markAgentMessagesRead(target).then(
      (read) => dispatch({ type: 'agent-messages:read', read }),
      () => {
        // Tried again with the next change.
        if (posted.current === target) posted.current = undefined;
      },
    );
  }, [target, api, dispatch]);
}
