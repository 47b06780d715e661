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
