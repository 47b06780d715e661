import { randomBytes, randomUUID, webcrypto } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '../protocol/errors.js';
import type { Role } from '../protocol/models.js';

const ALG = 'HS256';
const ISSUER = 'switchboard';
/** Each kind of token has its own audience, so one is never accepted where another is expected. */
export const AUDIENCE = {
  staff: 'switchboard:staff',
  queue: 'switchboard:queue',
  user: 'switchboard:user',
} as const;
export type TokenKind = keyof typeof AUDIENCE;

export const LIFETIME_SECONDS = { staff: 12 * 3600, queue: 2 * 3600, user: 24 * 3600 } as const;

export interface StaffClaims {
  sub: string;
  name: string;
  role: Role;
  jti: string;
  iat: number;
  exp: number;
}
export interface QueueClaims {
  name: string;
  jti: string;
  iat: number;
  exp: number;
}
export interface UserClaims {
  name: string;
  chatId: string;
  jti: string;
  iat: number;
  exp: number;
}
type ClaimsOf = { staff: StaffClaims; queue: QueueClaims; user: UserClaims };

export interface Signed {
  token: string;
  jti: string;
  exp: number;
}

/** Why a token was refused, for the log (the caller only ever hears `unauthorized`). */
export type RefusalReason = 'missing' | 'expired' | 'invalid' | 'revoked';

/** `unauthorized`, with the reason kept for the log. */
export class TokenRefused extends AppError {
  constructor(
    readonly reason: RefusalReason,
    message = 'Missing, invalid or expired token.',
  ) {
    super('unauthorized', message);
  }
}

export const refusalReason = (e: unknown): RefusalReason => (e instanceof TokenRefused ? e.reason : 'invalid');

export const SECRET_FILE = 'jwt-secret';

/** Reads the signing secret from the data dir, creating 256 random bits (mode 0600) on first start. */
export function loadOrCreateSecret(dataDir: string): Uint8Array {
  const file = join(dataDir, SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const text = readFileSync(file, 'utf8').trim();
  const secret = Buffer.from(text, 'base64url');
  if (secret.length < 32) throw new Error(`${file} holds fewer than 256 bits; delete it to generate a new one`);
  return new Uint8Array(secret);
}

export interface TokenService {
  sign<K extends TokenKind>(
    kind: K,
    claims: Omit<ClaimsOf[K], 'iat' | 'exp' | 'jti'> & { jti?: string },
  ): Promise<Signed>;
  /** Verifies signature, algorithm, issuer, audience and expiry; throws `unauthorized`. */
  verify<K extends TokenKind>(kind: K, token: string): Promise<ClaimsOf[K]>;
}

/** Verified tokens are remembered (bounded) until they expire: queue polls verify the same token often. */
const CACHE_MAX = 100_000;

export function createTokenService(secret: Uint8Array, now: () => number = Date.now): TokenService {
  const verified = new Map<string, { kind: TokenKind; claims: JWTPayload }>();
  // Imported once as an HMAC-SHA-256 key: jose would otherwise import the raw bytes on every call
  // (about a third of the cost of signing a queue token).
  const key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  return {
    async sign(kind, claims) {
      const { jti = randomUUID(), ...rest } = claims as Record<string, unknown> & { jti?: string };
      const iat = Math.floor(now() / 1000);
      const exp = iat + LIFETIME_SECONDS[kind];
      const token = await new SignJWT({ ...rest, typ: kind } as JWTPayload)
        .setProtectedHeader({ alg: ALG, typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE[kind])
        .setJti(jti)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(await key);
      return { token, jti, exp: exp * 1000 };
    },
    async verify(kind, token) {
      const hit = verified.get(token);
      if (hit && hit.kind === kind && (hit.claims.exp ?? 0) * 1000 > now()) return hit.claims as never;
      if (hit) verified.delete(token);
      try {
        const { payload } = await jwtVerify(token, await key, {
          algorithms: [ALG],
          issuer: ISSUER,
          audience: AUDIENCE[kind],
          requiredClaims: ['exp', 'iat', 'jti'],
          currentDate: new Date(now()),
        });
        if (payload.typ !== kind) throw new Error('wrong token type');
        if (verified.size >= CACHE_MAX) verified.delete(verified.keys().next().value!);
        verified.set(token, { kind, claims: payload });
        return payload as never;
      } catch (e) {
        throw new TokenRefused((e as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid');
      }
    },
  };
}
