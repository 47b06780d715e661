import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Presence } from '../domain/presence.js';
import type { Mailer } from '../mail/mailer.js';
import type { PasswordHasher } from '../security/passwords.js';
import type { RateLimits } from '../security/rate-limits.js';
import type { TokenService } from '../security/tokens.js';
import type { Store } from '../store/port.js';

/** Everything a use case may touch, passed in by the composition root (server/main.ts). */
export interface AppDeps {
  config: Config;
  store: Store;
  tokens: TokenService;
  passwords: PasswordHasher;
  limits: RateLimits;
  mailer: Mailer;
  presence: Presence;
  log: Logger;
  now: () => number;
  newId: () => string;
  /** Base of links in e-mails: --public-url, or the address the server listens on. */
  publicUrl: () => string;
  /** Open chats an account holds right now (the chat engine answers these two). */
  openChatsOf: (username: string) => Promise<number>;
  /** Whether the account has a live /agent connection (on any node, with a shared store). */
  isConnected: (username: string) => Promise<boolean>;
}

/** The authenticated staff member behind a request or socket. */
export interface Principal {
  username: string;
  name: string;
  role: 'agent' | 'admin';
  jti: string;
  /** When the token expires (epoch seconds). */
  exp: number;
}

export const effectiveMaxChats = (deps: AppDeps, maxChats: number | null) => maxChats ?? deps.config.maxChats;
