import type { Me } from '../../../server/protocol/models.js';
import { openSession } from '../../client/session.js';
import { clean, print } from '../io.js';

export interface WhoamiOptions {
  server?: string;
  json?: boolean;
}

export type WhoamiData = Me & { server: string };

export async function whoami(o: WhoamiOptions): Promise<WhoamiData> {
  const { client, server } = openSession(o.server);
  return { ...(await client.me()), server };
}

export const formatWhoami = (d: WhoamiData) =>
  `${clean(d.username)} (${clean(d.name)}), ${d.role} on ${d.server}: ` +
  `${d.status}, ${d.openChats}/${d.maxChats} open chats`;

export async function run(o: WhoamiOptions): Promise<void> {
  print(await whoami(o), o.json, formatWhoami);
}
