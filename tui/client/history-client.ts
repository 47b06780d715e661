import type { HistoryPage } from '../../server/protocol/history.js';
import type { HttpClient } from './http-client.js';

export type { HistoryEntry, HistoryPage } from '../../server/protocol/history.js';

/** The parameters of GET /api/chats/history (contract v2), as strings on the wire; all optional. */
export interface HistorySearch {
  q?: string;
  agent?: string;
  from?: string;
  to?: string;
  limit?: number;
  before?: string;
}

/** GET /api/chats/history over the typed HTTP client: ended chats, newest first, searched. */
export function historyClient(http: HttpClient) {
  return {
    search(s: HistorySearch = {}): Promise<HistoryPage> {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(s)) if (v !== undefined) query.set(k, String(v));
      const qs = query.size ? `?${query}` : '';
      return http.request<HistoryPage>('GET', `/api/chats/history${qs}`);
    },
  };
}
