import { describe, expect, it } from 'vitest';
import { expandRecurrence, localDateOf } from './recurrence.js';

const iso = (starts: number[]) => starts.map((t) => new Date(t).toISOString());
const at = (instant: string) => Date.parse(instant);

describe('expandRecurrence', () => {
  it('keeps a weekly Berlin 10:00 at 10:00 across the autumn change (08:00Z in summer, 09:00Z in winter)', () => {
    // The clocks go back on Sunday 2026-10-25.
    expect(iso(expandRecurrence({ freq: 'weekly', interval: 1 }, 4, at('2026-10-14T08:00:00Z'), 'Europe/Berlin'))).toEqual([
      '2026-10-14T08:00:00.000Z',
      '2026-10-21T08:00:00.000Z',
      '2026-10-28T09:00:00.000Z',
      '2026-11-04T09:00:00.000Z',
    ]);
  });

  it('keeps New York 09:00 across the spring change, every second week', () => {
    expect(iso(expandRecurrence({ freq: 'weekly', interval: 2 }, 3, at('2027-03-01T14:00:00Z'), 'America/New_York'))).toEqual([
      '2027-03-01T14:00:00.000Z',
      '2027-03-15T13:00:00.000Z',
      '2027-03-29T13:00:00.000Z',
    ]);
  });

  it('repeats on the local weekday even when that is another UTC day (Tokyo Monday 08:00 = Sunday 23:00Z)', () => {
    const starts = expandRecurrence({ freq: 'weekly', interval: 1 }, 3, at('2026-12-06T23:00:00Z'), 'Asia/Tokyo');
    expect(starts.map((t) => localDateOf('Asia/Tokyo', t))).toEqual(['2026-12-07', '2026-12-14', '2026-12-21']);
    expect(iso(starts).every((s) => s.endsWith('T23:00:00.000Z'))).toBe(true);
  });

  it('puts a monthly series from the 31st on the last day of shorter months, at the same local time', () => {
    const starts = expandRecurrence({ freq: 'monthly', interval: 1 }, 5, at('2027-01-31T09:00:00Z'), 'Europe/London');
    expect(starts.map((t) => localDateOf('Europe/London', t))).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
    // 09:00 London: GMT until Sunday 28 March, BST (08:00Z) from then on.
    expect(iso(starts).map((s) => s.slice(11, 16))).toEqual(['09:00', '09:00', '08:00', '08:00', '08:00']);
  });

  it('keeps an ordinary monthly day as it is, and honours the interval', () => {
    const starts = expandRecurrence({ freq: 'monthly', interval: 3 }, 3, at('2026-12-15T15:00:00Z'), 'UTC');
    expect(iso(starts)).toEqual(['2026-12-15T15:00:00.000Z', '2027-03-15T15:00:00.000Z', '2027-06-15T15:00:00.000Z']);
  });

  it('gives one occurrence for a count of 1, and none for 0', () => {
    expect(expandRecurrence({ freq: 'weekly', interval: 1 }, 1, at('2026-12-01T10:00:00Z'), 'UTC')).toEqual([at('2026-12-01T10:00:00Z')]);
    expect(expandRecurrence({ freq: 'weekly', interval: 1 }, 0, at('2026-12-01T10:00:00Z'), 'UTC')).toEqual([]);
  });
});
