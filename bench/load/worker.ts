/** The load generator process: socket.io-client and HTTP clients, driven by the orchestrator over IPC. */
import { serveRpc } from '../lib/rpc.js';
import { ChatWorld, type ChatWorldSpec } from './chat-world.js';
import { clusterDrain, clusterHandover, clusterJoins } from './cluster.js';
import { Desk, type DeskSpec } from './desk.js';
import { IdleSockets, type IdleSpec } from './idle.js';

const worlds = new Map<string, ChatWorld>();
let desk: Desk | undefined;
let idle: IdleSockets | undefined;

const world = (key: string) => {
  const w = worlds.get(key);
  if (!w) throw new Error(`no chat world "${key}"`);
  return w;
};
const theDesk = () => {
  if (!desk) throw new Error('no desk');
  return desk;
};

serveRpc({
  async connectChatWorld(a: ChatWorldSpec & { key: string }) {
    const w = new ChatWorld(a);
    worlds.set(a.key, w);
    return w.connect();
  },
  step: (a: { key: string; rate: number; durationMs: number; drainMs: number; p99LimitMs: number }) =>
    world(a.key).step(a),
  // The cluster scenario (bench/scenarios/cluster.ts).
  clusterJoins: (a: Parameters<typeof clusterJoins>[0]) => clusterJoins(a),
  clusterHandover: (a: { key: string } & Parameters<typeof clusterHandover>[1]) => clusterHandover(world(a.key), a),
  clusterDrain: (a: Parameters<typeof clusterDrain>[0]) => clusterDrain(a),
  closeChatWorld(a: { key: string }) {
    worlds.get(a.key)?.close();
    worlds.delete(a.key);
  },
  async connectDesk(a: DeskSpec) {
    desk = new Desk(a);
    return desk.connect();
  },
  startPolling: (a: { intervalMs: number }) => theDesk().startPolling(a),
  pollStats: () => theDesk().pollStats(),
  stopPolling: () => theDesk().stopPolling(),
  joins: (a: { durationMs: number; concurrency: number }) => theDesk().joins(a),
  handover: (a: { count: number; gapMs: number; timeoutMs: number }) => theDesk().handover(a),
  async connectIdle(a: IdleSpec) {
    idle = new IdleSockets(a);
    return idle.connect();
  },
  closeIdle() {
    idle?.close();
    idle = undefined;
  },
  closeDesk() {
    desk?.close();
    desk = undefined;
  },
});
