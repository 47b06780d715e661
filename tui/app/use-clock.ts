import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs` (for "3m ago" labels). */
export function useClock(now: () => number, everyMs = 5000): number {
  const [t, setT] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setT(now()), everyMs);
    return () => clearInterval(timer);
  }, [now, everyMs]);
  return t;
}
