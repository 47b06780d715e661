import type { CannedScope } from '../../protocol/canned.js';

/** A canned response as stored; `owner` is the author of a personal one, null for team ones. */
export interface CannedRecord {
  id: string;
  shortcut: string;
  body: string;
  scope: CannedScope;
  owner: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Canned responses: team ones (admins write them) and each account's personal ones. */
export interface CannedStore {
  /** The team's and `username`'s own, by scope (team first) then shortcut. */
  list(username: string): Promise<CannedRecord[]>;
  get(id: string): Promise<CannedRecord | undefined>;
  /** False when the shortcut exists in that scope (for that owner). */
  create(record: CannedRecord): Promise<boolean>;
  /** The record as it is now; undefined when gone; 'taken' when the new shortcut exists in its scope. */
  update(
    id: string,
    patch: { shortcut?: string; body?: string },
    now: number,
  ): Promise<CannedRecord | 'taken' | undefined>;
  delete(id: string): Promise<boolean>;
}
