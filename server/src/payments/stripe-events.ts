import { UnavailableError } from '../errors.js';
import { describeError, type Logger } from '../logger.js';
import type { Connect } from './connect.js';
import type { MoneyBack } from './money-back.js';
import type { PaymentsRepo } from './payments.repo.js';
import { isRefusal, type StripeEvent } from './stripe-gateway.js';
import type { CheckoutSync } from './sync.js';

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * `POST /v1/stripe/webhook`, once the signature is checked. Each event is applied once (its id is
 * stored after it was applied) and in any order: an event only says which object changed, and the
 * object is read again from Stripe. A payload we cannot use is acknowledged and logged, never a
 * 500; only Stripe itself being unreachable answers 503, so that Stripe sends the event again.
 */
export function createStripeEvents(deps: { repo: PaymentsRepo; sync: CheckoutSync; moneyBack: MoneyBack; connect: Connect; logger: Logger; now: () => number }) {
  const { repo, sync, moneyBack, connect, logger } = deps;

  async function apply(event: StripeEvent): Promise<void> {
    const account = text(event.account);
    const object = (event.data?.object ?? {}) as unknown as Record<string, unknown>;
    const type = String(event.type);
    if (type.startsWith('checkout.session.')) {
      const id = text(object.id);
      if (id) await sync.sync(id, account);
      return;
    }
    if (type === 'charge.refunded' || type.startsWith('charge.refund.') || type.startsWith('refund.')) {
      const intent = text(object.payment_intent);
      const payment = intent ? await repo.byIntent(intent) : null;
      if (payment && payment.stripeAccount === account) await moneyBack.syncRefunds(payment);
      return;
    }
    if (type === 'account.updated') {
      const id = text(object.id) ?? account;
      if (id) await connect.accountUpdated({ id, charges_enabled: object.charges_enabled === true, details_submitted: object.details_submitted === true });
    }
  }

  return {
    async handle(event: StripeEvent): Promise<void> {
      const id = text(event.id);
      if (!id || id.length > 255 || (await repo.seenEvent(id))) return;
      try {
        await apply(event);
      } catch (error) {
        if (!isRefusal(error)) {
          logger.error('stripe event not applied yet', { event: id, type: event.type, error: describeError(error) });
          throw new UnavailableError('Stripe could not be reached to read this event’s object; send it again later', 'stripe_unreachable');
        }
        // Stripe does not know the object (another account's, deleted): nothing of ours changes.
        logger.warn('stripe event names an object stripe refused to show', { event: id, type: event.type, error: describeError(error) });
      }
      await repo.recordEvent({ id, type: String(event.type).slice(0, 100), account: text(event.account)?.slice(0, 255) ?? null }, deps.now());
    },
  };
}
