import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

describe('users and API keys', () => {
  let app: TestApp;
  let eveKey = '';
  beforeAll(async () => {
    app = await startTestApp();
    for (const username of ['eve', 'mallory']) {
      const res = await app.api('POST', '/v1/users', { username, name: username, email: `${username}@example.com`, timeZone: 'Asia/Kathmandu' });
      expect(res.status).toBe(201);
    }
    const key = await app.api('POST', '/v1/users/eve/api-keys');
    expect(key.status).toBe(201);
    eveKey = key.body.key;
  });
  afterAll(() => app.close());

  it('lets only the admin key create users', async () => {
    const anonymous = await app.api('POST', '/v1/users', { username: 'x1', name: 'X', email: 'x@example.com' }, { token: null });
    expect(anonymous.status).toBe(401);
    const asUser = await app.api('POST', '/v1/users', { username: 'x2', name: 'X', email: 'x@example.com' }, { token: eveKey });
    expect(asUser.status).toBe(403);
    expect(asUser.body.error.code).toBe('forbidden');
  });

  it('refuses a taken handle with 409 and a bad one with 400 naming the field', async () => {
    const taken = await app.api('POST', '/v1/users', { username: 'eve', name: 'Eve 2', email: 'eve2@example.com' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('handle_taken');
    const bad = await app.api('POST', '/v1/users', { username: 'Not A Handle', name: 'X', email: 'not-an-email', timeZone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'timeZone', 'username']);
  });

  it("lets a user's key read and change that user only", async () => {
    expect((await app.api('GET', '/v1/users/eve', undefined, { token: eveKey })).status).toBe(200);
    expect((await app.api('GET', '/v1/users/mallory', undefined, { token: eveKey })).status).toBe(403);
    const patched = await app.api('PATCH', '/v1/users/eve', { name: 'Eve Host', allowDynamicGroup: true }, { token: eveKey });
    expect(patched.body.user).toMatchObject({ name: 'Eve Host', allowDynamicGroup: true, timeZone: 'Asia/Kathmandu' });
    expect((await app.api('PATCH', '/v1/users/mallory', { name: 'Hacked' }, { token: eveKey })).status).toBe(403);
  });

  it('takes an https avatar, shows it on the public event view for the widget, and clears it with null', async () => {
    const avatarUrl = 'https://images.example.com/eve.png';
    expect((await app.api('GET', '/v1/users/eve', undefined, { token: eveKey })).body.user.avatarUrl).toBe(null);
    const set = await app.api('PATCH', '/v1/users/eve', { avatarUrl }, { token: eveKey });
    expect(set.status).toBe(200);
    expect(set.body.user.avatarUrl).toBe(avatarUrl);
    for (const bad of ['javascript:alert(1)', 'http://images.example.com/eve.png', 'not a url']) {
      const refused = await app.api('PATCH', '/v1/users/eve', { avatarUrl: bad }, { token: eveKey });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['avatarUrl']);
    }
    const created = await app.api('POST', '/v1/event-types', { owner: 'eve', slug: 'chat', title: 'Chat', durationMinutes: 30 }, { token: eveKey });
    expect(created.status).toBe(201);
    const view = await app.api('GET', '/v1/event-types/eve/chat', undefined, { token: null });
    expect(view.body.eventType.hosts).toEqual([{ username: 'eve', name: expect.any(String), avatarUrl }]);
    const cleared = await app.api('PATCH', '/v1/users/eve', { avatarUrl: null }, { token: eveKey });
    expect(cleared.body.user.avatarUrl).toBe(null);
  });

  it('refuses an unknown API key rather than treating the caller as anonymous', async () => {
    const res = await app.api('GET', '/v1/users/eve', undefined, { token: 'osk_not-a-real-key' });
    expect(res.status).toBe(401);
  });

  it("sets the default schedule only to one of the user's own schedules", async () => {
    const own = await app.api('POST', '/v1/schedules', { name: 'Evenings', weeklyHours: [{ day: 'mon', start: '18:00', end: '21:00' }] }, { token: eveKey });
    expect(own.status).toBe(201);
    expect(own.body.schedule).toMatchObject({ owner: 'eve', timeZone: 'Asia/Kathmandu' });
    const mallorys = (await app.api('GET', '/v1/users/mallory')).body.user.defaultScheduleId;
    const refused = await app.api('PATCH', '/v1/users/eve', { defaultScheduleId: mallorys }, { token: eveKey });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].field).toBe('defaultScheduleId');
    const set = await app.api('PATCH', '/v1/users/eve', { defaultScheduleId: own.body.schedule.id }, { token: eveKey });
    expect(set.body.user.defaultScheduleId).toBe(own.body.schedule.id);
  });
});
