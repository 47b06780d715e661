import type { Status } from '../../../server/protocol/models.js';
import { openSession } from '../../client/session.js';
import { print } from '../io.js';

export interface StatusOptions {
  server?: string;
  json?: boolean;
}

export async function setStatus(status: Status, o: StatusOptions): Promise<{ status: Status }> {
  const { client } = openSession(o.server);
  return client.setStatus(status);
}

export const formatStatus = (d: { status: Status }) =>
  d.status === 'online'
    ? 'you are online: new chats can reach you'
    : 'you are offline: you keep your current chats but get no new ones';

export async function run(status: Status, o: StatusOptions): Promise<void> {
  print(await setStatus(status, o), o.json, formatStatus);
}
