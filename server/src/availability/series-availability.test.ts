import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measure } from '../db/query-meter.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

describe('availability.bookingCheck (recurring series)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T00:00:00Z' });
    await app.api('POST', '/v1/users', { username: 'alice', name: 'Alice', email: 'alice@example.com', timeZone: 'Europe/Berlin' });
    await app.api('POST', '/v1/users', { username: 'bob', name: 'Bob', email: 'bob@example.com', timeZone: 'America/New_York' });
    await app.api('POST', '/v1/teams', { slug: 'acme', name: 'Acme', members: [{ username: 'alice' }, { username: 'bob' }] });
    const team = await app.api('POST', '/v1/event-types', { owner: 'acme', slug: 'sync', title: 'Sync', durationMinutes: 30, schedulingType: 'collective', hosts: [{ username: 'alice' }, { username: 'bob' }], bookingWindow: { type: 'unlimited' } });
    expect(team.status).toBe(201);
    await app.api('POST', '/v1/event-types', { owner: 'bob', slug: 'chat', title: 'Chat', durationMinutes: 30 });
    // Bob is taken at the third occurrence's time.
    const taken = await app.api('POST', '/v1/bookings', { event: 'bob/chat', start: '2026-12-16T14:00:00Z', timeZone: 'UTC', attendee: { name: 'X', email: 'x@example.com' } }, { token: null });
    expect(taken.status).toBe(201);
  });
  afterAll(() => app.close());

  const weekly = (count: number) => Array.from({ length: count }, (_, k) => Date.parse('2026-12-02T14:00:00Z') + k * 7 * 86_400_000);
  const freeAtEach = async (starts: number[]) => {
    const { services } = app;
    const resolved = await services.eventTypes.resolve('acme/sync');
    const check = await services.availability.bookingCheck(resolved, starts);
    return measure(() => services.db.transaction((trx) => check.hostsFreeAt(services.clock.now(), trx)));
  };

  it('checks every occurrence, not just the first', async () => {
    const { result } = await freeAtEach(weekly(4));
    expect(result).toEqual([['alice', 'bob'], ['alice', 'bob'], null, ['alice', 'bob']]);
  });

  it('makes the same number of queries for 2 occurrences and for 40', async () => {
    const [two, forty] = [await freeAtEach(weekly(2)), await freeAtEach(weekly(40))];
    expect(forty.result).toHaveLength(40);
    expect(forty.measure.queries).toBe(two.measure.queries);
  });
});
