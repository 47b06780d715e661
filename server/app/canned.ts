import { AppError } from '../protocol/errors.js';
import type { Canned, CannedBody, CannedPatchBody } from '../protocol/canned.js';
import type { AppDeps, Principal } from './deps.js';
import type { CannedRecord } from './ports/canned.js';

/** Canned responses: team ones are the admins' to write; personal ones their owner's alone. */

export const cannedView = (r: CannedRecord): Canned => ({
  id: r.id,
  shortcut: r.shortcut,
  body: r.body,
  scope: r.scope,
  ...(r.owner ? { owner: r.owner } : {}),
});

const taken = (shortcut: string, scope: string) =>
  new AppError('conflict', `There is already a ${scope} reply with the shortcut /${shortcut}.`);

/** The reply `id` if the caller may change it; someone else's personal reply is not theirs to see (404). */
async function writable(deps: AppDeps, who: Principal, id: string): Promise<CannedRecord> {
  const r = await deps.canned.get(id);
  if (!r || (r.scope === 'personal' && r.owner !== who.username))
    throw new AppError('not_found', `No canned reply ${id}.`);
  if (r.scope === 'team' && who.role !== 'admin') {
    throw new AppError('forbidden', 'Only admins may change team replies.');
  }
  return r;
}

export async function listCanned(deps: AppDeps, who: Principal): Promise<Canned[]> {
  return (await deps.canned.list(who.username)).map(cannedView);
}

export async function createCanned(deps: AppDeps, who: Principal, body: CannedBody): Promise<Canned> {
  if (body.scope === 'team' && who.role !== 'admin') {
    throw new AppError('forbidden', 'Only admins may add team replies; use scope "personal" for your own.');
  }
  const now = deps.now();
  const record: CannedRecord = {
    id: deps.newId(),
    shortcut: body.shortcut,
    body: body.body,
    scope: body.scope,
    owner: body.scope === 'personal' ? who.username : null,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await deps.canned.create(record))) throw taken(body.shortcut, body.scope);
  deps.log.info({ actor: who.username, canned: record.id, scope: record.scope }, 'canned reply added');
  return cannedView(record);
}

export async function updateCanned(deps: AppDeps, who: Principal, id: string, patch: CannedPatchBody) {
  const r = await writable(deps, who, id);
  const updated = await deps.canned.update(id, patch, deps.now());
  if (updated === 'taken') throw taken(patch.shortcut!, r.scope);
  if (!updated) throw new AppError('not_found', `No canned reply ${id}.`);
  deps.log.info({ actor: who.username, canned: id, scope: r.scope }, 'canned reply changed');
  return cannedView(updated);
}

export async function deleteCanned(deps: AppDeps, who: Principal, id: string): Promise<void> {
  const r = await writable(deps, who, id);
  if (!(await deps.canned.delete(id))) throw new AppError('not_found', `No canned reply ${id}.`);
  deps.log.info({ actor: who.username, canned: id, scope: r.scope }, 'canned reply deleted');
}
