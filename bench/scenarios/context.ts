import { join } from 'node:path';
import type { Profile } from '../config.js';
import { ROOT } from '../lib/processes.js';

/** What every scenario gets from the orchestrator. */
export interface Ctx {
  profile: Profile;
  log: (line: string) => void;
  /** A fresh temporary directory, removed when the bench ends. */
  tempDir: (name: string) => Promise<string>;
  /** When set, servers run with --cpu-prof and write their profiles here. */
  cpuProfDir?: string;
  /** `--rates`: fixed offered rates for the messages scenario instead of the search. */
  rates?: number[];
}

export const loadWorkerFile = join(ROOT, 'bench', 'load', 'worker.ts');
export const probeFile = join(ROOT, 'bench', 'load', 'probe.ts');
