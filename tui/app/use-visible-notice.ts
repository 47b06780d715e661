import { useEffect, useState } from 'react';
import type { Notice } from '../state/notices.js';
import { noticeHolds, type SessionState } from '../state/session.js';

/** The status line's notice: shown for `ms`, then only while it still holds (see `noticeHolds`). */
export function useVisibleNotice(state: SessionState, ms: number): Notice | null {
  const [expired, setExpired] = useState<number | null>(null);
  const id = state.notice?.id;
  useEffect(() => {
    if (id === undefined) return;
    const timer = setTimeout(() => setExpired(id), ms);
    return () => clearTimeout(timer);
  }, [id, ms]);
  const n = state.notice;
  return n && (expired !== n.id || noticeHolds(n, state)) ? n : null;
}
