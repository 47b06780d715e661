import type { Canned, CannedBody, CannedPatchBody } from '../../server/protocol/canned.js';
import type { HttpClient } from './http-client.js';

/** /api/canned (contract v2, "Canned responses") over the typed HTTP client. */
export function cannedClient(http: HttpClient) {
  const path = (id: string) => `/api/canned/${encodeURIComponent(id)}`;
  return {
    async list(): Promise<Canned[]> {
      return (await http.request<{ canned: Canned[] }>('GET', '/api/canned')).canned;
    },
    async add(body: CannedBody): Promise<Canned> {
      return (await http.request<{ canned: Canned }>('POST', '/api/canned', body)).canned;
    },
    async edit(id: string, patch: CannedPatchBody): Promise<Canned> {
      return (await http.request<{ canned: Canned }>('PATCH', path(id), patch)).canned;
    },
    async remove(id: string): Promise<void> {
      await http.request('DELETE', path(id));
    },
  };
}

export type CannedClient = ReturnType<typeof cannedClient>;
