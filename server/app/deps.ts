import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Mailer } from '../mail/mailer.js';
import type { PasswordHasher } from '../security/passwords.js';
import type { RateLimits } from '../security/rate-limits.js';
import type { TokenService } from '../security/tokens.js';
import type { CannedStore } from './ports/canned.js';
import type { ChatStore } from './ports/chat-store.js';
import type { HistoryStore } from './ports/history.js';
import type { ChatStatsStore, OfflineMessageStore } from './ports/offline-messages.js';
import type { Store } from './ports/store.js';
import type { VisitorStore } from './ports/visitor-store.js';

/** Everything a use case may touch, passed in by the composition root (server/main.ts). */
export interface AppDeps {
  config: Config;
  store: Store;
  chatStore: ChatStore;
  offlineMessages: OfflineMessageStore;
  chatStats: ChatStatsStore;
  visitorStore: VisitorStore;
  canned: CannedStore;
  /** Ended chats, searched (contract v2, history and search). */
  history: HistoryStore;
  tokens: TokenService;
  passwords: PasswordHasher;
  limits: RateLimits;
  mailer: Mailer;
  log: Logger;
  now: () => number;
  newId: () => string;
  /** Base of links in e-mails: --public-url, or the address the server listens on. */
  publicUrl: () => string;
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

export const effectiveMaxChats = (deps: Pick<AppDeps, 'config'>, maxChats: number | null) =>
  maxChats ?? deps.config.maxChats;
