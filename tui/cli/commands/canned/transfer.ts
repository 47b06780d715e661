import { readFile } from 'node:fs/promises';
import { cannedFile, type Canned, type CannedBody } from '../../../../server/protocol/canned.js';
import { cannedClient } from '../../../client/canned-client.js';
import { openSession } from '../../../client/session.js';
import { CliError } from '../../errors.js';
import { print, readStdin } from '../../io.js';

/** `canned export` / `canned import`: replies as a JSON file a team keeps in git. */

export interface CannedFileOptions {
  server?: string;
  json?: boolean;
  team?: boolean;
  personal?: boolean;
}

/** Which scopes a command works on: both unless one is named. */
const scopes = (o: CannedFileOptions) =>
  o.team && !o.personal ? ['team'] : o.personal && !o.team ? ['personal'] : ['team', 'personal'];

/** The replies you see, as `{canned: [{shortcut, body, scope}]}` (what `canned import` reads). */
export async function exportCanned(o: CannedFileOptions): Promise<{ canned: CannedBody[] }> {
  const all = await cannedClient(openSession(o.server).client).list();
  const wanted = scopes(o);
  return {
    canned: all.filter((c) => wanted.includes(c.scope)).map(({ shortcut, body, scope }) => ({ shortcut, body, scope })),
  };
}

export async function runExport(o: CannedFileOptions): Promise<void> {
  // The file format is JSON either way.
  print(await exportCanned(o), true, () => '');
}

export interface ImportResult {
  added: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Adds the file's replies and updates those whose text changed (matched by scope and shortcut);
 * replies missing from the file are kept. The whole file is checked before anything is written.
 */
export async function importCanned(file: string, o: CannedFileOptions): Promise<ImportResult> {
  const text =
    file === '-'
      ? await readStdin()
      : await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
          throw new CliError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`, 2);
        });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file} is not JSON: ${(e as Error).message}`, 2);
  }
  const parsed = cannedFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`${file}: ${issue.path.join('.') || 'the file'}: ${issue.message}`, 2);
  }
  const api = cannedClient(openSession(o.server).client);
  const have = new Map<string, Canned>((await api.list()).map((c) => [`${c.scope}/${c.shortcut}`, c]));
  const result: ImportResult = { added: [], updated: [], unchanged: [] };
  for (const c of parsed.data.canned.filter((x) => scopes(o).includes(x.scope))) {
    const key = `${c.scope}/${c.shortcut}`;
    const old = have.get(key);
    if (!old) await api.add(c).then(() => result.added.push(key));
    else if (old.body !== c.body) await api.edit(old.id, { body: c.body }).then(() => result.updated.push(key));
    else result.unchanged.push(key);
  }
  return result;
}

export async function runImport(file: string, o: CannedFileOptions): Promise<void> {
  print(
    await importCanned(file, o),
    o.json,
    (r) => `${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged`,
  );
}
