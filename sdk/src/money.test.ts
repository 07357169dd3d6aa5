import { describe, expect, it } from 'vitest';
import { formatMoney, minorUnitDigits } from './index.js';

describe('formatMoney: minor units as a person reads them', () => {
  it('two-decimal, zero-decimal and three-decimal currencies, as Stripe counts them', () => {
    expect(minorUnitDigits('eur')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('kwd')).toBe(3);
    expect(formatMoney(5000, 'eur', 'en')).toBe('€50.00');
    expect(formatMoney(5000, 'eur', 'de-DE')).toMatch(/^50,00\s€$/);
    expect(formatMoney(5000, 'jpy', 'en')).toBe('¥5,000');
    expect(formatMoney(12340, 'kwd', 'en')).toMatch(/^KWD\s12\.340$/);
    // Stripe's UGX is zero-decimal, whatever the runtime's currency data says.
    expect(formatMoney(5000, 'ugx', 'en')).toMatch(/^UGX\s5,000$/);
  });

  it('falls back to the runtime’s locale for a tag it does not know, rather than failing', () => {
    expect(formatMoney(199, 'usd', 'not a locale!')).toContain('1.99');
  });
});
