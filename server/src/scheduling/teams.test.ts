import { describe, expect, it } from 'vitest';
import { computeSlots } from './slots.js';
import { booking, eventType, host, input, starts } from './test-fixtures.js';

const slotsOf = (...args: Parameters<typeof input>) =>
  computeSlots(input(...args)).map((s) => `${new Date(s.start).toISOString().slice(11, 16)} ${s.hosts.join(',')}`);

describe('collective', () => {
  it('offers only the time every host is free, on a grid from the common free time', () => {
    // Berlin 09–17 (08–16Z) and New York 09–17 (14–22Z) share 14:00–16:00Z.
    const hosts = [host('alice', 'Europe/Berlin'), host('bob', 'America/New_York')];
    expect(slotsOf({ schedulingType: 'collective', hosts })).toEqual(['14:00 alice,bob', '14:30 alice,bob', '15:00 alice,bob', '15:30 alice,bob']);
  });

  it('loses a slot when any one host is busy', () => {
    const hosts = [
      host('alice', 'Europe/Berlin'),
      host('bob', 'America/New_York', { bookings: [booking('2026-12-01T14:30:00Z', '2026-12-01T15:00:00Z', { eventTypeId: 9 })] }),
    ];
    expect(slotsOf({ schedulingType: 'collective', hosts })).toEqual(['14:00 alice,bob', '15:00 alice,bob', '15:30 alice,bob']);
  });

  it('treats a single host (schedulingType null) as a collective of one, and no hosts as no slots', () => {
    expect(slotsOf({ hosts: [host('alice', 'Europe/Berlin')] })).toHaveLength(16);
    expect(slotsOf({ hosts: [] })).toEqual([]);
  });

  it('gives the fewest seats any host has left', () => {
    const seated = eventType({ seats: 4 });
    const taken = [booking('2026-12-01T14:00:00Z', '2026-12-01T14:30:00Z', { attendees: 3 })];
    const slots = computeSlots(input({ eventType: seated, schedulingType: 'collective', hosts: [host('alice', 'Europe/Berlin', { bookings: taken }), host('bob', 'America/New_York', { bookings: taken })] }));
    expect(slots.map((s) => s.seatsLeft)).toEqual([1, 4, 4, 4]);
  });
});

describe('round robin', () => {
  it('offers a slot when some host is free and lists who is', () => {
    const hosts = [
      host('alice', 'Europe/Berlin', { bookings: [booking('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z', { eventTypeId: 9 })] }),
      host('bob', 'Europe/Berlin', { bookings: [booking('2026-12-01T09:30:00Z', '2026-12-01T10:30:00Z', { eventTypeId: 9 })] }),
    ];
    const slots = slotsOf({ schedulingType: 'round_robin', hosts }).filter((s) => s >= '08:30' && s < '11:00');
    // At 09:30 both are busy.
    expect(slots).toEqual(['08:30 alice,bob', '09:00 bob', '10:00 alice', '10:30 alice,bob']);
  });

  it('needs every fixed host as well', () => {
    const hosts = [
      host('alice', 'Europe/Berlin'),
      host('bob', 'Europe/Berlin'),
      host('carol', 'Europe/Berlin', { fixed: true, bookings: [booking('2026-12-01T09:00:00Z', '2026-12-01T09:30:00Z', { eventTypeId: 9 })] }),
    ];
    const slots = slotsOf({ schedulingType: 'round_robin', hosts }).filter((s) => s >= '08:30' && s < '10:00');
    expect(slots).toEqual(['08:30 alice,bob,carol', '09:30 alice,bob,carol']);
  });

  it('covers the union of the hosts\' hours, each slot naming the host who works then', () => {
    const half = (username: string, start: string, end: string) =>
      host(username, 'Europe/Berlin', { schedule: { timeZone: 'Europe/Berlin', weeklyHours: [{ day: 'tue', start, end }], overrides: [] } });
    const result = computeSlots(input({ schedulingType: 'round_robin', eventType: eventType({ durationMinutes: 60 }), hosts: [half('alice', '09:00', '11:00'), half('bob', '13:00', '15:00')] }));
    expect(starts(result)).toEqual(['08:00', '09:00', '12:00', '13:00']);
    expect(result.map((s) => s.hosts)).toEqual([['alice'], ['alice'], ['bob'], ['bob']]);
  });

  it('skips a host whose day is at its limit while the others stay bookable', () => {
    const limited = eventType({ durationMinutes: 480, limits: { perDay: 1, perWeek: null } });
    const hosts = [
      host('alice', 'Europe/Berlin', { bookings: [booking('2026-12-01T06:00:00Z', '2026-12-01T06:30:00Z')] }),
      host('bob', 'Europe/Berlin'),
    ];
    expect(slotsOf({ schedulingType: 'round_robin', eventType: limited, hosts })).toEqual(['08:00 bob']);
  });
});
