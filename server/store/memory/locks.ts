/**
 * Named locks for one process: `acquire(key)` resolves, in call order, once every earlier holder of
 * the key has released it; it gives the function that releases it.
 */
export function createLocks() {
  const tails = new Map<string, Promise<void>>();
  return async function acquire(key: string): Promise<() => void> {
    const before = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    tails.set(key, mine);
    await before;
    return () => {
      release();
      if (tails.get(key) === mine) tails.delete(key);
    };
  };
}
