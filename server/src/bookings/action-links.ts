import type { Signer } from '../security/signing.js';
import { MANAGE } from './access.js';
import type { BookingRow } from './bookings.repo.js';

export type HostDecision = 'confirm' | 'reject';

/**
 * The links in emails. Host links confirm or reject a pending booking without signing in: signed
 * for one booking, one decision and an expiry (the end of the meeting, after which the decision is
 * moot), so a forwarded link can do nothing else. The booker's link carries the manage token.
 */
export function createActionLinks(deps: { publicUrl: string; signer: Signer }) {
  const { publicUrl, signer } = deps;
  const subject = (uid: string, expires: number) => `${uid}.${expires}`;

  return {
    manageUrl(row: BookingRow): string {
      return `${publicUrl}/manage/bookings/${encodeURIComponent(row.uid)}?token=${encodeURIComponent(signer.sign(MANAGE, row.manageKey))}`;
    },

    /**
     * Where Stripe Checkout sends the booker back: after paying (Stripe fills in the session id)
     * or after cancelling. The manage token lets the page go on to the booking itself.
     */
    paymentReturnUrl(row: BookingRow, outcome: 'paid' | 'cancelled'): string {
      const token = encodeURIComponent(signer.sign(MANAGE, row.manageKey));
      const which = outcome === 'paid' ? 'session_id={CHECKOUT_SESSION_ID}' : `booking=${encodeURIComponent(row.uid)}`;
      return `${publicUrl}/v1/payments/return?${which}&token=${token}`;
    },

    decisionUrl(decision: HostDecision, row: BookingRow): string {
      const expires = Date.parse(row.end);
      const signature = signer.sign(decision, subject(row.uid, expires));
      return `${publicUrl}/manage/bookings/${encodeURIComponent(row.uid)}/${decision}?expires=${expires}&sig=${signature}`;
    },

    /** Whether a decision link is genuine and still valid at `now`. */
    verifyDecision(decision: HostDecision, uid: string, expires: string, signature: string, now: number): 'valid' | 'expired' | 'invalid' {
      if (!/^\d{1,15}$/.test(expires)) return 'invalid';
      if (!signer.verify(decision, subject(uid, Number(expires)), signature)) return 'invalid';
      return Number(expires) <= now ? 'expired' : 'valid';
    },
  };
}

export type ActionLinks = ReturnType<typeof createActionLinks>;
