import { resolve } from 'node:path';
import { z } from 'zod';
import { checkTimeZone, parseBusinessHours } from './domain/business-hours.js';

/** Every server setting: a flag of `switchboard serve` and an environment variable; flags win. */
export const SETTINGS = {
  port: { flag: '--port', env: 'PORT', default: '3000', help: 'listen port (0 = any free port)' },
  host: { flag: '--host', env: 'HOST', default: '127.0.0.1', help: 'listen address' },
  dataDir: {
    flag: '--data-dir',
    env: 'SWITCHBOARD_DATA_DIR',
    default: './data',
    help: 'SQLite database, JWT secret, mail outbox',
  },
  databaseUrl: {
    flag: '--database-url',
    env: 'SWITCHBOARD_DATABASE_URL',
    default: undefined,
    help:
      'PostgreSQL database, e.g. postgres://user:pass@host:5432/switchboard ' +
      '(default: SQLite in the data directory)',
  },
  databasePool: {
    flag: '--database-pool',
    env: 'SWITCHBOARD_DATABASE_POOL',
    default: '10',
    help: "PostgreSQL connections per node (nodes × pool must stay under the server's max_connections)",
  },
  redisUrl: {
    flag: '--redis-url',
    env: 'SWITCHBOARD_REDIS_URL',
    default: undefined,
    help:
      'Redis for several nodes: socket events reach every node, rate limits are shared, ' +
      'e.g. redis://:pass@host:6379 (default: one node, limits in memory)',
  },
  publicUrl: {
    flag: '--public-url',
    env: 'SWITCHBOARD_PUBLIC_URL',
    default: undefined,
    help: 'base of links in e-mails (default http://HOST:PORT)',
  },
  smtpUrl: {
    flag: '--smtp-url',
    env: 'SWITCHBOARD_SMTP_URL',
    default: undefined,
    help: 'SMTP server for invite e-mails, e.g. smtp://user:pass@host:587 (default: write to the outbox folder)',
  },
  mailFrom: {
    flag: '--mail-from',
    env: 'SWITCHBOARD_MAIL_FROM',
    default: 'Switchboard <switchboard@localhost>',
    help: 'sender of invite e-mails',
  },
  trustProxy: {
    flag: '--trust-proxy',
    env: 'SWITCHBOARD_TRUST_PROXY',
    default: 'false',
    help: 'take the client address from X-Forwarded-For (only behind a proxy)',
  },
  queueJoinsPerMinute: {
    flag: '--queue-joins-per-minute',
    env: 'SWITCHBOARD_QUEUE_JOINS_PER_MINUTE',
    default: '3',
    help: 'queue joins per client address per minute',
  },
  messagesPerSecond: {
    flag: '--messages-per-second',
    env: 'SWITCHBOARD_MESSAGES_PER_SECOND',
    default: '3',
    help: 'chat messages per sender per second',
  },
  loginAttempts: {
    flag: '--login-attempts',
    env: 'SWITCHBOARD_LOGIN_ATTEMPTS',
    default: '5',
    help: 'failed logins per username+address per 15 min before 429',
  },
  abandonAfter: {
    flag: '--abandon-after',
    env: 'SWITCHBOARD_ABANDON_AFTER',
    default: '60',
    help: 'seconds without a poll before a queue entry is dropped',
  },
  agentGrace: {
    flag: '--agent-grace',
    env: 'SWITCHBOARD_AGENT_GRACE',
    default: '60',
    help: 'seconds an agent may stay disconnected before its chats are requeued',
  },
  visitorGrace: {
    flag: '--visitor-grace',
    env: 'SWITCHBOARD_VISITOR_GRACE',
    default: '300',
    help: 'seconds a visitor may have no connection before the chat ends (by "system")',
  },
  idleCloseAfter: {
    flag: '--idle-close-after',
    env: 'SWITCHBOARD_IDLE_CLOSE_AFTER',
    default: '1800',
    help: 'seconds without a message from either side before the chat ends (by "system"); 0: never',
  },
  reassignAfter: {
    flag: '--reassign-after',
    env: 'SWITCHBOARD_REASSIGN_AFTER',
    default: '0',
    help: "seconds a visitor's message may wait for the agent's reply before the chat moves to another agent; 0: never",
  },
  bcryptCost: {
    flag: '--bcrypt-cost',
    env: 'SWITCHBOARD_BCRYPT_COST',
    default: '10',
    help: 'bcrypt cost of new password hashes (4–15; each step doubles the work of a login; existing hashes keep theirs)',
  },
  typingPreview: {
    flag: '--typing-preview',
    env: 'SWITCHBOARD_TYPING_PREVIEW',
    default: 'false',
    help: "forward what the visitor is typing (its draft's last 200 characters) to the agent",
  },
  maxChats: { flag: '--max-chats', env: 'SWITCHBOARD_MAX_CHATS', default: '5', help: 'default open chats per agent' },
  allowedOrigins: {
    flag: '--allowed-origins',
    env: 'SWITCHBOARD_ALLOWED_ORIGINS',
    default: '',
    help: 'extra browser origins allowed to open sockets (comma-separated)',
  },
  inviteTtlHours: {
    flag: '--invite-ttl-hours',
    env: 'SWITCHBOARD_INVITE_TTL_HOURS',
    default: '72',
    help: 'hours an invite link stays valid',
  },
  sqliteSync: {
    flag: '--sqlite-sync',
    env: 'SWITCHBOARD_SQLITE_SYNC',
    default: 'full',
    help: 'full: an acknowledged message survives a power loss; normal: only a process crash (faster)',
  },
  businessHours: {
    flag: '--business-hours',
    env: 'SWITCHBOARD_BUSINESS_HOURS',
    default: undefined,
    help: 'when visitors may join the queue, e.g. "mon-fri 09:00-17:00; sat 10:00-13:00" (default: always open)',
  },
  timezone: {
    flag: '--timezone',
    env: 'SWITCHBOARD_TIMEZONE',
    default: undefined,
    help: "IANA time zone of --business-hours, e.g. Europe/Berlin (default: the machine's)",
  },
  logLevel: {
    flag: '--log-level',
    env: 'SWITCHBOARD_LOG_LEVEL',
    default: 'info',
    help: 'fatal, error, warn, info, debug, trace or silent',
  },
} as const;
export type SettingName = keyof typeof SETTINGS;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Business hours and time zone: checked here, parsed where used (server/app/availability.ts). */
function validHours(text: string, ctx: z.RefinementCtx) {
  try {
    parseBusinessHours(text, 'UTC');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
}
function validTimeZone(zone: string, ctx: z.RefinementCtx) {
  try {
    checkTimeZone(zone);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
}

const schema = z.object({
  port: int(0, 65535),
  host: z.string().min(1),
  dataDir: z
    .string()
    .min(1)
    .transform((d) => resolve(d)),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\/./, 'must start with postgres:// or postgresql://')
    .optional(),
  databasePool: int(2, 1000),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\/./, 'must start with redis:// or rediss://')
    .optional(),
  publicUrl: z
    .url()
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  mailFrom: z.string().min(3),
  trustProxy: bool,
  queueJoinsPerMinute: int(1, 1_000_000),
  messagesPerSecond: int(1, 1_000_000),
  loginAttempts: int(1, 1_000_000),
  abandonAfter: int(1, 86_400),
  agentGrace: int(0, 86_400),
  visitorGrace: int(1, 7 * 86_400),
  idleCloseAfter: int(0, 30 * 86_400),
  reassignAfter: int(0, 86_400),
  bcryptCost: int(4, 15),
  maxChats: int(0, 100),
  typingPreview: bool,
  allowedOrigins: z.string().transform((s) =>
    s
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  ),
  inviteTtlHours: int(1, 24 * 365),
  sqliteSync: z.enum(['full', 'normal']),
  businessHours: z.string().superRefine(validHours).optional(),
  timezone: z.string().superRefine(validTimeZone).optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Merge flags (commander's camelCase options), then env, then defaults; validate once. */
export function loadConfig(
  flags: Partial<Record<SettingName, string | boolean | number>>,
  env: NodeJS.ProcessEnv = process.env,
): Config {
  const raw: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(SETTINGS) as [SettingName, (typeof SETTINGS)[SettingName]][]) {
    const v = flags[name] ?? env[s.env] ?? s.default;
    if (v !== undefined && v !== '') raw[name] = String(v);
    else if (name === 'allowedOrigins') raw[name] = '';
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const s = SETTINGS[issue.path[0] as SettingName];
    // URLs may carry a password: never echo it.
    const shown = String(raw[issue.path[0] as string] ?? '').replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
    throw new ConfigError(
      `invalid ${s ? `${s.flag} / ${s.env}` : String(issue.path[0])} (${JSON.stringify(shown)}): ${issue.message}`,
    );
  }
  return parsed.data;
}

/** Typed overrides for tests and embedding: same validation, no env. */
export function makeConfig(overrides: Partial<Record<SettingName, string | number | boolean>>): Config {
  return loadConfig(overrides, {});
}
