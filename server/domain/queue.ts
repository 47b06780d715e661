/**
 * Visitor waiting queue (pure: no timers, no I/O; clocks are epoch-ms numbers).
 *
 * Order: the "front" segment (chats sent back to the queue, FIFO among
 * themselves) comes first, then fresh visitors FIFO by join order.
 * Callers are expected to pass a non-decreasing clock.
 */

/** Binary indexed tree of 0/1 flags over slot positions 0..n-1. */
class Fenwick {
  private readonly tree: Int32Array;

  /** Linear-time build from initial 0/1 flags. */
  constructor(
    readonly size: number,
    flags?: ArrayLike<number>,
  ) {
    this.tree = new Int32Array(size + 1);
    if (!flags) return;
    for (let i = 1; i <= size; i++) this.tree[i] = flags[i - 1] ?? 0;
    for (let i = 1; i <= size; i++) {
      const j = i + (i & -i);
      if (j <= size) this.tree[j]! += this.tree[i]!;
    }
  }

  /** Add delta at 0-based position pos. O(log n). */
  add(pos: number, delta: number): void {
    for (let i = pos + 1; i <= this.size; i += i & -i) this.tree[i]! += delta;
  }

  /** Sum of flags at positions [0, pos). O(log n). */
  prefix(pos: number): number {
    let sum = 0;
    for (let i = pos; i > 0; i -= i & -i) sum += this.tree[i]!;
    return sum;
  }
}

interface Slot<T> {
  entry: T;
  /** Back-segment position, or -1 when in the front segment. */
  pos: number;
}

/** One item for {@link WaitingQueue.restore}. */
export interface RestoreItem<T> {
  entry: T;
  front: boolean;
  lastSeenAt: number;
}

export interface WaitingQueueOptions {
  /** Smallest back-segment tree capacity (default 64). */
  minCapacity?: number;
}

export class WaitingQueue<T extends { id: string }> {
  private readonly slots = new Map<string, Slot<T>>();
  /** Front segment ids, in queue order (small). */
  private front: string[] = [];
  /** Back segment: id at each position, undefined once removed. */
  private backIds: (string | undefined)[] = [];
  private tree: Fenwick;
  /** Next free back position; positions < headPos are known empty. */
  private nextPos = 0;
  private headPos = 0;
  /** Last-seen times; Map iteration order is oldest-seen first. */
  private readonly seen = new Map<string, number>();
  /** Largest time recorded in `seen` (keeps its order monotonic). */
  private seenMark = -Infinity;
  private readonly minCapacity: number;

  constructor(options: WaitingQueueOptions = {}) {
    this.minCapacity = Math.max(1, options.minCapacity ?? 64);
    this.tree = new Fenwick(this.minCapacity);
  }

  /** Number of waiting entries. */
  get size(): number {
    return this.slots.size;
  }

  /** Current back-segment tree capacity (diagnostics/tests). */
  get capacity(): number {
    return this.tree.size;
  }

  /** Append a fresh visitor at the back. Throws if the id is already queued. */
  join(entry: T, now: number): void {
    this.assertAbsent(entry.id);
    if (this.nextPos >= this.tree.size) this.compact();
    const pos = this.nextPos++;
    this.backIds[pos] = entry.id;
    this.tree.add(pos, 1);
    this.slots.set(entry.id, { entry, pos });
    this.touch(entry.id, now);
  }

  /** Requeue: behind earlier requeued entries, ahead of every fresh one. */
  joinFront(entry: T, now: number): void {
    this.assertAbsent(entry.id);
    this.front.push(entry.id);
    this.slots.set(entry.id, { entry, pos: -1 });
    this.touch(entry.id, now);
  }

  /** Remove and return the entry, or undefined if absent. */
  remove(id: string): T | undefined {
    const slot = this.slots.get(id);
    if (!slot) return undefined;
    this.slots.delete(id);
    this.seen.delete(id);
    if (slot.pos < 0) {
      this.front.splice(this.front.indexOf(id), 1);
    } else {
      this.backIds[slot.pos] = undefined;
      this.tree.add(slot.pos, -1);
    }
    return slot.entry;
  }

  get(id: string): T | undefined {
    return this.slots.get(id)?.entry;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** How many entries are ahead of `id` (0 = head). O(log n) for fresh entries. */
  ahead(id: string): number | undefined {
    const slot = this.slots.get(id);
    if (!slot) return undefined;
    if (slot.pos < 0) return this.front.indexOf(id);
    return this.front.length + this.tree.prefix(slot.pos);
  }

  /** The entry with ahead() === 0. Amortised O(1). */
  head(): T | undefined {
    const id = this.front[0] ?? this.firstBackId();
    return id === undefined ? undefined : this.slots.get(id)?.entry;
  }

  /** Record that the entry was seen (e.g. status poll). No-op if absent. */
  touch(id: string, now: number): void {
    if (!this.slots.has(id)) return;
    // Clamp to the latest recorded time so the Map stays sorted by last-seen.
    const at = Math.max(now, this.seenMark);
    this.seenMark = at;
    this.seen.delete(id);
    this.seen.set(id, at);
  }

  /** Entries not seen for more than maxIdleMs, oldest first; NOT removed. O(#expired). */
  expired(now: number, maxIdleMs: number): T[] {
    const out: T[] = [];
    for (const [id, at] of this.seen) {
      if (now - at <= maxIdleMs) break;
      out.push(this.slots.get(id)!.entry);
    }
    return out;
  }

  /** All entries in queue order (front segment first). O(n). */
  entries(): T[] {
    const ids = [...this.front, ...this.liveBackIds()];
    return ids.map((id) => this.slots.get(id)!.entry);
  }

  /**
   * Load entries into an empty queue. Items are given in queue order; front
   * items form the front segment and the rest the back, each keeping the
   * given relative order. Last-seen times come from lastSeenAt.
   */
  restore(items: readonly RestoreItem<T>[]): void {
    if (this.size > 0) throw new Error('restore() requires an empty queue');
    for (const { entry, front } of items) {
      if (front) this.joinFront(entry, -Infinity);
      else this.join(entry, -Infinity);
    }
    this.seen.clear();
    this.seenMark = -Infinity;
    const bySeen = [...items].sort((a, b) => a.lastSeenAt - b.lastSeenAt);
    for (const { entry, lastSeenAt } of bySeen) this.touch(entry.id, lastSeenAt);
  }

  private assertAbsent(id: string): void {
    if (this.slots.has(id)) throw new Error(`queue already contains ${id}`);
  }

  private firstBackId(): string | undefined {
    while (this.headPos < this.nextPos && this.backIds[this.headPos] === undefined) {
      this.headPos++;
    }
    return this.headPos < this.nextPos ? this.backIds[this.headPos] : undefined;
  }

  private *liveBackIds(): Generator<string> {
    for (let p = this.headPos; p < this.nextPos; p++) {
      const id = this.backIds[p];
      if (id !== undefined) yield id;
    }
  }

  /**
   * Renumber live back entries to 0..m-1 and rebuild the tree with capacity
   * max(minCapacity, 2m). Runs when positions run out, i.e. after at least
   * ~m joins since the previous rebuild, so it is amortised O(1) per join and
   * memory is bounded by the peak queue length, not by total joins.
   */
  private compact(): void {
    const live = [...this.liveBackIds()];
    const cap = Math.max(this.minCapacity, 2 * live.length);
    const flags = new Uint8Array(cap);
    live.forEach((id, pos) => {
      flags[pos] = 1;
      this.slots.get(id)!.pos = pos;
    });
    this.backIds = live;
    this.tree = new Fenwick(cap, flags);
    this.nextPos = live.length;
    this.headPos = 0;
  }
}
