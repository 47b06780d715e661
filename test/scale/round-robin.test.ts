import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'socket.io-client';
import { browserSkip, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { clusterSkip, login, startSharedBackends, type SharedBackends } from '../helpers/cluster.js';
import { freePort } from '../helpers/ports.js';
import type { ServerProcess } from '../helpers/process-server.js';
import { binarySkip, connectDefault, portOf, socketsPerNode, startNginx, type NginxProxy } from '../helpers/proxy.js';
import { connectFor, emitAck, eventually, nextEvent } from '../helpers/sockets.js';
import { sleep } from '../helpers/staff.js';
import { joinAs, openVisitor, send, unexpected, waitForMessage, waitForView } from '../web/visitor-page.js';

// docs/deployment.md claims that without a load balancer's sticky sessions our clients still
// work, because they use the WebSocket transport. Here the committed deploy/nginx.conf runs with
// its stickiness line (`hash $remote_addr consistent;`) removed, so nginx balances round-robin,
// in front of two real nodes (from dist/: `npm run build` first) on one PostgreSQL and one Redis:
//   (a) the real visitor page in Chromium joins, waits and chats with an agent (WebSocket-only
//       socket.io-client), everything through the proxy;
//   (b) the requests really were spread over both nodes;
//   (c) Socket.IO's default transports (long-polling first) fail through it: the polls of one
//       session reach the node that does not hold it (400 "Session ID unknown"), which is why
//       polling clients need sticky sessions.
// The test also sets `worker_processes 1` (the committed file says `auto`): each nginx worker keeps
// its own round-robin, so with several workers the node a request reaches depends on which worker
// took the connection, and a polling client sometimes gets lucky (4 connects out of 20 with two
// workers here). One worker alternates strictly, which makes (b) and (c) deterministic.

const STICKY = /^\s*hash \$remote_addr consistent;\n/m;
const WORKERS = /^worker_processes auto;$/m;

function roundRobin(committed: string): string {
  assert.match(committed, STICKY, 'deploy/nginx.conf is sticky by `hash $remote_addr consistent;`');
  assert.match(committed, WORKERS);
  const conf = committed.replace(STICKY, '').replace(WORKERS, 'worker_processes 1;');
  assert.doesNotMatch(conf, /^\s*(hash|ip_hash|sticky|least_conn)\b/m, 'no balancing method left but round-robin');
  return conf;
}

const skip = clusterSkip ?? binarySkip('nginx') ?? browserSkip;

let backends: SharedBackends | undefined;
let browser: TestBrowser | undefined;
let proxy: NginxProxy | undefined;
let nodes: ServerProcess[] = [];
let root = '';
const sockets: Socket[] = [];

before(async () => {
  if (skip) return;
  // One after the other, so that after() finds whatever did start.
  browser = await launchBrowser();
  backends = await startSharedBackends();
  const c = await backends.cluster();
  // The page's origin is the proxy's: the nodes allow it as their --public-url.
  const port = await freePort();
  const flags = ['--redis-url', backends.redisUrl, '--trust-proxy', '--public-url', `http://127.0.0.1:${port}`];
  nodes = [await c.node(flags), await c.node(flags)];
  root = await login(nodes[0]!.url, 'root');
  await c.addAgents(root, ['alice']);
  proxy = await startNginx(nodes.map(portOf), { port, edit: roundRobin });
});

after(async () => {
  for (const s of sockets.splice(0)) s.close();
  await proxy?.stop();
  await browser?.close();
  await backends?.close();
});

/**
 * nginx's access log from line `from` on: the node that answered (its index; -1 for none), status,
 * request line, User-Agent.
 */
async function logged(from = 0): Promise<{ node: number; status: number; request: string; agent: string }[]> {
  const ports = nodes.map((n) => `127.0.0.1:${portOf(n)}`);
  return (await proxy!.accessLog())
    .split('\n')
    .slice(from)
    .filter(Boolean)
    .map((line) => {
      const m = /^(\S+) (\d+) "([^"]*)" "([^"]*)"$/.exec(line);
      assert.ok(m, `access log line ${line}`);
      return { node: ports.indexOf(m[1]!), status: Number(m[2]), request: m[3]!, agent: m[4]! };
    });
}

/** Opens /agent sockets through the proxy until one lands on node `index` (each node's metrics say where). */
async function agentSocketOn(index: number, token: string): Promise<Socket> {
  for (let tries = 0; tries < 4; tries++) {
    const before = (await socketsPerNode(nodes, root))[index]!.agentSockets;
    const { socket } = await connectFor(proxy!.url, '/agent', { token }, 'chats:open');
    sockets.push(socket);
    if ((await socketsPerNode(nodes, root))[index]!.agentSockets > before) return socket;
  }
  assert.fail(`4 connections through the proxy, none on node ${index + 1}`);
}

test('deploy/nginx.conf without its stickiness (round-robin) in front of two nodes', {
  skip,
  timeout: 60_000,
}, async (t) => {
  const why = () => `\nnginx output:\n${proxy!.output()}`;

  await t.test(
    '(a) the visitor page in Chromium joins, waits and chats over WebSockets with an agent on whichever node',
    async () => {
      const logStart = (await logged()).length;
      const { page, problems, requests } = await openVisitor(browser!, proxy!.url);
      const websockets: string[] = [];
      page.on('websocket', (ws) => void websockets.push(ws.url()));
      await waitForView(page, 'home');
      await joinAs(page, 'Grace');
      await waitForView(page, 'queue');
      await page.locator('#queue-line').getByText('0 agents online').waitFor();

      // The agent comes online through the proxy (WebSocket only, like the TUI): the page is told
      // (queue:turn, through Redis if its /queue socket is on the other node) and starts the chat.
      const alice = await login(proxy!.url, 'alice');
      const { socket: first } = await connectFor(proxy!.url, '/agent', { token: alice }, 'chats:open');
      sockets.push(first);
      await waitForView(page, 'chat').catch((e: Error) =>
        assert.fail(`${e.message}\nthe page's problems: ${problems.join('; ')}${why()}`),
      );
      const { chatId } = await eventually(first, 'chat:assigned');
      assert.equal(await page.locator('#agent-name').textContent(), 'Agent alice');

      // Whichever node the page's /visitor socket reached, the agent answers from a socket on the
      // other one (another connection through the proxy if the first landed on the same node).
      const placed = await socketsPerNode(nodes, root);
      assert.equal(
        placed.reduce((n, p) => n + p.visitorSockets, 0),
        1,
        JSON.stringify(placed),
      );
      assert.equal(
        placed.reduce((n, p) => n + p.agentSockets, 0),
        1,
        JSON.stringify(placed),
      );
      const visitorNode = placed.findIndex((p) => p.visitorSockets > 0);
      const firstNode = placed.findIndex((p) => p.agentSockets > 0);
      const agent = firstNode !== visitorNode ? first : await agentSocketOn(1 - visitorNode, alice);
      t.diagnostic(
        `the page's /visitor socket on node ${visitorNode + 1}, ` +
          `the agent's first /agent socket on node ${firstNode + 1}, ` +
          `the one answering on node ${2 - visitorNode}`,
      );

      const atAgent = nextEvent(agent, 'chat:message', 5000, (m: any) => m.from.role === 'visitor');
      await send(page, 'Hello through a round-robin proxy');
      assert.equal((await atAgent).body, 'Hello through a round-robin proxy');
      assert.equal(
        (await emitAck(agent, 'chat:send', { chatId, body: 'Hi Grace, WebSockets need no stickiness' })).ok,
        true,
      );
      await waitForMessage(page, 'Hi Grace, WebSockets need no stickiness');

      // Every Socket.IO connection of the page was a WebSocket: no long-poll was even tried.
      assert.deepEqual(
        requests.filter((r) => r.url.includes('transport=polling')),
        [],
        'the page long-polled',
      );
      assert.ok(
        websockets.length >= 2 && websockets.every((u) => u.includes('transport=websocket')),
        `the page's sockets: ${JSON.stringify(websockets)}`,
      );
      assert.deepEqual(unexpected(problems, ['409 POST /api/chat/start']), [], why());

      await page.context().close();
      const pageRequests = (await logged(logStart)).filter((l) => l.agent.startsWith('Mozilla/'));
      assert.ok(pageRequests.length > 0, `the page's requests are in nginx's access log${why()}`);
    },
  );

  await t.test(
    '(b) the requests were spread: the page was served by both nodes, and WebSockets in a row alternate',
    async () => {
      const page = (await logged()).filter((l) => l.agent.startsWith('Mozilla/'));
      const perNode = nodes.map((_, i) => page.filter((l) => l.node === i).length);
      t.diagnostic(
        `the page's ${page.length} requests answered per node (nginx $upstream_addr): ${JSON.stringify(perNode)}`,
      );
      assert.ok(
        perNode.every((n) => n > 0),
        `every node answered some of the page's requests: ${JSON.stringify(perNode)}`,
      );

      // Nothing else in flight: two more WebSocket-only agents in a row reach one node each.
      for (const s of sockets.splice(0)) s.close();
      for (
        let deadline = Date.now() + 3000;
        (await socketsPerNode(nodes, root)).some((p) => p.agentSockets > 0);
        await sleep(50)
      ) {
        if (Date.now() > deadline) assert.fail('the agent socket did not close');
      }
      const alice = await login(nodes[0]!.url, 'alice');
      for (let i = 0; i < 2; i++)
        sockets.push((await connectFor(proxy!.url, '/agent', { token: alice }, 'chats:open')).socket);
      assert.deepEqual(
        (await socketsPerNode(nodes, root)).map((p) => p.agentSockets),
        [1, 1],
        'each node (its own metrics) holds one of the two sockets',
      );
      for (const s of sockets.splice(0)) s.close();
    },
  );

  await t.test(
    '(c) Socket.IO default transports (long-polling first) fail: the next poll reaches the other node, ' +
      '400 "Session ID unknown"',
    async () => {
      const alice = await login(nodes[0]!.url, 'alice');
      const logStart = (await logged()).length;
      const err: any = await connectDefault(proxy!.url, alice).then(
        ({ socket }) => {
          socket.close();
          assert.fail(`connected through the round-robin proxy with long-polling${why()}`);
        },
        (e: unknown) => e,
      );
      assert.match(err.message, /^xhr (post|poll) error$/);
      assert.equal(err.description, 400);

      // nginx's log: the handshake went to one node, the session's next requests to the other.
      const polls = (await logged(logStart)).filter((l) => l.agent === 'node-XMLHttpRequest');
      const handshake = polls.find((l) => !l.request.includes('sid='));
      assert.equal(handshake?.status, 200, JSON.stringify(polls));
      const refused = polls.filter((l) => l.status === 400);
      assert.ok(refused.length > 0 && refused.every((l) => l.node === 1 - handshake!.node), JSON.stringify(polls));

      // The same two steps by hand: handshake, then one poll with its session id.
      const open = await (await fetch(`${proxy!.url}/socket.io/?EIO=4&transport=polling`)).text();
      assert.match(open, /^0\{/);
      const sid = JSON.parse(open.slice(1)).sid as string;
      const poll = await fetch(`${proxy!.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`);
      assert.equal(poll.status, 400);
      assert.deepEqual(await poll.json(), { code: 1, message: 'Session ID unknown' });
    },
  );
});
