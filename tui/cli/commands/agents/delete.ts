import { openSession } from '../../../client/session.js';
import { CliError } from '../../errors.js';
import { clean, confirm, isInteractive, normalizeUsername, print } from '../../io.js';

export interface DeleteOptions {
  server?: string;
  yes?: boolean;
  json?: boolean;
}

/** Deletes an agent account after confirmation (--yes, or a "y" on the terminal). */
export async function deleteAgent(typed: string, o: DeleteOptions): Promise<{ deleted: string }> {
  const username = normalizeUsername(typed);
  const { client } = openSession(o.server);
  if (!o.yes) {
    if (!isInteractive()) throw new CliError('deleting an account needs confirmation: add --yes', 2);
    const ok = await confirm(
      `Delete the account ${clean(username)}? Its sessions end and its open chats go back to the queue.`,
    );
    if (!ok) throw new CliError('cancelled: nothing was deleted');
  }
  await client.deleteAgent(username);
  return { deleted: username };
}

export const formatDelete = (d: { deleted: string }) =>
  `deleted ${clean(d.deleted)}; their open chats went back to the queue`;

export async function run(username: string, o: DeleteOptions): Promise<void> {
  print(await deleteAgent(username, o), o.json, formatDelete);
}
