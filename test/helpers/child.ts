import type { ChildProcess } from 'node:child_process';

/** Keeps what a child process prints (the first 100 kB) and tells when it has exited. */
export function watchChild(child: ChildProcess) {
  let out = '';
  let dead = false;
  const keep = (b: Buffer) => {
    if (out.length < 100_000) out += b.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      dead = true;
      resolve();
    }),
  );
  return { output: () => out, exited, isDead: () => dead };
}
