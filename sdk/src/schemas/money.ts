/**
 * Amounts are integers in the currency's minor unit, as Stripe takes them: cents for EUR and USD,
 * whole yen for JPY (zero-decimal), thousandths for KWD (three-decimal). The lists are Stripe's
 * (docs.stripe.com/currencies), which differ from ISO 4217 in places (UGX, for one). No zod here,
 * so browsers may import it.
 */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** How many digits of `currency` (lowercase ISO 4217) one unit of `amount` stands for. */
export function minorUnitDigits(currency: string): number {
  const code = currency.toLowerCase();
  return ZERO_DECIMAL.has(code) ? 0 : THREE_DECIMAL.has(code) ? 3 : 2;
}

/** `formatMoney(5000, 'eur', 'de-DE')` → "50,00 €"; `formatMoney(5000, 'jpy', 'en')` → "¥5,000". */
export function formatMoney(amount: number, currency: string, locale?: string | null): string {
  const digits = minorUnitDigits(currency);
  const format = (tag: string | undefined) =>
    new Intl.NumberFormat(tag, { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount / 10 ** digits);
  try {
    return format(locale ?? undefined);
  } catch {
    // A locale tag the runtime does not know: the runtime's default rather than no price at all.
    return format(undefined);
  }
}
