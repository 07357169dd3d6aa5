import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, createHost } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

// After a reschedule, everything the booker still holds about the old booking leads to the new one.
describe('the old booking after a reschedule', () => {
  let app: TestApp;
  let moved: { uid: string };
  let old: { uid: string };
  let token: string;
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    const host = await createHost(app, 'rhea', { location: { type: 'link', url: 'https://meet.example.com/rhea' } });
    const booked = await book(app, host.event, '2026-12-02T10:00:00Z');
    [old, token] = [booked.booking, booked.manageToken];
    moved = (await app.api('POST', `/v1/bookings/${old.uid}/reschedule`, { start: '2026-12-03T10:00:00Z' }, { token })).body.booking;
  });
  afterAll(() => app.close());

  it('its API view names the replacement (rescheduledToUid and a successor-version link), which the same token reads', async () => {
    const res = await app.api('GET', `/v1/bookings/${old.uid}`, undefined, { token });
    expect(res.body.booking).toMatchObject({ status: 'cancelled', rescheduledToUid: moved.uid });
    expect(res.headers.get('link')).toBe(`</v1/bookings/${moved.uid}>; rel="successor-version"`);
    expect(res.headers.get('access-control-expose-headers')).toContain('Link');
    const next = await app.api('GET', `/v1/bookings/${moved.uid}`, undefined, { token });
    expect(next.body.booking).toMatchObject({ status: 'accepted', rescheduledFromUid: old.uid, start: '2026-12-03T10:00:00.000Z' });
    expect(next.headers.get('link')).toBeNull();
  });

  it('its manage page links to the new booking’s page and offers no meeting link', async () => {
    const html = await (await fetch(`${app.url}/manage/bookings/${old.uid}?token=${encodeURIComponent(token)}`)).text();
    const noscript = /<noscript>([\s\S]*)<\/noscript>/.exec(html)![1]!;
    expect(noscript).toContain(`href="/manage/bookings/${moved.uid}?token=${encodeURIComponent(token)}"`);
    expect(noscript).not.toContain('meet.example.com');
    expect(noscript).not.toContain('Cancel booking');
    const next = await (await fetch(`${app.url}/manage/bookings/${moved.uid}?token=${encodeURIComponent(token)}`)).text();
    expect(next).toContain('https://meet.example.com/rhea');
    expect(next).toContain('Cancel booking');
  });
});
