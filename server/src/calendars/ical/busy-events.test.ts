import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyEvents, parseCalendar } from './busy-events.js';

const fixture = (name: string) => parseCalendar(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const window = (start: string, end: string) => ({ start: Date.parse(start), end: Date.parse(end) });
const read = (name: string, range: { start: number; end: number }, timeZone = 'Europe/London', ownerEmails: string[] = ['alice@example.com']) =>
  busyEvents(fixture(name), range, { timeZone, ownerEmails })
    .map((event) => `${new Date(event.start).toISOString()} ${new Date(event.end).toISOString()}`)
    .sort();

// The same answers whatever zone the server process runs in.
for (const processZone of ['UTC', 'America/New_York']) {
  describe(`ICS busy time, server process in ${processZone}`, () => {
    const before = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = processZone;
    });
    afterAll(() => {
      process.env.TZ = before;
    });

    it("reads Outlook's Windows zone names and its FREE busy status", () => {
      expect(read('outlook.ics', window('2026-12-01T00:00:00Z', '2026-12-05T00:00:00Z'))).toEqual([
        '2026-12-02T08:00:00.000Z 2026-12-02T09:00:00.000Z', // 09:00 W. Europe Standard Time = Berlin
        '2026-12-02T14:00:00.000Z 2026-12-02T14:30:00.000Z', // 09:00 Eastern Standard Time = New York
      ]);
    });

    it('expands a series with an EXDATE, an occurrence moved into the window and one moved out; skips free, cancelled and declined; keeps tentative', () => {
      expect(read('google-export.ics', window('2026-12-01T00:00:00Z', '2026-12-08T00:00:00Z'))).toEqual([
        '2026-12-03T11:00:00.000Z 2026-12-03T12:00:00.000Z', // the 14th's occurrence, moved to the 3rd
        '2026-12-04T13:00:00.000Z 2026-12-04T14:00:00.000Z', // tentative
      ]);
      // The 7th's occurrence moved to the 21st, and the series goes on.
      expect(read('google-export.ics', window('2026-12-21T00:00:00Z', '2026-12-22T00:00:00Z'))).toEqual([
        '2026-12-21T14:00:00.000Z 2026-12-21T15:00:00.000Z',
        '2026-12-21T16:00:00.000Z 2026-12-21T17:00:00.000Z',
      ]);
    });

    it("reads all-day and floating times in the host's zone", () => {
      expect(read('allday-floating.ics', window('2026-11-30T00:00:00Z', '2026-12-10T00:00:00Z'), 'Asia/Tokyo')).toEqual([
        '2026-11-30T23:00:00.000Z 2026-11-30T23:30:00.000Z', // floating 08:00 Tokyo, daily ×3
        '2026-12-01T23:00:00.000Z 2026-12-01T23:30:00.000Z',
        '2026-12-02T23:00:00.000Z 2026-12-02T23:30:00.000Z',
        '2026-12-06T15:00:00.000Z 2026-12-07T15:00:00.000Z', // the 7th, all day in Tokyo
        '2026-12-08T01:00:00.000Z 2026-12-08T02:30:00.000Z', // floating 10:00–11:30 Tokyo
        '2026-12-08T15:00:00.000Z 2026-12-09T15:00:00.000Z', // a date with no end: that day
      ]);
    });

    it('keeps wall-clock times across daylight-saving changes, and reads a repeated hour as its first occurrence', () => {
      expect(read('dst.ics', window('2026-03-15T00:00:00Z', '2026-04-05T00:00:00Z'))).toEqual([
        '2026-03-20T08:00:00.000Z 2026-03-20T09:00:00.000Z',
        '2026-03-27T08:00:00.000Z 2026-03-27T09:00:00.000Z',
        '2026-04-03T07:00:00.000Z 2026-04-03T08:00:00.000Z',
      ]);
      expect(read('dst.ics', window('2026-10-30T00:00:00Z', '2026-11-03T00:00:00Z'))).toEqual([
        '2026-10-30T13:00:00.000Z 2026-10-30T13:30:00.000Z',
        '2026-10-31T13:00:00.000Z 2026-10-31T13:30:00.000Z',
        // 01:30 is the first of the two (EDT); 02:00 exists once, in EST: the event lasts 90 minutes.
        '2026-11-01T05:30:00.000Z 2026-11-01T07:00:00.000Z',
        '2026-11-01T14:00:00.000Z 2026-11-01T14:30:00.000Z',
        '2026-11-02T14:00:00.000Z 2026-11-02T14:30:00.000Z',
      ]);
    });

    it('expands a daily series that started in 2020 (no iteration cap from DTSTART)', () => {
      expect(read('daily-since-2020.ics', window('2026-12-01T00:00:00Z', '2026-12-04T00:00:00Z'))).toEqual([
        '2026-12-01T11:00:00.000Z 2026-12-01T12:00:00.000Z',
        '2026-12-03T11:00:00.000Z 2026-12-03T12:00:00.000Z',
      ]);
    });
  });
}
