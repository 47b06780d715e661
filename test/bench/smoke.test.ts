import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../server/paths.js';

// The benchmark harness end to end with tiny counts (bench/config.ts "smoke"): real server from
// dist/, the baseline relay, the load generator and probe processes. It checks the report's shape
// and that messages went through; it never judges speed (timings on a shared machine are noise).
test('the bench harness runs every scenario and writes its report', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-smoke-'));
  try {
    const out = join(dir, 'smoke.json');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'run.ts'), '--smoke', '--out', out],
      {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        timeout: 170_000,
      },
    );
    assert.equal(run.status, 0, `bench --smoke exited with ${run.status}:\n${run.stdout}\n${run.stderr}`);
    const r = JSON.parse(readFileSync(out, 'utf8'));

    assert.equal(r.quick, true);
    assert.deepEqual(r.errors, {});
    // Every message acknowledged to a visitor reached its agent, on Switchboard and on the baseline.
    for (const target of ['switchboard', 'baseline']) {
      const steps = r.steps[target].flatMap((s: { steps: unknown[] }) => s.steps);
      assert.ok(steps.length > 0, `no ${target} steps`);
      for (const s of steps) {
        assert.ok(s.sent > 0, `${target}: nothing sent at ${s.rate}/s`);
        assert.equal(s.errors, 0, `${target}: ${JSON.stringify(s.errorCodes)}`);
        assert.equal(s.acked, s.sent, `${target}: ${s.sent - s.acked} of ${s.sent} not acknowledged at ${s.rate}/s`);
        assert.equal(
          s.delivered,
          s.acked,
          `${target}: ${s.lost} acknowledged messages never reached the agent at ${s.rate}/s`,
        );
      }
    }
    const isNum = (v: unknown, what: string) =>
      assert.ok(typeof v === 'number' && Number.isFinite(v), `${what} is not a number: ${JSON.stringify(v)}`);
    for (const k of ['deliveredPerSec', 'p50Ms', 'p99Ms', 'baselineDeliveredPerSec', 'ratio'])
      isNum(r.messages?.[k], `messages.${k}`);
    for (const k of ['count', 'rssPerConnKiB']) isNum(r.connections?.[k], `connections.${k}`);
    for (const k of ['waiting', 'statusP99Ms', 'joinsPerSec']) isNum(r.queue?.[k], `queue.${k}`);
    for (const k of ['handoverP99Ms', 'eventLoopP99Ms', 'cliHelpMs', 'startupMs']) isNum(r[k], k);
    for (const k of ['medianAbsErrorS', 'medianWaitS']) isNum(r.queueEstimate?.[k], `queueEstimate.${k}`);
    assert.ok('tuiFirstScreenMs' in r, 'tuiFirstScreenMs missing');
    assert.ok(Array.isArray(r.targets) && r.targets.length >= 9, 'targets missing');

    assert.ok(r.eventLoop.logins.ok > 0, 'no login succeeded');
    assert.equal(
      r.connections.count,
      r.connections.agentSockets + r.connections.visitorSockets + r.connections.queueSockets,
    );
    assert.ok(r.handover.count > 0, 'no hand-over happened');
    assert.ok(r.queue.joins > 0 && r.queue.polls > 0, 'no queue traffic');
    assert.ok(r.startup.messages > 0 && r.startup.openChats > 0, 'start-up data not generated');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
