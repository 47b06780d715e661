/**
 * The probe process: times a trivial GET /healthz every few ms (the event-loop delay as a client
 * sees it) and reads the server's own event-loop delay from GET /api/admin/metrics (when the server
 * has it) for the same window; optionally logs in N times a second. Kept apart from the load
 * generator so that its own event loop is idle and its timings are the server's.
 */
import { createHttp } from '../lib/http.js';
import { serveRpc } from '../lib/rpc.js';
import { summarize } from '../lib/stats.js';

interface Running {
  stop: () => Promise<unknown>;
}
/** The resolution of the server's monitorEventLoopDelay (server/app/metrics.ts). */
let running: Running | undefined;

serveRpc({
  async start(a: {
    url: string;
    pingEveryMs: number;
    adminToken?: string;
    login?: { username: string; password: string; perSec: number };
  }) {
    if (running) throw new Error('probe already running');
    const pings = createHttp(a.url, 1);
    // ?reset=1 starts the server's measuring window now.
    const metrics = async () => {
      if (!a.adminToken) return null;
      const res = await pings.request('GET', '/api/admin/metrics?reset=1', { token: a.adminToken });
      return res.status === 200 ? (res.body as { eventLoopDelayMs?: { p50: number; p99: number; max: number } }) : null;
    };
    await metrics();
    const logins = createHttp(a.url, 16);
    const healthz: number[] = [];
    const login: number[] = [];
    const loginErrors: Record<string, number> = {};
    let on = true;
    const t0 = performance.now();
    const pinger = (async () => {
      while (on) {
        const t = performance.now();
        try {
          const res = await pings.request('GET', '/healthz');
          if (res.status === 200) healthz.push(performance.now() - t);
        } catch {
          /* counted as missing */
        }
        const wait = a.pingEveryMs - (performance.now() - t);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    })();
    const inFlight = new Set<Promise<void>>();
    const timer = a.login
      ? setInterval(() => {
          const t = performance.now();
          const p = logins
            .request('POST', '/api/login', { body: { username: a.login!.username, password: a.login!.password } })
            .then(
              (res) => {
                if (res.status === 200) login.push(performance.now() - t);
                else loginErrors[res.status] = (loginErrors[res.status] ?? 0) + 1;
              },
              () => {
                loginErrors.network = (loginErrors.network ?? 0) + 1;
              },
            );
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
        }, 1000 / a.login.perSec)
      : undefined;
    running = {
      async stop() {
        on = false;
        clearInterval(timer);
        await pinger;
        await Promise.all(inFlight);
        const server = await metrics();
        pings.close();
        logins.close();
        const secs = (performance.now() - t0) / 1000;
        // The server reports delay beyond its 10 ms sampling interval already.
        const eld = server?.eventLoopDelayMs;
        return {
          serverEventLoopMs: eld ? { p50: eld.p50, p99: eld.p99, max: eld.max } : null,
          healthzMs: summarize(healthz),
          logins: {
            ok: login.length,
            perSec: Math.round((login.length / secs) * 10) / 10,
            latencyMs: summarize(login),
            errors: loginErrors,
          },
        };
      },
    };
  },
  async stop() {
    const r = running;
    running = undefined;
    if (!r) throw new Error('probe not running');
    return r.stop();
  },
});
