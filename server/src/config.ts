import { isIP } from 'node:net';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

/** A per-minute or per-hour count for one rate limit. */
const perWindow = (fallback: number) => z.coerce.number({ error: 'must be a whole number (1 or more)' }).int().min(1).max(1_000_000).default(fallback);

/** A named range Express knows (`loopback`, `linklocal`, `uniquelocal`) or an address with an optional `/prefix`. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/**
 * `TRUST_PROXY` in the forms Express's `trust proxy` takes: `true`/`false`, a hop count, or a
 * comma-separated list of proxy addresses, subnets and named ranges.
 */
const trustProxy = z
  .string()
  .default('false')
  .transform((value, ctx): boolean | number | string[] => {
    const trimmed = value.trim().toLowerCase();
    if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    const entries = trimmed.split(',').map((entry) => entry.trim()).filter(Boolean);
    const bad = entries.find((entry) => !isProxyAddress(entry));
    if (entries.length === 0 || bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `must be true, false, a hop count, or a comma-separated list of proxy addresses or subnets${bad ? ` ("${bad}" is none of those)` : ''}` });
      return z.NEVER;
    }
    return entries;
  });

const databaseUrl = z
  .string()
  .refine((url) => /^sqlite:.+/.test(url) || /^mysql:\/\/.+/.test(url), {
    message: 'must be sqlite:PATH (for example sqlite:data/openslot.db) or mysql://user:pass@host:port/db',
  });

const envSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number (0 to 65535)' }).int().min(0).max(65535).default(3000),
  // The interface to listen on: loopback unless a deployment says otherwise (README: HOST).
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: trustProxy,
  RATE_LIMITS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  REDIS_KEY_PREFIX: z.string().max(100).default('openslot:rl:'),
  RATE_LIMIT_SLOTS_PER_MINUTE: perWindow(600),
  RATE_LIMIT_BOOKINGS_PER_MINUTE: perWindow(30),
  RATE_LIMIT_BOOKINGS_PER_EMAIL_PER_HOUR: perWindow(10),
  RATE_LIMIT_BOOKINGS_PER_HOST_PER_HOUR: perWindow(60),
  RATE_LIMIT_PUBLIC_PER_MINUTE: perWindow(120),
  RATE_LIMIT_API_KEY_PER_MINUTE: perWindow(1200),
  MAIL_DAILY_LIMIT_PER_RECIPIENT: perWindow(20),
  DATABASE_URL: databaseUrl.default('sqlite:data/openslot.db'),
  OPENSLOT_ADMIN_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().default('OpenSlot <no-reply@openslot.local>'),
  SVIX_AUTH_TOKEN: z.string().optional(),
  SVIX_SERVER_URL: z.url().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_URL: z.url().optional(),
  STRIPE_CONNECT_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_CONNECT: booleanFlag,
  // Minutes a booking waiting for payment holds its time. Fractions are for tests (the e2e holds 30 s).
  PAYMENT_HOLD_MINUTES: z.coerce.number({ error: 'must be a number of minutes' }).gt(0, 'must be more than 0').max(60, 'must be at most 60').default(15),
  WEBHOOK_ALLOW_PRIVATE_URLS: booleanFlag,
  JITSI_BASE_URL: z.url().default('https://meet.jit.si'),
  MIROTALK_BASE_URL: z.url().default('https://p2p.mirotalk.com'),
  EIGHT_BY_EIGHT_BASE_URL: z.url().default('https://8x8.vc'),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  GOOGLE_OAUTH_URL: z.url().optional(),
  GOOGLE_API_URL: z.url().optional(),
  MICROSOFT_CLIENT_ID: z.string().optional(),
  MICROSOFT_CLIENT_SECRET: z.string().optional(),
  MICROSOFT_LOGIN_URL: z.url().optional(),
  MICROSOFT_GRAPH_URL: z.url().optional(),
  DEMO_SITE_URL: z.url().default('http://localhost:4000'),
  CALENDAR_SLOTS_BUDGET_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(50).max(60_000).default(2_500),
  CALENDAR_BOOKING_BUDGET_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(50).max(60_000).default(8_000),
  // Lifetimes of the host's browser credentials: session tokens, console sign-in links and console sessions.
  SESSION_TOKEN_MINUTES: z.coerce.number({ error: 'must be a whole number of minutes' }).int().min(5, 'must be at least 5').max(720, 'must be at most 720 (12 hours)').default(60),
  // Fractions are for tests (the e2e's links live 30 s).
  SIGN_IN_LINK_MINUTES: z.coerce.number({ error: 'must be a number of minutes' }).gt(0, 'must be more than 0').max(60, 'must be at most 60').default(15),
  CONSOLE_SESSION_DAYS: z.coerce.number({ error: 'must be a whole number of days' }).int().min(1).max(90, 'must be at most 90').default(7),
  RETENTION_DAYS: z.coerce.number({ error: 'must be a whole number of days (1 or more)' }).int().min(1).max(3650).default(30),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

/** Requests one subject may make per window; each is a `RATE_LIMIT_*` variable (README). */
export interface RateLimitSettings {
  slotsPerMinute: number;
  bookingsPerMinute: number;
  bookingsPerEmailPerHour: number;
  bookingsPerHostPerHour: number;
  publicPerMinute: number;
  apiKeyPerMinute: number;
}

export interface Config {
  port: number;
  /** The bind address (`HOST`). */
  host: string;
  /** Express's `trust proxy`: which hops' `X-Forwarded-For` decides the client address. */
  trustProxy: boolean | number | string[];
  /** null with `RATE_LIMITS=off`. */
  rateLimits: RateLimitSettings | null;
  /** Rate-limit counters shared through Redis; null keeps them in this process's memory. */
  redis: { url: string; keyPrefix: string } | null;
  /** Booking emails one booker or guest address may be sent per UTC day. */
  mailDailyLimitPerRecipient: number;
  publicUrl: string;
  databaseUrl: string;
  adminKey: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  svix: { authToken: string; serverUrl: string | null } | null;
  /**
   * Paid event types. `connect`: each user or team is paid into the Stripe account they connect
   * (direct charges); off, every payment goes to the platform's own account (one-account mode).
   */
  stripe: { secretKey: string; webhookSecret: string | null; connectWebhookSecret: string | null; apiUrl: string | null; connect: boolean } | null;
  paymentHoldMinutes: number;
  webhookAllowPrivateUrls: boolean;
  locations: { jitsiBaseUrl: string; mirotalkBaseUrl: string; eightByEightBaseUrl: string };
  calendars: {
    google: { clientId: string; clientSecret: string; oauthUrl: string | null; apiUrl: string | null } | null;
    microsoft: { clientId: string; clientSecret: string; loginUrl: string | null; graphUrl: string | null } | null;
    /** How long the slots view waits for a calendar, and a booking check before failing closed. */
    slotsBudgetMs: number;
    bookingBudgetMs: number;
  };
  /** The demo site, whose calendar feed `openslot seed --demo` connects to the demo host. */
  demoSiteUrl: string;
  /** Default lifetime of a session token; how long a console sign-in link and a console session last. */
  sessions: { tokenMinutes: number; signInLinkMinutes: number; consoleDays: number };
  /** Days webhook events (with their deliveries) and finished jobs are kept. */
  retentionDays: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once at start; a bad value stops the process with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY,
    rateLimits:
      e.RATE_LIMITS === 'off'
        ? null
        : {
            slotsPerMinute: e.RATE_LIMIT_SLOTS_PER_MINUTE,
            bookingsPerMinute: e.RATE_LIMIT_BOOKINGS_PER_MINUTE,
            bookingsPerEmailPerHour: e.RATE_LIMIT_BOOKINGS_PER_EMAIL_PER_HOUR,
            bookingsPerHostPerHour: e.RATE_LIMIT_BOOKINGS_PER_HOST_PER_HOUR,
            publicPerMinute: e.RATE_LIMIT_PUBLIC_PER_MINUTE,
            apiKeyPerMinute: e.RATE_LIMIT_API_KEY_PER_MINUTE,
          },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : null,
    mailDailyLimitPerRecipient: e.MAIL_DAILY_LIMIT_PER_RECIPIENT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    adminKey: e.OPENSLOT_ADMIN_KEY ?? null,
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    svix: e.SVIX_AUTH_TOKEN ? { authToken: e.SVIX_AUTH_TOKEN, serverUrl: e.SVIX_SERVER_URL ?? null } : null,
    stripe: e.STRIPE_SECRET_KEY
      ? {
          secretKey: e.STRIPE_SECRET_KEY,
          webhookSecret: e.STRIPE_WEBHOOK_SECRET ?? null,
          connectWebhookSecret: e.STRIPE_CONNECT_WEBHOOK_SECRET ?? null,
          apiUrl: e.STRIPE_API_URL ?? null,
          connect: e.STRIPE_CONNECT,
        }
      : null,
    paymentHoldMinutes: e.PAYMENT_HOLD_MINUTES,
    webhookAllowPrivateUrls: e.WEBHOOK_ALLOW_PRIVATE_URLS,
    locations: { jitsiBaseUrl: e.JITSI_BASE_URL, mirotalkBaseUrl: e.MIROTALK_BASE_URL, eightByEightBaseUrl: e.EIGHT_BY_EIGHT_BASE_URL },
    calendars: {
      google: e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET ? { clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET, oauthUrl: e.GOOGLE_OAUTH_URL ?? null, apiUrl: e.GOOGLE_API_URL ?? null } : null,
      microsoft: e.MICROSOFT_CLIENT_ID && e.MICROSOFT_CLIENT_SECRET ? { clientId: e.MICROSOFT_CLIENT_ID, clientSecret: e.MICROSOFT_CLIENT_SECRET, loginUrl: e.MICROSOFT_LOGIN_URL ?? null, graphUrl: e.MICROSOFT_GRAPH_URL ?? null } : null,
      slotsBudgetMs: e.CALENDAR_SLOTS_BUDGET_MS,
      bookingBudgetMs: e.CALENDAR_BOOKING_BUDGET_MS,
    },
    demoSiteUrl: e.DEMO_SITE_URL.replace(/\/$/, ''),
    sessions: { tokenMinutes: e.SESSION_TOKEN_MINUTES, signInLinkMinutes: e.SIGN_IN_LINK_MINUTES, consoleDays: e.CONSOLE_SESSION_DAYS },
    retentionDays: e.RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
  };
}
