import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertError } from '../helpers/staff.js';

/** Canned responses (PROTOCOL.md "Contract v2 additions", "Canned responses"). */
describe('canned responses', () => {
  let t: TestServer;
  const tokens: Record<string, string> = {};

  before(async () => {
    t = await startTestServer();
    await t.createAdmin('root');
    tokens.root = await t.login('root');
    for (const u of ['alice', 'bob']) {
      await t.createAgent(tokens.root, u);
      tokens[u] = await t.login(u);
    }
  });
  after(() => t.close());

  const add = (who: string, body: unknown) => t.api('POST', '/api/canned', { token: tokens[who], body });
  const list = async (who: string) => {
    const res = await t.api('GET', '/api/canned', { token: tokens[who] });
    assert.equal(res.status, 200);
    return res.body.canned as { id: string; shortcut: string; body: string; scope: string; owner?: string }[];
  };

  test('an admin adds a team reply; every agent sees it, with no owner', async () => {
    const res = await add('root', { shortcut: 'hello', body: 'Hi {visitor.name}, {agent.name} here.', scope: 'team' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const c = res.body.canned;
    assert.deepEqual(
      { shortcut: c.shortcut, body: c.body, scope: c.scope, owner: c.owner },
      { shortcut: 'hello', body: 'Hi {visitor.name}, {agent.name} here.', scope: 'team', owner: undefined },
    );
    assert.equal(typeof c.id, 'string');
    for (const who of ['alice', 'bob'])
      assert.deepEqual(
        (await list(who)).map((x) => x.shortcut),
        ['hello'],
      );
  });

  test("personal replies are their owner's alone; team ones come first", async () => {
    const res = await add('alice', { shortcut: 'bye', body: 'Have a nice day!', scope: 'personal' });
    assert.equal(res.status, 201);
    assert.equal(res.body.canned.owner, 'alice');
    // The same shortcut in another owner's personal scope is fine.
    assert.equal((await add('bob', { shortcut: 'bye', body: 'Bye!', scope: 'personal' })).status, 201);
    assert.deepEqual(
      (await list('alice')).map((x) => `${x.scope}:${x.shortcut}`),
      ['team:hello', 'personal:bye'],
    );
    assert.deepEqual(
      (await list('bob')).map((x) => x.body),
      ['Hi {visitor.name}, {agent.name} here.', 'Bye!'],
    );
  });

  test('a shortcut taken in its scope → 409; team scope for agents → 403', async () => {
    assertError(await add('alice', { shortcut: 'bye', body: 'again', scope: 'personal' }), 409, 'conflict');
    assertError(await add('root', { shortcut: 'hello', body: 'again', scope: 'team' }), 409, 'conflict');
    assertError(await add('alice', { shortcut: 'team1', body: 'x', scope: 'team' }), 403, 'forbidden');
    // A personal reply may share a team reply's shortcut.
    assert.equal((await add('alice', { shortcut: 'hello', body: 'My hello', scope: 'personal' })).status, 201);
  });

  test('every limit of the body → 400 invalid_request', async () => {
    const bad: unknown[] = [
      {},
      { shortcut: 'ok', body: 'x' },
      { shortcut: 'ok', body: 'x', scope: 'everyone' },
      { shortcut: '', body: 'x', scope: 'personal' },
      { shortcut: 'Upper', body: 'x', scope: 'personal' },
      { shortcut: '-dash', body: 'x', scope: 'personal' },
      { shortcut: 'has space', body: 'x', scope: 'personal' },
      { shortcut: 'a'.repeat(33), body: 'x', scope: 'personal' },
      { shortcut: 'ok', body: '', scope: 'personal' },
      { shortcut: 'ok', body: '   ', scope: 'personal' },
      { shortcut: 'ok', body: 'x'.repeat(4001), scope: 'personal' },
      { shortcut: 'ok', body: 42, scope: 'personal' },
      { shortcut: 'ok', body: 'x', scope: 'personal', extra: true },
    ];
    for (const body of bad) assertError(await add('alice', body), 400, 'invalid_request');
    assert.equal(
      (await add('alice', { shortcut: 'a'.repeat(32), body: 'x'.repeat(4000), scope: 'personal' })).status,
      201,
    );
    assertError(await t.api('GET', '/api/canned'), 401, 'unauthorized');
  });

  test('PATCH: the owner edits a personal reply; others get 404; team replies only admins', async () => {
    const mine = (await list('alice')).find((x) => x.scope === 'personal' && x.shortcut === 'bye')!;
    const team = (await list('alice')).find((x) => x.scope === 'team')!;
    const patch = (who: string, id: string, body: unknown) =>
      t.api('PATCH', `/api/canned/${id}`, { token: tokens[who], body });

    const res = await patch('alice', mine.id, { body: 'Have a great day!' });
    assert.equal(res.status, 200);
    assert.equal(res.body.canned.body, 'Have a great day!');
    assert.equal(res.body.canned.shortcut, 'bye');
    assertError(await patch('bob', mine.id, { body: 'mine now' }), 404, 'not_found');
    assertError(await patch('alice', team.id, { body: 'edited' }), 403, 'forbidden');
    assertError(await patch('alice', mine.id, {}), 400, 'invalid_request');
    assertError(await patch('alice', mine.id, { shortcut: 'Bad Shortcut' }), 400, 'invalid_request');
    assertError(await patch('alice', mine.id, { shortcut: 'hello' }), 409, 'conflict');
    assertError(await patch('alice', 'no-such-id', { body: 'x' }), 404, 'not_found');

    const renamed = await patch('root', team.id, { shortcut: 'greet' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.canned.shortcut, 'greet');
    assert.equal(renamed.body.canned.body, 'Hi {visitor.name}, {agent.name} here.');
  });

  test('DELETE: 204 for the owner (admins for team ones); the reply is gone for everyone', async () => {
    const [team] = (await list('bob')).filter((x) => x.scope === 'team');
    const [bobs] = (await list('bob')).filter((x) => x.scope === 'personal');
    const del = (who: string, id: string) => t.api('DELETE', `/api/canned/${id}`, { token: tokens[who] });
    assertError(await del('alice', bobs!.id), 404, 'not_found');
    assertError(await del('bob', team!.id), 403, 'forbidden');
    assert.equal((await del('bob', bobs!.id)).status, 204);
    assert.equal((await del('root', team!.id)).status, 204);
    assertError(await del('root', team!.id), 404, 'not_found');
    assert.deepEqual(await list('bob'), []);
  });
});
