import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, createHost } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

/**
 * Existence probing (issue 12): another owner's booking, schedule or event type must answer
 * exactly as one that does not exist, whatever the attacker's key tries, and stay unchanged.
 */
describe("another owner's resources look like none at all", () => {
  let app: TestApp;
  let vic: Awaited<ReturnType<typeof createHost>>;
  let mallory: Awaited<ReturnType<typeof createHost>>;
  let uid: string;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T00:00:00Z' });
    vic = await createHost(app, 'vic');
    mallory = await createHost(app, 'mallory');
    uid = (await book(app, vic.event, '2026-12-02T10:00:00Z')).booking.uid;
  });
  afterAll(() => app.close());

  /** The body an unknown id gets, with the id swapped in: what the attacker must see instead. */
  const asUnknown = (body: unknown, real: string, unknown: string) => JSON.parse(JSON.stringify(body).replaceAll(unknown, real));

  it('a booking uid: every owner route answers 404 with the body of an unknown uid', async () => {
    const unknown = 'AAAAAAAAAAAAAAAAAAAAAAAA';
    const routes: Array<[string, string, unknown]> = [
      ['GET', '', undefined],
      ['POST', '/cancel', {}],
      ['POST', '/reschedule', { start: '2026-12-02T11:00:00Z' }],
      ['POST', '/confirm', {}],
      ['POST', '/reject', {}],
      ['POST', '/refund', {}],
    ];
    for (const [method, suffix, body] of routes) {
      const probe = await app.api(method, `/v1/bookings/${uid}${suffix}`, body, { token: mallory.apiKey });
      const none = await app.api(method, `/v1/bookings/${unknown}${suffix}`, body, { token: mallory.apiKey });
      expect(probe.status, `${method} ${suffix}`).toBe(404);
      expect(probe.body, `${method} ${suffix}`).toEqual(asUnknown(none.body, uid, unknown));
    }
    const booking = await app.api('GET', `/v1/bookings/${uid}`, undefined, { token: vic.apiKey });
    expect(booking.body.booking).toMatchObject({ status: 'accepted', start: '2026-12-02T10:00:00.000Z' });
  });

  it('a schedule id: 404 as for an unknown id, and unchanged', async () => {
    const id = (await app.api('GET', '/v1/users/vic', undefined, { token: vic.apiKey })).body.user.defaultScheduleId as number;
    const before = (await app.api('GET', `/v1/schedules/${id}`, undefined, { token: vic.apiKey })).body.schedule;
    for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'Mine now' }]] as const) {
      const probe = await app.api(method, `/v1/schedules/${id}`, body, { token: mallory.apiKey });
      const none = await app.api(method, '/v1/schedules/999999', body, { token: mallory.apiKey });
      expect(probe.status).toBe(404);
      expect(probe.body).toEqual(asUnknown(none.body, String(id), '999999'));
    }
    expect((await app.api('GET', `/v1/schedules/${id}`, undefined, { token: vic.apiKey })).body.schedule).toEqual(before);
  });

  it('an event type id: 404 as for an unknown id, and unchanged', async () => {
    const id = vic.eventTypeId;
    for (const [method, body] of [['GET', undefined], ['PATCH', { title: 'Mine now' }], ['DELETE', undefined]] as const) {
      const probe = await app.api(method, `/v1/event-types/${id}`, body, { token: mallory.apiKey });
      const none = await app.api(method, '/v1/event-types/999999', body, { token: mallory.apiKey });
      expect(probe.status).toBe(404);
      expect(probe.body).toEqual(asUnknown(none.body, String(id), '999999'));
    }
    expect((await app.api('GET', `/v1/event-types/${id}`, undefined, { token: vic.apiKey })).body.eventType.title).toBe('Meeting');
  });
});
