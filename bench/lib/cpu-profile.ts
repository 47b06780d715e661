import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  fn: string;
  selfMs: number;
  percent: number;
}

const where = (url: string) => {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const d = url.indexOf('/dist/');
  if (d >= 0) return url.slice(d + 1);
  return url.replace(/^file:\/\//, '').replace(/^node:/, 'node:');
};

/** The functions with the most self time in a V8 .cpuprofile (node --cpu-prof), and the same by package. */
export function topSelfTime(file: string, top = 20): { totalMs: number; functions: SelfTime[]; packages: SelfTime[] } {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const pkg = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = (prof.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const n = byId.get(id);
    if (!n) return;
    const { functionName, url, lineNumber } = n.callFrame;
    const loc = url ? `${where(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}${loc ? ` ${loc}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const p = !url
      ? functionName || '(native)'
      : url.includes('node_modules/')
        ? where(url)
            .split('/')
            .slice(0, where(url).startsWith('@') ? 2 : 1)
            .join('/')
        : url.startsWith('node:')
          ? 'node:internal'
          : url.includes('/dist/')
            ? 'switchboard (dist/)'
            : 'other';
    pkg.set(p, (pkg.get(p) ?? 0) + dt);
  });
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, selfMs: Math.round(ms), percent: Math.round((ms / total) * 1000) / 10 }));
  return { totalMs: Math.round(total), functions: rank(self), packages: rank(pkg) };
}
