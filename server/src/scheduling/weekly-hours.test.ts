import type { DateOverride, WeeklyHoursEntry } from '@openslot/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { freeIntervals } from './weekly-hours.js';

const WORKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const nineToFive: WeeklyHoursEntry[] = WORKDAYS.map((day) => ({ day, start: '09:00', end: '17:00' }));

/** Free time between two UTC instants, as ISO pairs. */
function free(timeZone: string, from: string, to: string, weeklyHours: WeeklyHoursEntry[], overrides: DateOverride[] = []) {
  return freeIntervals({ timeZone, weeklyHours, overrides }, { start: Date.parse(from), end: Date.parse(to) }).map((i) => [
    new Date(i.start).toISOString().slice(0, 16),
    new Date(i.end).toISOString().slice(0, 16),
  ]);
}

describe('weekly hours in a zone', () => {
  it('reads 09:00–17:00 in zones east and west of UTC, on odd offsets and at +14', () => {
    expect(free('Europe/Berlin', '2026-12-01T00:00Z', '2026-12-02T00:00Z', nineToFive)).toEqual([['2026-12-01T08:00', '2026-12-01T16:00']]);
    expect(free('Asia/Kathmandu', '2026-12-01T00:00Z', '2026-12-02T00:00Z', nineToFive)).toEqual([['2026-12-01T03:15', '2026-12-01T11:15']]);
    expect(free('America/Sao_Paulo', '2026-12-01T00:00Z', '2026-12-02T00:00Z', nineToFive)).toEqual([['2026-12-01T12:00', '2026-12-01T20:00']]);
    // Tuesday 1 December in Kiritimati starts on Monday 30 November in UTC.
    expect(free('Pacific/Kiritimati', '2026-11-30T12:00Z', '2026-12-01T12:00Z', nineToFive)).toEqual([['2026-11-30T19:00', '2026-12-01T03:00']]);
  });

  it('follows New York across the spring change (Friday EST, Monday EDT)', () => {
    expect(free('America/New_York', '2026-03-06T00:00Z', '2026-03-10T00:00Z', nineToFive)).toEqual([
      ['2026-03-06T14:00', '2026-03-06T22:00'],
      ['2026-03-09T13:00', '2026-03-09T21:00'],
    ]);
  });

  it('merges adjacent ranges, also across midnight, and reads 24:00 as the next midnight', () => {
    const hours: WeeklyHoursEntry[] = [
      { day: 'tue', start: '12:00', end: '17:00' },
      { day: 'tue', start: '09:00', end: '12:00' },
      { day: 'tue', start: '18:00', end: '24:00' },
      { day: 'wed', start: '00:00', end: '02:00' },
    ];
    expect(free('America/Los_Angeles', '2026-12-01T00:00Z', '2026-12-03T00:00Z', hours)).toEqual([
      ['2026-12-01T17:00', '2026-12-02T01:00'],
      ['2026-12-02T02:00', '2026-12-02T10:00'],
    ]);
  });

  it('gives a whole spring-forward day 23 hours and an autumn day 25 (Europe/Berlin)', () => {
    const allSunday: WeeklyHoursEntry[] = [{ day: 'sun', start: '00:00', end: '24:00' }];
    expect(free('Europe/Berlin', '2026-03-28T00:00Z', '2026-03-30T00:00Z', allSunday)).toEqual([['2026-03-28T23:00', '2026-03-29T22:00']]);
    expect(free('Europe/Berlin', '2026-10-24T00:00Z', '2026-10-26T00:00Z', allSunday)).toEqual([['2026-10-24T22:00', '2026-10-25T23:00']]);
  });

  it('reads hours that start or end in the spring gap with the offset before the gap', () => {
    const on = (start: string, end: string) =>
      free('Europe/Berlin', '2026-03-28T00:00Z', '2026-03-30T00:00Z', [{ day: 'sun', start, end }]);
    // 01:00 CET to 04:00 CEST is two real hours.
    expect(on('01:00', '04:00')).toEqual([['2026-03-29T00:00', '2026-03-29T02:00']]);
    // Partly in the gap: 02:00 (skipped) is read as 03:00 CEST, so one hour remains.
    expect(on('02:00', '04:00')).toEqual([['2026-03-29T01:00', '2026-03-29T02:00']]);
    expect(on('02:15', '03:30')).toEqual([['2026-03-29T01:15', '2026-03-29T01:30']]);
    // Both ends read this way turn around: 02:30 (= 03:30 CEST) to 03:00 CEST is nothing.
    expect(on('02:30', '03:00')).toEqual([]);
  });

  it('reads hours in the repeated autumn hour as their first occurrence', () => {
    expect(
      free('Europe/Berlin', '2026-10-24T00:00Z', '2026-10-26T00:00Z', [{ day: 'sun', start: '02:00', end: '03:00' }]),
    ).toEqual([['2026-10-25T00:00', '2026-10-25T02:00']]);
    expect(
      free('America/New_York', '2026-10-31T00:00Z', '2026-11-02T12:00Z', [{ day: 'sun', start: '01:30', end: '09:00' }]),
    ).toEqual([['2026-11-01T05:30', '2026-11-01T14:00']]);
  });

  it('handles Lord Howe\'s half-hour change and its 23.5-hour day', () => {
    const allSunday: WeeklyHoursEntry[] = [{ day: 'sun', start: '00:00', end: '24:00' }];
    expect(free('Australia/Lord_Howe', '2026-10-03T00:00Z', '2026-10-05T00:00Z', allSunday)).toEqual([['2026-10-03T13:30', '2026-10-04T13:00']]);
    expect(
      free('Australia/Lord_Howe', '2026-10-03T00:00Z', '2026-10-05T00:00Z', [{ day: 'sun', start: '02:00', end: '03:00' }]),
    ).toEqual([['2026-10-03T15:30', '2026-10-03T16:00']]);
    // Autumn: 01:30–02:00 happens twice, so Sunday 5 April has 24.5 hours.
    expect(free('Australia/Lord_Howe', '2026-04-04T00:00Z', '2026-04-06T00:00Z', allSunday)).toEqual([['2026-04-04T13:00', '2026-04-05T13:30']]);
  });
});

describe('date overrides', () => {
  it('make a weekday a day off, give a Saturday hours and replace (not add to) weekly hours', () => {
    const overrides: DateOverride[] = [
      { date: '2026-12-24', ranges: [] },
      { date: '2026-12-26', ranges: [{ start: '10:00', end: '12:00' }] },
      { date: '2026-12-23', ranges: [{ start: '13:00', end: '14:00' }] },
    ];
    expect(free('Europe/Berlin', '2026-12-23T00:00Z', '2026-12-27T00:00Z', nineToFive, overrides)).toEqual([
      ['2026-12-23T12:00', '2026-12-23T13:00'],
      ['2026-12-25T08:00', '2026-12-25T16:00'],
      ['2026-12-26T09:00', '2026-12-26T11:00'],
    ]);
  });

  it('apply to the date in the schedule\'s zone, not in UTC', () => {
    const overrides: DateOverride[] = [{ date: '2026-12-01', ranges: [] }];
    expect(free('Pacific/Kiritimati', '2026-11-30T00:00Z', '2026-12-02T12:00Z', nineToFive, overrides)).toEqual([
      ['2026-11-30T00:00', '2026-11-30T03:00'], // Monday, clipped to the range
      // Tuesday 1 December local (2026-11-30T19:00Z to 2026-12-01T03:00Z) is off.
      ['2026-12-01T19:00', '2026-12-02T03:00'],
    ]);
  });

  it('clip free time to the range asked for', () => {
    expect(free('Europe/Berlin', '2026-12-01T10:30Z', '2026-12-01T12:00Z', nineToFive)).toEqual([['2026-12-01T10:30', '2026-12-01T12:00']]);
  });
});
