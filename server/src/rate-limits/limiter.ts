import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { RateLimitSettings } from '../config.js';
import type { CounterStore } from './counters.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The limits, each counted per subject: a client address (`slots`, `bookings`, `public`), an
 * attendee email or a host handle (`bookingsPerEmail`, `bookingsPerHost`), or an API key (`apiKey`).
 */
export type RateLimitName = 'slots' | 'bookings' | 'bookingsPerEmail' | 'bookingsPerHost' | 'public' | 'apiKey';

interface Rule {
  limit: number;
  windowMs: number;
}

// The per-minute limits also hold in each sixth of their minute (30 a minute: 5 in any 10 s
// window), so one client cannot spend a minute's allowance in one burst: 30 bookings at once
// would occupy the server for everyone else. The hourly limits are about volume and are not split.
const BURST_SPLIT = 6;

const perMinute = (limit: number): Rule[] => [
  { limit: Math.max(1, Math.ceil(limit / BURST_SPLIT)), windowMs: MINUTE / BURST_SPLIT },
  { limit, windowMs: MINUTE },
];

function rulesOf(settings: RateLimitSettings): Record<RateLimitName, Rule[]> {
  return {
    slots: perMinute(settings.slotsPerMinute),
    bookings: perMinute(settings.bookingsPerMinute),
    bookingsPerEmail: [{ limit: settings.bookingsPerEmailPerHour, windowMs: HOUR }],
    bookingsPerHost: [{ limit: settings.bookingsPerHostPerHour, windowMs: HOUR }],
    public: perMinute(settings.publicPerMinute),
    apiKey: perMinute(settings.apiKeyPerMinute),
  };
}

export interface RateLimitCheck {
  name: RateLimitName;
  /** Who is counted: an address, an email, a handle, a key. Stored only as a hash. */
  subject: string;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** The limit that decided: the one that refused, or else the one closest to refusing. */
  name: RateLimitName;
  limit: number;
  remaining: number;
  /** Whole seconds until that limit's window starts again (at least 1). */
  resetSeconds: number;
}

export interface RateLimiter {
  /** Counts one request against each check in turn; the first refusal stops counting the rest. */
  check(checks: RateLimitCheck[]): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

// Counter keys name no address or email: a hash of the subject, per limit and window length.
function counterKey(check: RateLimitCheck, rule: Rule): string {
  return `${check.name}:${rule.windowMs / 1000}:${createHash('sha256').update(check.subject).digest('base64url').slice(0, 22)}`;
}

export function createRateLimiter(deps: { settings: RateLimitSettings; store: CounterStore; clock: Clock }): RateLimiter {
  const { store, clock } = deps;
  const rules = rulesOf(deps.settings);
  return {
    async check(checks) {
      let tightest: RateLimitDecision | null = null;
      for (const check of checks) {
        for (const rule of rules[check.name]) {
          const now = clock.now();
          const { count, resetAt } = await store.hit(counterKey(check, rule), rule.windowMs, now);
          const decision: RateLimitDecision = {
            allowed: count <= rule.limit,
            name: check.name,
            limit: rule.limit,
            remaining: Math.max(0, rule.limit - count),
            resetSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
          };
          // A refused request is not counted further: one address over its own limit cannot use
          // up a host's or an email's allowance for everyone else.
          if (!decision.allowed) return decision;
          if (!tightest || decision.remaining / decision.limit < tightest.remaining / tightest.limit) tightest = decision;
        }
      }
      if (!tightest) throw new Error('rate limiter: nothing to check');
      return tightest;
    },
    close: () => store.close(),
  };
}
