import { describe, expect, it } from 'vitest';
import { groupSlotsByDate, isoString, resolveQueryRange } from './group-by-date.js';
import { ms } from './test-fixtures.js';

const slot = (start: string, minutes = 30) => ({ start: ms(start), end: ms(start) + minutes * 60_000 });

describe('groupSlotsByDate', () => {
  it('keys slots by the viewer\'s date, ascending, with ISO UTC instants', () => {
    const slots = [slot('2026-12-01T07:30:00Z'), slot('2026-12-01T08:00:00Z'), slot('2026-12-01T08:30:00Z'), slot('2026-12-02T08:00:00Z')];
    const grouped = groupSlotsByDate(slots, 'America/Los_Angeles');
    expect(Object.keys(grouped)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(grouped['2026-11-30']).toEqual([{ start: '2026-12-01T07:30:00.000Z', end: '2026-12-01T08:00:00.000Z' }]);
    expect(grouped['2026-12-01']).toEqual([
      { start: '2026-12-01T08:00:00.000Z', end: '2026-12-01T08:30:00.000Z' },
      { start: '2026-12-01T08:30:00.000Z', end: '2026-12-01T09:00:00.000Z' },
    ]);
    expect(Object.keys(groupSlotsByDate(slots, 'Pacific/Kiritimati'))).toEqual(['2026-12-01', '2026-12-02']);
  });

  it('splits at the viewer\'s real midnight on a DST day and keeps seatsLeft', () => {
    const slots = [{ ...slot('2026-03-28T22:30:00Z'), seatsLeft: 2 }, slot('2026-03-28T23:00:00Z'), slot('2026-03-29T21:30:00Z'), slot('2026-03-29T22:00:00Z')];
    const grouped = groupSlotsByDate(slots, 'Europe/Berlin');
    expect(Object.entries(grouped).map(([date, list]) => [date, list.length])).toEqual([
      ['2026-03-28', 1],
      ['2026-03-29', 2],
      ['2026-03-30', 1],
    ]);
    expect(grouped['2026-03-28']![0]!.seatsLeft).toBe(2);
    expect(grouped['2026-03-29']![0]).not.toHaveProperty('seatsLeft');
  });
});

describe('resolveQueryRange', () => {
  it('reads dates in the viewer\'s zone, the end date inclusive', () => {
    expect(resolveQueryRange('2026-12-01', '2026-12-31', 'Europe/Berlin')).toEqual({ start: ms('2026-11-30T23:00:00Z'), end: ms('2026-12-31T23:00:00Z') });
    expect(resolveQueryRange('2026-03-29', '2026-03-29', 'Europe/Berlin')).toEqual({ start: ms('2026-03-28T23:00:00Z'), end: ms('2026-03-29T22:00:00Z') });
    expect(resolveQueryRange('2026-12-01', '2026-12-01', 'Asia/Kathmandu')).toEqual({ start: ms('2026-11-30T18:15:00Z'), end: ms('2026-12-01T18:15:00Z') });
  });

  it('takes ISO instants as they are, and may mix them with dates', () => {
    expect(resolveQueryRange('2026-12-01T10:00:00+01:00', '2026-12-02', 'UTC')).toEqual({ start: ms('2026-12-01T09:00:00Z'), end: ms('2026-12-03T00:00:00Z') });
    const backwards = resolveQueryRange('2026-12-02', '2026-12-01T00:00:00Z', 'UTC');
    expect(backwards.end).toBeLessThan(backwards.start);
  });
});

describe('isoString', () => {
  it('formats exactly as toISOString, for whole minutes and for anything else', () => {
    const instants = [0, Date.parse('2026-03-29T00:59:00Z'), Date.parse('2026-12-31T23:59:00Z'), Date.parse('2027-01-01T00:00:00Z'), Date.parse('2026-06-01T12:34:56.789Z'), -60_000];
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2026-01-03T00:00:00Z'); t += 7 * 60_000) instants.push(t);
    for (const t of instants) expect(isoString(t)).toBe(new Date(t).toISOString());
  });
});
