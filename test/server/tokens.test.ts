import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { assertError, connectAgent, refusedAtConnect } from '../helpers/staff.js';

/** Tokens (PROTOCOL.md "Tokens"): forged, altered and expired staff tokens are refused everywhere. */

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('staff tokens', () => {
  let t: TestServer;
  let secret: Uint8Array;
  let token: string;
  let claims: JWTPayload;

  before(async () => {
    t = await startTestServer();
    await t.createAdmin('root');
    token = await t.login('root');
    claims = decodeJwt(token);
    secret = new Uint8Array(Buffer.from((await readFile(join(t.dataDir, 'jwt-secret'), 'utf8')).trim(), 'base64url'));
  });
  after(() => t.close());

  /** Signs `payload` as the server would (HS256), with the server's own secret unless told otherwise. */
  const sign = (payload: JWTPayload, key: Uint8Array = secret, alg = 'HS256') =>
    new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);

  const refusedEverywhere = async (bad: string, what: string) => {
    assertError(await t.api('GET', '/api/me', { token: bad }), 401, 'unauthorized');
    assertError(await t.api('PUT', '/api/me/status', { token: bad, body: { status: 'online' } }), 401, 'unauthorized');
    assertError(await t.api('GET', '/api/agent-messages', { token: bad }), 401, 'unauthorized');
    assertError(await t.api('GET', '/api/admin/agents', { token: bad }), 401, 'unauthorized');
    const err = await refusedAtConnect(t.url, bad);
    assert.equal(err.message, 'unauthorized', what);
  };

  test('the real token carries the contract claims: HS256, sub, name, role, iat, jti, exp = iat + 12 h', () => {
    assert.equal(decodeProtectedHeader(token).alg, 'HS256');
    assert.equal(claims.sub, 'root');
    assert.equal(claims.name, 'Admin root');
    assert.equal(claims.role, 'admin');
    assert.equal(typeof claims.jti, 'string');
    assert.equal(typeof claims.iat, 'number');
    assert.equal(claims.exp, claims.iat! + 12 * 3600);
  });

  const control =
    'control: the same claims re-signed with the server secret are accepted (so the refusals below are about the ' +
    'change)';
  test(control, async () => {
    const copy = await sign({ ...claims });
    assert.equal((await t.api('GET', '/api/me', { token: copy })).status, 200);
    const { socket, chatsOpen } = await connectAgent(t.url, copy);
    assert.deepEqual(await chatsOpen, { chats: [] });
    socket.close();
  });

  test('a token signed with another secret is refused', async () => {
    await refusedEverywhere(await sign({ ...claims }, new Uint8Array(randomBytes(32))), 'other secret');
  });

  test('an unsigned token (alg: none) is refused', async () => {
    const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
    await refusedEverywhere(none, 'alg none');
    // ...and the same with the real signature kept but the header switched to none.
    const [, payload, signature] = token.split('.');
    await refusedEverywhere(
      `${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`,
      'alg none with signature',
    );
  });

  test('another algorithm with the right secret (HS512) is refused: the algorithm is pinned', async () => {
    await refusedEverywhere(await sign({ ...claims }, secret, 'HS512'), 'HS512');
  });

  test('a staff token whose audience is changed is refused', async () => {
    await refusedEverywhere(await sign({ ...claims, aud: 'switchboard:queue' }), 'aud queue');
    await refusedEverywhere(await sign({ ...claims, aud: 'switchboard:user' }), 'aud user');
    const { aud: _aud, ...noAud } = claims;
    await refusedEverywhere(await sign(noAud), 'no aud');
  });

  test('an expired token is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    await refusedEverywhere(await sign({ ...claims, iat: now - 13 * 3600, exp: now - 3600 }), 'expired');
    await refusedEverywhere(await sign({ ...claims, exp: now - 5 }), 'just expired');
  });

  test('a token without jti or without exp is refused', async () => {
    const { jti: _jti, ...noJti } = claims;
    await refusedEverywhere(await sign(noJti), 'no jti');
    const { exp: _exp, ...noExp } = claims;
    await refusedEverywhere(await sign(noExp), 'no exp');
  });

  test('a token for an unknown session (jti never issued) is refused', async () => {
    await refusedEverywhere(await sign({ ...claims, jti: 'made-up-session' }), 'made-up jti');
  });

  test('a token naming another account than its session is refused', async () => {
    await t.createAgent(token, 'alice');
    await refusedEverywhere(await sign({ ...claims, sub: 'alice', role: 'agent' }), 'sub swapped');
  });

  test('the token travels only in the Authorization header', async () => {
    assertError(await t.api('GET', `/api/me?token=${token}`), 401, 'unauthorized');
    assertError(await t.api('GET', '/api/me', { headers: { authorization: token } }), 401, 'unauthorized');
    assertError(await t.api('GET', '/api/me', { headers: { authorization: `Basic ${token}` } }), 401, 'unauthorized');
    assert.equal(
      (await t.api('GET', '/api/me', { headers: { authorization: `bearer ${token}` } })).status,
      200,
      'the scheme is case-insensitive',
    );
  });

  test('the JWT secret file has mode 0600 and holds at least 256 bits', async () => {
    const info = await stat(join(t.dataDir, 'jwt-secret'));
    assert.equal(info.mode & 0o777, 0o600);
    assert.ok(secret.length * 8 >= 256, `${secret.length * 8} bits`);
  });
});
