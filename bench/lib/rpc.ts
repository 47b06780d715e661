import { fork, type ChildProcess } from 'node:child_process';
import { track } from './processes.js';

/**
 * A tiny request/response protocol over the IPC channel of a forked child: the bench's load
 * generators live in their own processes and are driven step by step from the orchestrator.
 */
type Handler = (args: any) => unknown;
interface Request {
  id: number;
  cmd: string;
  args: unknown;
}
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface Worker {
  child: ChildProcess;
  pid: number;
  call<T = any>(cmd: string, args?: unknown, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** Forks `file` (TypeScript, run through tsx) and returns a handle for calling its handlers. */
export function forkWorker(file: string, name: string): Worker {
  const child = fork(file, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  track(child);
  let next = 0;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (m: Reply) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    clearTimeout(w.timer);
    if (m.ok) w.resolve(m.result);
    else w.reject(new Error(`${name}: ${m.error}`));
  });
  child.once('exit', (code, signal) => {
    for (const w of waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new Error(`${name} exited (${code ?? signal}) with a call in flight`));
    }
    waiting.clear();
  });
  return {
    child,
    pid: child.pid!,
    call(cmd, args, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const id = ++next;
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${name}: "${cmd}" took longer than ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, { resolve, reject, timer });
        child.send({ id, cmd, args } satisfies Request);
      });
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.disconnect();
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

/** In the child: answer calls with these handlers; exit when the parent goes away. */
export function serveRpc(handlers: Record<string, Handler>): void {
  process.on('message', async (m: Request) => {
    let reply: Reply;
    try {
      const h = handlers[m.cmd];
      if (!h) throw new Error(`unknown command ${m.cmd}`);
      reply = { id: m.id, ok: true, result: await h(m.args) };
    } catch (e) {
      reply = { id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    process.send?.(reply);
  });
  process.on('disconnect', () => process.exit(0));
}
