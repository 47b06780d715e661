import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ROUTING_STRATEGIES,
  leastLoaded,
  type AgentLoad,
  type RoutingName,
} from '../../server/domain/routing/index.js';

const agent = (username: string, openChats: number, maxChats = 3, idleSince = 0): AgentLoad => ({
  username,
  openChats,
  maxChats,
  idleSince,
});

test('picks the agent with the fewest open chats', () => {
  assert.equal(leastLoaded([agent('ann', 2), agent('bob', 0), agent('cy', 1)]), 'bob');
});

test('skips agents at capacity; undefined when nobody has room', () => {
  assert.equal(leastLoaded([agent('ann', 0, 0), agent('bob', 2, 3)]), 'bob');
  assert.equal(leastLoaded([agent('ann', 3, 3), agent('bob', 4, 3)]), undefined);
  assert.equal(leastLoaded([]), undefined);
});

test('ties go to the agent idle longest, then username ascending', () => {
  assert.equal(leastLoaded([agent('ann', 1, 3, 500), agent('bob', 1, 3, 100)]), 'bob');
  assert.equal(leastLoaded([agent('cy', 1, 3, 100), agent('bob', 1, 3, 100), agent('dee', 1, 3, 50)]), 'dee');
  assert.equal(leastLoaded([agent('cy', 1, 3, 100), agent('bob', 1, 3, 100)]), 'bob');
  // Load beats idle time.
  assert.equal(leastLoaded([agent('ann', 2, 3, 0), agent('bob', 1, 3, 999)]), 'bob');
});

test('registry exposes least-loaded by name', () => {
  const name: RoutingName = 'least-loaded';
  assert.equal(ROUTING_STRATEGIES[name], leastLoaded);
  assert.deepEqual(Object.keys(ROUTING_STRATEGIES), ['least-loaded']);
});

test('property: result is the minimum by (openChats, idleSince, username) among agents with room', () => {
  const agentArb = fc.record({
    username: fc.string({ minLength: 1, maxLength: 4 }),
    openChats: fc.nat(5),
    maxChats: fc.nat(5),
    idleSince: fc.nat(10),
  });
  const uniqueAgents = fc.uniqueArray(agentArb, { selector: (a) => a.username, maxLength: 8 });
  fc.assert(
    fc.property(uniqueAgents, (agents) => {
      const snapshot = JSON.stringify(agents);
      const eligible = agents.filter((a) => a.openChats < a.maxChats);
      const sorted = [...eligible].sort(
        (a, b) =>
          a.openChats - b.openChats ||
          a.idleSince - b.idleSince ||
          (a.username < b.username ? -1 : a.username > b.username ? 1 : 0),
      );
      assert.equal(leastLoaded(agents), sorted[0]?.username);
      // Order of candidates must not matter, and input is not mutated.
      assert.equal(leastLoaded([...agents].reverse()), sorted[0]?.username);
      assert.equal(JSON.stringify(agents), snapshot);
    }),
    { numRuns: 300 },
  );
});
