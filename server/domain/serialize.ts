/**
 * Runs async critical sections one at a time, in call order: the queue and chat state change
 * only inside it, so no two requests can hand out the same queue entry or exceed an agent's limit.
 */
export function createSerializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return function serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** The same, per key: calls with one key run one at a time in call order; different keys run freely. */
export function createKeyedSerializer() {
  const tails = new Map<string, Promise<unknown>>();
  return function serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (tails.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
