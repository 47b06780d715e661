import bcrypt from 'bcryptjs';

/** Runs in a worker thread (piscina): bcrypt's CPU work never blocks the server's event loop. */
export default function run(
  task: { op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string },
): string | boolean {
  return task.op === 'hash' ? bcrypt.hashSync(task.password, task.cost) : bcrypt.compareSync(task.password, task.hash);
}
