import type { OfflineMessage, OfflineMessageStatus } from '../../server/protocol/offline-messages.js';
import type { HttpClient } from './http-client.js';

/** /api/offline-messages (contract v2, "Leave a message") over the typed HTTP client. */
export function inboxClient(http: HttpClient) {
  const path = (id: string, action = '') => `/api/offline-messages/${encodeURIComponent(id)}${action}`;
  return {
    /** Newest first; `limit` 1–500 (the server's default: 100). */
    async list(status: OfflineMessageStatus | 'all' = 'open', limit?: number): Promise<OfflineMessage[]> {
      const query = `status=${status}${limit ? `&limit=${limit}` : ''}`;
      return (await http.request<{ messages: OfflineMessage[] }>('GET', `/api/offline-messages?${query}`)).messages;
    },
    async get(id: string): Promise<OfflineMessage> {
      return (await http.request<{ message: OfflineMessage }>('GET', path(id))).message;
    },
    async reply(id: string, body: string): Promise<OfflineMessage> {
      return (await http.request<{ message: OfflineMessage }>('POST', path(id, '/reply'), { body })).message;
    },
    async close(id: string): Promise<void> {
      await http.request('POST', path(id, '/close'));
    },
  };
}
