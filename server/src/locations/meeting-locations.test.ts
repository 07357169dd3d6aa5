import { describe, expect, it } from 'vitest';
import type { Location } from '@openslot/sdk/schemas';
import { createMeetingLocations } from './meeting-locations.js';
import { newRoomName } from './room-name.js';

const locations = createMeetingLocations();
const pinned = { newRoomName: () => 'room123' };

describe('fresh rooms', () => {
  it('are unguessable: 26 lowercase base-32 characters, never repeating', () => {
    const names = Array.from({ length: 2000 }, newRoomName);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z2-7]{26}$/);
    // Every character position varies, so no part of the name is predictable.
    for (let i = 0; i < 26; i++) expect(new Set(names.map((n) => n[i])).size).toBeGreaterThan(16);
  });

  it.each(['jitsi', 'mirotalk', '8x8'] as const)('%s gives each booking its own room', (type) => {
    const first = locations.resolve({ type });
    const second = locations.resolve({ type });
    expect(first.url).not.toBe(second.url);
    expect(first.url).toMatch(/[a-z2-7]{26}$/);
  });
});

describe('jitsi', () => {
  it('puts the room on meet.jit.si unless the operator configured another server', () => {
    expect(locations.resolve({ type: 'jitsi' }, pinned)).toEqual({ type: 'jitsi', url: 'https://meet.jit.si/room123', address: null });
    const own = createMeetingLocations({ jitsiBaseUrl: 'https://jitsi.example.org/meet/' });
    expect(own.resolve({ type: 'jitsi' }, pinned).url).toBe('https://jitsi.example.org/meet/room123');
  });

  it('refuses a fixed URL, pointing the owner to "link"', () => {
    expect(locations.validate({ type: 'jitsi', url: 'https://meet.jit.si/standup' })).toMatch(/use type "link"/);
    expect(locations.validate({ type: 'jitsi', address: 'Main St 1' })).toMatch(/takes no address/);
    expect(locations.validate({ type: 'jitsi' })).toBeNull();
  });

  it('fails at start on a base URL that is not https', () => {
    expect(() => createMeetingLocations({ jitsiBaseUrl: 'http://meet.example.org' })).toThrow(/JITSI_BASE_URL/);
  });
});

describe('mirotalk', () => {
  it.each(['https://p2p.mirotalk.com/join/team-sync', 'https://sfu.mirotalk.com/join/Weekly_1'])('keeps the fixed room %s', (url) => {
    expect(locations.validate({ type: 'mirotalk', url })).toBeNull();
    expect(locations.resolve({ type: 'mirotalk', url })).toEqual({ type: 'mirotalk', url, address: null });
  });

  it.each([
    'http://p2p.mirotalk.com/join/room',
    'https://evil.example.com/join/room',
    'https://p2p.mirotalk.com/room',
    'https://p2p.mirotalk.com/join/room/extra',
    'https://p2p.mirotalk.com/join?room=abc',
    'https://user:pw@p2p.mirotalk.com/join/room',
  ])('refuses %s', (url) => {
    expect(locations.validate({ type: 'mirotalk', url })).toMatch(/mirotalk URL looks like/);
  });

  it('makes fresh rooms on the configured host and accepts fixed rooms there', () => {
    const own = createMeetingLocations({ mirotalkBaseUrl: 'https://sfu.example.org' });
    expect(own.resolve({ type: 'mirotalk' }, pinned).url).toBe('https://sfu.example.org/join/room123');
    expect(own.validate({ type: 'mirotalk', url: 'https://sfu.example.org/join/ours' })).toBeNull();
    expect(locations.resolve({ type: 'mirotalk' }, pinned).url).toBe('https://p2p.mirotalk.com/join/room123');
  });
});

describe('8x8', () => {
  it.each(['https://8x8.vc/acme/weekly-sync', 'https://8x8.vc/vpaas-magic-cookie-1f2e/room.1', 'https://8x8.vc/standup'])(
    'keeps the fixed room %s',
    (url) => {
      expect(locations.validate({ type: '8x8', url })).toBeNull();
      expect(locations.resolve({ type: '8x8', url }).url).toBe(url);
    },
  );

  it.each(['https://8x8.com/acme/room', 'https://8x8.vc/', 'https://8x8.vc/a/b/c', 'https://8x8.vc/acme/room?jwt=secret', 'http://8x8.vc/acme/room'])(
    'refuses %s',
    (url) => {
      expect(locations.validate({ type: '8x8', url })).toMatch(/8x8 URL looks like/);
    },
  );

  it('generates a room on 8x8.vc, under the tenant when the base names one', () => {
    expect(locations.resolve({ type: '8x8' }, pinned).url).toBe('https://8x8.vc/room123');
    const tenant = createMeetingLocations({ eightByEightBaseUrl: 'https://8x8.vc/vpaas-magic-cookie-abc' });
    expect(tenant.resolve({ type: '8x8' }, pinned).url).toBe('https://8x8.vc/vpaas-magic-cookie-abc/room123');
  });
});

describe('link', () => {
  it('requires an https URL and gives it to every booking', () => {
    const config: Location = { type: 'link', url: 'https://zoom.us/j/123456789' };
    expect(locations.validate(config)).toBeNull();
    expect(locations.resolve(config)).toEqual({ type: 'link', url: 'https://zoom.us/j/123456789', address: null });
    expect(locations.validate({ type: 'link' })).toMatch(/needs a url/);
    expect(locations.validate({ type: 'link', url: 'http://zoom.us/j/1' })).toMatch(/https/);
  });
});

describe('in_person', () => {
  it('requires an address, keeps an optional map link', () => {
    expect(locations.validate({ type: 'in_person' })).toMatch(/needs an address/);
    expect(locations.validate({ type: 'in_person', address: '  ' })).toMatch(/needs an address/);
    const config: Location = { type: 'in_person', address: ' Alexanderplatz 1, Berlin ', url: 'https://maps.example.com/x' };
    expect(locations.validate(config)).toBeNull();
    expect(locations.resolve(config)).toEqual({ type: 'in_person', url: 'https://maps.example.com/x', address: 'Alexanderplatz 1, Berlin' });
  });
});

describe('phone', () => {
  it("gives the host's number when the owner set one", () => {
    expect(locations.validate({ type: 'phone', address: '+49 (30) 123-4567' })).toBeNull();
    expect(locations.resolve({ type: 'phone', address: '+49 30 1234567' }, { responses: { phone: '+1 555 0100 999' } })).toEqual({
      type: 'phone',
      url: null,
      address: '+49 30 1234567',
    });
  });

  it("otherwise gives the booker's answer to the phone question", () => {
    expect(locations.validate({ type: 'phone' })).toBeNull();
    expect(locations.resolve({ type: 'phone' }, { responses: { phone: ' +1 555 0100 999 ' } }).address).toBe('+1 555 0100 999');
    expect(locations.resolve({ type: 'phone' }, { responses: { phone: 'call me maybe' } }).address).toBeNull();
    expect(locations.resolve({ type: 'phone' }).address).toBeNull();
  });

  it('refuses what is not a phone number', () => {
    expect(locations.validate({ type: 'phone', address: 'Main St 1' })).toMatch(/phone number/);
    expect(locations.validate({ type: 'phone', address: '123' })).toMatch(/phone number/);
  });
});

it('refuses to resolve a location that would not validate', () => {
  expect(() => locations.resolve({ type: 'link' })).toThrow(/needs a url/);
});

it('treats an empty base URL setting as unset', () => {
  expect(createMeetingLocations({ jitsiBaseUrl: '' }).resolve({ type: 'jitsi' }, pinned).url).toBe('https://meet.jit.si/room123');
});
