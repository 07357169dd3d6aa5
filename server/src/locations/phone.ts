import type { LocationProviderFactory } from './location-provider.js';
import { unexpectedField } from './location-checks.js';

/** The booking question whose answer is the booker's number when the host does the calling. */
export const ATTENDEE_PHONE_RESPONSE = 'phone';

/** Digits with the usual separators; 6–15 digits (E.164 allows at most 15). */
export function isPhoneNumber(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return /^\+?[0-9 ().-]+$/.test(value.trim()) && digits >= 6 && digits <= 15;
}

/**
 * A phone call. With `address` set, it is the host's number and the booker calls it. Without,
 * the host calls the booker on the number they answered to the `phone` booking question (the
 * event type should ask it, as a required field of type `phone`); if they gave none the booking
 * still stands and the address stays null.
 */
export const phoneProvider: LocationProviderFactory = () => ({
  type: 'phone',
  validate: (config) => {
    if (config.address !== undefined && !isPhoneNumber(config.address)) {
      return 'a phone location address must be a phone number such as +49 30 1234567';
    }
    return unexpectedField(config, ['address']);
  },
  resolve: (config, { responses }) => {
    const answer = responses[ATTENDEE_PHONE_RESPONSE];
    const bookerNumber = typeof answer === 'string' || typeof answer === 'number' ? String(answer).trim() : '';
    const number = config.address?.trim() ?? (isPhoneNumber(bookerNumber) ? bookerNumber : null);
    return { type: 'phone', url: null, address: number };
  },
});
