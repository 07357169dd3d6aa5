import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  DAY,
  dateOfDayNumber,
  dayNumberAt,
  dayNumberOfDate,
  startOfDay,
  wallToInstant,
  weekdayIndex,
  zonedDays,
} from './zoned-time.js';

/** The instant a wall time `2026-03-29T02:30` means in `zone`, as a UTC ISO string. */
const at = (zone: string, wall: string) => new Date(wallToInstant(zone, Date.parse(`${wall}:00Z`))).toISOString();

describe('wallToInstant (RFC 5545)', () => {
  it.each([
    // Ordinary times on both sides of UTC, including odd offsets.
    ['Europe/Berlin', '2026-12-01T09:00', '2026-12-01T08:00:00.000Z'],
    ['America/Los_Angeles', '2026-07-01T09:00', '2026-07-01T16:00:00.000Z'],
    ['America/Sao_Paulo', '2026-12-01T09:00', '2026-12-01T12:00:00.000Z'],
    ['Asia/Kathmandu', '2026-12-01T09:00', '2026-12-01T03:15:00.000Z'],
    ['Pacific/Kiritimati', '2026-12-01T09:00', '2026-11-30T19:00:00.000Z'],
    // Skipped by the spring change: read with the offset before the gap.
    ['Europe/Berlin', '2026-03-29T02:30', '2026-03-29T01:30:00.000Z'],
    ['Europe/Berlin', '2026-03-29T03:00', '2026-03-29T01:00:00.000Z'],
    ['America/New_York', '2026-03-08T02:30', '2026-03-08T07:30:00.000Z'],
    ['Australia/Lord_Howe', '2026-10-04T02:15', '2026-10-03T15:45:00.000Z'],
    ['America/Sao_Paulo', '2018-11-04T00:30', '2018-11-04T03:30:00.000Z'],
    // Repeated by the autumn change: the first occurrence.
    ['Europe/Berlin', '2026-10-25T02:30', '2026-10-25T00:30:00.000Z'],
    ['Europe/Berlin', '2026-10-25T03:00', '2026-10-25T02:00:00.000Z'],
    ['America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00.000Z'],
    ['Australia/Lord_Howe', '2026-04-05T01:45', '2026-04-04T14:45:00.000Z'],
  ])('%s %s is %s', (zone, wall, instant) => {
    expect(at(zone, wall)).toBe(instant);
  });

  it('corrects luxon, which reads a repeated Berlin time as its second occurrence', () => {
    const luxon = DateTime.fromObject({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, { zone: 'Europe/Berlin' });
    expect(luxon.toUTC().toISO()).toBe('2026-10-25T01:30:00.000Z');
    expect(at('Europe/Berlin', '2026-10-25T02:30')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives the earliest instant showing the wall time whenever one exists, every quarter hour of DST nights', () => {
    const nights: Record<string, string[]> = {
      'Europe/Berlin': ['2026-03-29', '2026-10-25'],
      'America/Los_Angeles': ['2026-03-08', '2026-11-01'],
      'Australia/Lord_Howe': ['2026-04-05', '2026-10-04'],
      'America/Santiago': ['2026-04-04', '2026-09-05'], // changes at 24:00, so the night runs into the next date
      'Asia/Kathmandu': ['2026-06-01'],
    };
    let repeated = 0;
    for (const [zone, dates] of Object.entries(nights)) {
      const shows = (instant: number, local: number) =>
        DateTime.fromMillis(instant, { zone }).setZone('UTC', { keepLocalTime: true }).toMillis() === local;
      for (const date of dates) {
        const from = Date.parse(`${date}T00:00:00Z`);
        for (let local = from; local <= from + 28 * 3_600_000; local += 15 * 60_000) {
          const ours = wallToInstant(zone, local);
          // Every instant that shows this wall time: the luxon answer and the ones an hour either side of it.
          const luxon = DateTime.fromMillis(local, { zone: 'UTC' }).setZone(zone, { keepLocalTime: true }).toMillis();
          const showing = [luxon - 3_600_000, luxon - 1_800_000, luxon, luxon + 1_800_000, luxon + 3_600_000].filter((t) => shows(t, local));
          if (showing.length === 0) continue; // a gap; covered by the table above
          if (showing.length > 1) repeated++;
          expect(ours).toBe(Math.min(...showing));
        }
      }
    }
    // The repeated quarter hours were really exercised: 4 in Berlin, Los Angeles and Santiago, 2 on Lord Howe.
    expect(repeated).toBe(14);
  });
});

describe('calendar days of a zone', () => {
  it('are 23, 25 and 23.5 hours long on transition days', () => {
    const hours = (zone: string, date: string) => {
      const [day] = zonedDays(zone, startOfDay(zone, dayNumberOfDate(date)), startOfDay(zone, dayNumberOfDate(date)) + 1);
      return (day!.end - day!.start) / 3_600_000;
    };
    expect(hours('Europe/Berlin', '2026-03-29')).toBe(23);
    expect(hours('Europe/Berlin', '2026-10-25')).toBe(25);
    expect(hours('Australia/Lord_Howe', '2026-10-04')).toBe(23.5);
    expect(hours('Australia/Lord_Howe', '2026-04-05')).toBe(24.5);
    expect(hours('Asia/Kathmandu', '2026-10-04')).toBe(24);
  });

  it('start at the end of a gap that swallows midnight, and a skipped date is empty', () => {
    expect(new Date(startOfDay('America/Santiago', dayNumberOfDate('2026-09-06'))).toISOString()).toBe('2026-09-06T04:00:00.000Z');
    const samoa = zonedDays('Pacific/Apia', Date.UTC(2011, 11, 29, 12), Date.UTC(2011, 11, 31, 0));
    expect(samoa.map((d) => [dateOfDayNumber(d.day), (d.end - d.start) / 3_600_000])).toEqual([
      ['2011-12-29', 24],
      ['2011-12-30', 0],
      ['2011-12-31', 24],
    ]);
  });

  it('map instants to dates and weekdays in the zone', () => {
    const instant = Date.parse('2026-11-30T19:00:00Z');
    expect(dateOfDayNumber(dayNumberAt('Pacific/Kiritimati', instant))).toBe('2026-12-01');
    expect(dateOfDayNumber(dayNumberAt('America/Los_Angeles', instant))).toBe('2026-11-30');
    expect(weekdayIndex(dayNumberOfDate('2026-11-30'))).toBe(0); // a Monday
    expect(weekdayIndex(dayNumberOfDate('2026-12-06'))).toBe(6);
    expect(dayNumberOfDate('1970-01-02')).toBe(1);
    expect(DAY).toBe(86_400_000);
  });
});
