/** The bench's verdicts against the targets, and the table printed at the end. */

export interface Target {
  id: string;
  what: string;
  measured: string;
  target: string;
  met: boolean | null;
}

const fmt = (n: number | null | undefined, unit = '', digits = 1) =>
  n === null || n === undefined || !Number.isFinite(n)
    ? '-'
    : `${n.toLocaleString('en-US', { maximumFractionDigits: digits })}${unit}`;
export { fmt };

export function table(rows: Target[]): string {
  const head = ['scenario', 'measured', 'target', 'met'];
  const body = rows.map((r) => [r.what, r.measured, r.target, r.met === null ? 'n/a' : r.met ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
