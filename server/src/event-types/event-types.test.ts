import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const fieldsOf = (body: any) => body.error.details.fields.map((f: { field: string }) => f.field);

describe('schedules and event types in the owner API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.api('POST', '/v1/users', { username: 'olga', name: 'Olga', email: 'olga@example.com', timeZone: 'America/Sao_Paulo' });
  });
  afterAll(() => app.close());

  it('creates an event type with the SPEC defaults from four fields', async () => {
    const res = await app.api('POST', '/v1/event-types', { owner: 'olga', slug: 'consult', title: 'Consultation', durationMinutes: 45 });
    expect(res.status).toBe(201);
    expect(res.body.eventType).toMatchObject({
      event: 'olga/consult',
      slotIntervalMinutes: null,
      minimumNoticeMinutes: 0,
      beforeBufferMinutes: 0,
      afterBufferMinutes: 0,
      bookingWindow: { type: 'rolling', days: 60 },
      limits: { perDay: null, perWeek: null },
      seats: null,
      requiresConfirmation: false,
      schedulingType: null,
      location: { type: 'jitsi' },
      bookingFields: [],
    });
  });

  it('names each bad field: negative buffer, window ending before it starts, link without URL', async () => {
    const res = await app.api('POST', '/v1/event-types', {
      owner: 'olga',
      slug: 'bad',
      title: 'Bad',
      durationMinutes: 30,
      beforeBufferMinutes: -5,
      bookingWindow: { type: 'range', start: '2027-02-01', end: '2027-01-01' },
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['beforeBufferMinutes', 'bookingWindow.end']));

    const link = await app.api('POST', '/v1/event-types', { owner: 'olga', slug: 'bad', title: 'Bad', durationMinutes: 30, location: { type: 'link' } });
    expect(link.status).toBe(400);
    expect(fieldsOf(link.body)).toEqual(['location']);
  });

  it('names bad schedule fields: unknown zone, a range that ends before it starts, a bad override date', async () => {
    const res = await app.api('POST', '/v1/schedules', {
      owner: 'olga',
      name: 'Broken',
      timeZone: 'Europe/Atlantis',
      weeklyHours: [{ day: 'tue', start: '17:00', end: '09:00' }],
      overrides: [{ date: '2026-02-30', ranges: [] }],
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['timeZone', 'weeklyHours.0.end', 'overrides.0.date']));
  });

  it('PATCH changes only what it names', async () => {
    const created = await app.api('POST', '/v1/event-types', { owner: 'olga', slug: 'patchy', title: 'Patchy', durationMinutes: 30, afterBufferMinutes: 10, seats: 5 });
    const id = created.body.eventType.id;
    const patched = await app.api('PATCH', `/v1/event-types/${id}`, { title: 'Renamed' });
    expect(patched.status).toBe(200);
    expect(patched.body.eventType).toMatchObject({ title: 'Renamed', afterBufferMinutes: 10, seats: 5, durationMinutes: 30 });
  });

  it('refuses a second event type with the same slug (409) and a schedule of someone else (400)', async () => {
    const again = await app.api('POST', '/v1/event-types', { owner: 'olga', slug: 'consult', title: 'Again', durationMinutes: 30 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('slug_taken');
    await app.api('POST', '/v1/users', { username: 'pia', name: 'Pia', email: 'pia@example.com' });
    const pias = (await app.api('GET', '/v1/users/pia')).body.user.defaultScheduleId;
    const foreign = await app.api('POST', '/v1/event-types', { owner: 'olga', slug: 'foreign', title: 'F', durationMinutes: 30, scheduleId: pias });
    expect(foreign.status).toBe(400);
    expect(fieldsOf(foreign.body)).toEqual(['scheduleId']);
  });

  it('deletes an event type without bookings; its public view is then 404', async () => {
    const created = await app.api('POST', '/v1/event-types', { owner: 'olga', slug: 'gone', title: 'Gone', durationMinutes: 30 });
    expect((await app.api('DELETE', `/v1/event-types/${created.body.eventType.id}`)).status).toBe(204);
    const res = await app.api('GET', '/v1/event-types/olga/gone', undefined, { token: null });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('answers unknown ids and routes with 404, not 500', async () => {
    expect((await app.api('GET', '/v1/event-types/not-a-number')).status).toBe(404);
    expect((await app.api('GET', '/v1/schedules/999999')).status).toBe(404);
    expect((await app.api('GET', '/v1/nothing-here')).body.error.code).toBe('not_found');
  });
});
