import type { RefundPolicy } from '@openslot/sdk/schemas';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Stripe's shortest Checkout expiry is 30 minutes after the session is made. */
const STRIPE_MIN_EXPIRY = 30 * MINUTE;
/** How long after booking the "complete your payment" reminder goes, if still unpaid. */
const REMIND_AFTER = 5 * MINUTE;

/**
 * The times of a new paid booking, computed once and stored. The hold ends at `holdExpiresAt`,
 * when the worker expires the session through Stripe. The session's own `expires_at` lies a
 * Stripe minimum (30 min) past the hold, plus a minute: a session first made (or re-made after
 * Stripe was down) any time before the hold ends is still within Stripe's bounds with the same
 * parameters, so every retry can send identical ones under one idempotency key.
 */
export function paymentTimes(now: number, holdMinutes: number): { holdExpiresAt: number; sessionExpiresAt: number; remindAt: number | null } {
  const hold = Math.round(holdMinutes * MINUTE);
  const holdExpiresAt = now + hold;
  // Seconds, as Stripe takes it; rounded up so it is never short of the bound.
  const sessionExpiresAt = Math.ceil((holdExpiresAt + STRIPE_MIN_EXPIRY + MINUTE) / 1000) * 1000;
  // A reminder only when there is time left to act on it.
  const remindAt = hold > 2 * REMIND_AFTER ? now + REMIND_AFTER : null;
  return { holdExpiresAt, sessionExpiresAt, remindAt };
}

/**
 * What a booker's own cancel gives back of `amount` under `policy`, at `now` for a meeting at
 * `start` (both ms). Within `fullUntilHoursBefore`, everything; after, the policy's share (`full`
 * with a window: nothing). Partial shares round down to the minor unit.
 */
export function bookerRefund(policy: RefundPolicy, amount: number, start: number, now: number): number {
  if (policy.fullUntilHoursBefore !== undefined && start - now >= policy.fullUntilHoursBefore * HOUR) return amount;
  switch (policy.type) {
    case 'none':
      return 0;
    case 'full':
      return policy.fullUntilHoursBefore === undefined ? amount : 0;
    case 'partial':
      return Math.floor((amount * policy.percent) / 100);
  }
}

/** The worker's waits between attempts at a Stripe call that did not get through. */
export const RETRY_DELAYS_MS = [10_000, 30_000, 60_000, 5 * MINUTE, 15 * MINUTE, HOUR] as const;
export const retryDelay = (attempt: number) => RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1] ?? HOUR;

/** Card authorisations last 7 days; one undecided for 6 is released, so it never lapses on its own. */
export const AUTHORIZATION_DECISION_MS = 6 * 24 * HOUR;
