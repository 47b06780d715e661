import type { ChatEngine } from '../app/chats/engine.js';
import type { AppDeps } from '../app/deps.js';
import type { OutEvent } from '../app/events.js';

/** What every route module is built from. */
export interface RouteOptions {
  deps: AppDeps;
  chats: ChatEngine;
  /** Carries out the events a use case returned (after the answer is decided). */
  publish: (events: OutEvent[]) => void;
}

/** GET /api/admin/metrics (`?reset=1` starts a new window). */
export interface MetricsSource {
  snapshot(): Promise<object>;
  reset(): void;
}
