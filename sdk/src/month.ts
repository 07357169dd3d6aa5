/** Calendar months as `YYYY-MM` strings; plain date arithmetic in UTC, so no time zone leaks in. */

export type Month = `${number}-${number}`;

export function monthRange(month: string): { start: string; end: string } {
  const [year, mon] = parseMonth(month);
  const lastDay = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(lastDay).padStart(2, '0')}` };
}

export function addMonths(month: string, delta: number): string {
  const [year, mon] = parseMonth(month);
  const date = new Date(Date.UTC(year, mon - 1 + delta, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month a date (`2026-12-24`) falls in. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

function parseMonth(month: string): [number, number] {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new TypeError(`A month is "YYYY-MM", got "${month}"`);
  return [Number(match[1]), Number(match[2])];
}
