import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measure } from '../db/query-meter.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const DAY = '2026-12-02'; // a Wednesday
const slotsUrl = (event: string, timeZone = 'UTC') => `/v1/slots?${new URLSearchParams({ event, start: DAY, end: DAY, timeZone })}`;
const times = (slots: Array<{ start: string }> | undefined) => (slots ?? []).map((slot) => slot.start.slice(11, 16));

describe('teams, team event types and dynamic groups', () => {
  let app: TestApp;
  const keys: Record<string, string> = {};
  const user = async (username: string, timeZone: string, allowDynamicGroup = true) => {
    const res = await app.api('POST', '/v1/users', { username, name: username.toUpperCase(), email: `${username}@example.com`, timeZone, allowDynamicGroup });
    expect(res.status).toBe(201);
    keys[username] = (await app.api('POST', `/v1/users/${username}/api-keys`)).body.key;
  };
  const slots = async (event: string) => {
    const res = await app.api('GET', slotsUrl(event), undefined, { token: null });
    expect(res.status).toBe(200);
    return res.body.slots[DAY] as Array<{ start: string }> | undefined;
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T00:00:00Z' });
    await user('alice', 'Europe/Berlin'); // 09–17 = 08:00–16:00Z
    await user('bob', 'America/New_York'); // 09–17 = 14:00–22:00Z
    await user('carol', 'Asia/Tokyo'); // 09–17 = 00:00–08:00Z
    await user('dave', 'Europe/Berlin', false);
    await app.api('POST', '/v1/event-types', { owner: 'alice', slug: 'intro', title: 'Intro', durationMinutes: 60 });
  });
  afterAll(() => app.close());

  describe('teams', () => {
    it('creates a team with its members and roles; the creating user becomes an owner, the others are invited until they accept', async () => {
      const res = await app.api('POST', '/v1/teams', { slug: 'acme', name: 'Acme', members: [{ username: 'bob', role: 'admin' }, { username: 'carol' }] }, { token: keys.alice });
      expect(res.status).toBe(201);
      expect(res.body.team).toEqual({
        slug: 'acme',
        name: 'Acme',
        members: [
          { username: 'alice', role: 'owner', status: 'active' },
          { username: 'bob', role: 'admin', status: 'invited' },
          { username: 'carol', role: 'member', status: 'invited' },
        ],
      });
      for (const name of ['bob', 'carol']) {
        const accepted = await app.api('POST', `/v1/teams/acme/members/${name}/accept`, undefined, { token: keys[name] });
        expect(accepted.status).toBe(200);
        expect(accepted.body.team.members.find((m: { username: string }) => m.username === name).status).toBe('active');
      }
    });

    it('keeps team slugs and usernames in one namespace, both ways', async () => {
      const team = await app.api('POST', '/v1/teams', { slug: 'dave', name: 'Dave & Co' });
      expect(team.status).toBe(409);
      expect(team.body.error.code).toBe('handle_taken');
      const person = await app.api('POST', '/v1/users', { username: 'acme', name: 'Acme Person', email: 'a@example.com' });
      expect(person.status).toBe(409);
      expect(person.body.error.code).toBe('handle_taken');
      // A team is not a person: it has no user record, schedule or keys.
      expect((await app.api('GET', '/v1/users/acme')).status).toBe(404);
      expect((await app.api('GET', '/v1/users')).body.users.map((u: { username: string }) => u.username)).not.toContain('acme');
    });

    it('names the member that is not a user, and needs a key', async () => {
      const res = await app.api('POST', '/v1/teams', { slug: 'beta', name: 'Beta', members: [{ username: 'alice' }, { username: 'nobody' }] });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields).toEqual([{ field: 'members.1.username', message: 'no user "nobody"' }]);
      expect((await app.api('POST', '/v1/teams', { slug: 'gamma', name: 'Gamma' }, { token: null })).status).toBe(401);
    });

    it('shows a team to the admin and its members, not to others; lists a user their own teams', async () => {
      expect((await app.api('GET', '/v1/teams/acme')).status).toBe(200);
      expect((await app.api('GET', '/v1/teams/acme', undefined, { token: keys.carol })).status).toBe(200);
      expect((await app.api('GET', '/v1/teams/acme', undefined, { token: keys.dave })).status).toBe(403);
      expect((await app.api('GET', '/v1/teams/nope')).status).toBe(404);
      expect((await app.api('GET', '/v1/teams', undefined, { token: keys.carol })).body.teams.map((t: { slug: string }) => t.slug)).toEqual(['acme']);
      expect((await app.api('GET', '/v1/teams', undefined, { token: keys.dave })).body.teams).toEqual([]);
    });

    it('lets owners and admins manage the team, not plain members', async () => {
      expect((await app.api('PATCH', '/v1/teams/acme', { name: 'Acme Inc' }, { token: keys.carol })).status).toBe(403);
      const renamed = await app.api('PATCH', '/v1/teams/acme', { name: 'Acme Inc' }, { token: keys.bob });
      expect(renamed.status).toBe(200);
      expect(renamed.body.team.name).toBe('Acme Inc');
    });
  });

  describe('team event types', () => {
    const create = (body: Record<string, unknown>, token = keys.alice) =>
      app.api('POST', '/v1/event-types', { owner: 'acme', title: 'Sales', durationMinutes: 30, ...body }, { token });

    it('are created by a team manager with hosts who are members', async () => {
      const res = await create({ slug: 'sales', schedulingType: 'collective', hosts: [{ username: 'alice' }, { username: 'bob' }] });
      expect(res.status).toBe(201);
      expect(res.body.eventType).toMatchObject({
        event: 'acme/sales',
        owner: 'acme',
        schedulingType: 'collective',
        hosts: [
          { username: 'alice', weight: 1, priority: 2, fixed: false },
          { username: 'bob', weight: 1, priority: 2, fixed: false },
        ],
      });
      expect((await create({ slug: 'other', schedulingType: 'collective', hosts: [{ username: 'alice' }] }, keys.carol)).status).toBe(403);
    });

    it('refuse hosts outside the team and a missing scheduling type, naming the field', async () => {
      const outsider = await create({ slug: 'x', schedulingType: 'round_robin', hosts: [{ username: 'alice' }, { username: 'dave' }] });
      expect(outsider.status).toBe(400);
      expect(outsider.body.error.details.fields[0]).toEqual({ field: 'hosts.1.username', message: '"dave" is not a member of team "acme"' });
      const untyped = await create({ slug: 'y', hosts: [{ username: 'alice' }] });
      expect(untyped.status).toBe(400);
      expect(untyped.body.error.details.fields[0].field).toBe('schedulingType');
      const personal = await app.api('POST', '/v1/event-types', { owner: 'alice', slug: 'z', title: 'Z', durationMinutes: 30, hosts: [{ username: 'bob' }] });
      expect(personal.status).toBe(400);
      expect(personal.body.error.details.fields[0].field).toBe('hosts');
    });

    it('show their hosts in the public view and to every member in their list', async () => {
      const res = await app.api('GET', '/v1/event-types/acme/sales', undefined, { token: null });
      expect(res.status).toBe(200);
      expect(res.body.eventType).toMatchObject({ event: 'acme/sales', schedulingType: 'collective', hosts: [{ username: 'alice', name: 'ALICE' }, { username: 'bob', name: 'BOB' }] });
      const carols = await app.api('GET', '/v1/event-types', undefined, { token: keys.carol });
      expect(carols.body.eventTypes.map((e: { event: string }) => e.event)).toEqual(['acme/sales']);
      const id = carols.body.eventTypes[0].id;
      expect((await app.api('GET', `/v1/event-types/${id}`, undefined, { token: keys.carol })).status).toBe(200);
      // Outside the team, the id answers as an unknown one.
      expect((await app.api('GET', `/v1/event-types/${id}`, undefined, { token: keys.dave })).status).toBe(404);
      // Reading is not managing: a plain member cannot change it.
      expect((await app.api('PATCH', `/v1/event-types/${id}`, { title: 'Mine now' }, { token: keys.carol })).status).toBe(403);
    });

    it('collective: offers only the time every host is free, across time zones', async () => {
      // Berlin 08:00–16:00Z ∩ New York 14:00–22:00Z.
      expect(times(await slots('acme/sales'))).toEqual(['14:00', '14:30', '15:00', '15:30']);
    });

    it('round robin: a slot needs one free host, plus every fixed host', async () => {
      const rr = await create({ slug: 'rr', schedulingType: 'round_robin', hosts: [{ username: 'alice' }, { username: 'bob' }, { username: 'carol' }] });
      expect(rr.status).toBe(201);
      // Tokyo 00:00–08:00Z ∪ Berlin 08:00–16:00Z ∪ New York 14:00–22:00Z: 44 half hours from 00:00 to 22:00.
      const all = times(await slots('acme/rr'));
      expect(all).toHaveLength(44);
      expect([all[0], all.at(-1)]).toEqual(['00:00', '21:30']);

      const patched = await app.api('PATCH', `/v1/event-types/${rr.body.eventType.id}`, { hosts: [{ username: 'alice', fixed: true }, { username: 'bob' }, { username: 'carol' }] }, { token: keys.bob });
      expect(patched.status).toBe(200);
      // Alice must attend: her 08:00–16:00Z, with Bob (from 14:00Z) or Carol (until 08:00Z) beside her.
      expect(times(await slots('acme/rr'))).toEqual(['14:00', '14:30', '15:00', '15:30']);
    });

    it('will not drop a member who still hosts a team event type', async () => {
      const res = await app.api('PATCH', '/v1/teams/acme', { members: [{ username: 'alice', role: 'owner' }, { username: 'carol' }] }, { token: keys.alice });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields[0]).toEqual({ field: 'members', message: 'bob still host event types of this team; change their hosts first' });
    });

    it('computes slots in the same number of queries for 2 hosts and for 50', async () => {
      const { services } = app;
      const members: Array<{ username: string; role: 'member' }> = [];
      for (let i = 0; i < 50; i++) {
        const username = `h${i}`;
        await services.users.create({ username, name: username, email: `${username}@example.com`, timeZone: i % 2 ? 'America/New_York' : 'Europe/Berlin', allowDynamicGroup: false });
        members.push({ username, role: 'member' });
      }
      expect((await app.api('POST', '/v1/teams', { slug: 'big', name: 'Big', members })).status).toBe(201);
      const hosts = (n: number) => members.slice(0, n).map(({ username }) => ({ username }));
      for (const [slug, n] of [['two', 2], ['fifty', 50]] as const) {
        for (const schedulingType of ['round_robin', 'collective']) {
          const res = await app.api('POST', '/v1/event-types', { owner: 'big', slug: `${slug}-${schedulingType.replace('_', '-')}`, title: slug, durationMinutes: 30, schedulingType, hosts: hosts(n) });
          expect(res.status).toBe(201);
        }
      }
      const queries = async (event: string) =>
        (
          await measure(async () => {
            const resolved = await services.eventTypes.resolve(event);
            return services.availability.slots(resolved, { start: Date.parse('2026-12-01T00:00:00Z'), end: Date.parse('2027-01-01T00:00:00Z') }, services.clock.now());
          })
        ).measure.queries;
      const counts = [await queries('big/two-round-robin'), await queries('big/fifty-round-robin'), await queries('big/two-collective'), await queries('big/fifty-collective')];
      expect(new Set(counts).size).toBe(1);
      expect(counts[0]).toBeLessThanOrEqual(5);
      // And the fifty really are used: Berlin and New York halves overlap only 14:00–16:00Z.
      expect(times(await slots('big/fifty-collective'))).toEqual(['14:00', '14:30', '15:00', '15:30']);
    });
  });

  describe('dynamic groups', () => {
    it("book every listed person, from the first one's event type, collectively", async () => {
      const view = await app.api('GET', '/v1/event-types/alice+bob/intro', undefined, { token: null });
      expect(view.status).toBe(200);
      expect(view.body.eventType).toMatchObject({ event: 'alice+bob/intro', owner: 'alice', slug: 'intro', durationMinutes: 60, schedulingType: 'collective', hosts: [{ username: 'alice' }, { username: 'bob' }] });
      expect(times(await slots('alice+bob/intro'))).toEqual(['14:00', '15:00']);
      // Tokyo and New York working hours never meet.
      expect(await slots('alice+carol+bob/intro')).toBeUndefined();
    });

    it('are refused when anyone listed has not allowed them, naming who', async () => {
      const res = await app.api('GET', slotsUrl('alice+dave/intro'), undefined, { token: null });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'dynamic_group_not_allowed', details: { usernames: ['dave'] } });
    });

    it('are not found for an unknown person, a repeated one, a team or a missing event type', async () => {
      for (const event of ['alice+nobody/intro', 'alice+alice/intro', 'alice+acme/intro', 'bob+alice/intro', 'acme+alice/sales']) {
        const res = await app.api('GET', `/v1/event-types/${event}`, undefined, { token: null });
        expect([event, res.status]).toEqual([event, 404]);
      }
    });
  });
});
