import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, createHost } from '../test-support/bookings.js';
import { startInbox } from '../test-support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const DAY = '2026-12-02'; // a Wednesday
const slotsOf = async (app: TestApp, event: string) => {
  const res = await app.api('GET', `/v1/slots?${new URLSearchParams({ event, start: DAY, end: DAY, timeZone: 'UTC' })}`, undefined, { token: null });
  return { status: res.status, slots: (res.body.slots?.[DAY] ?? []) as Array<{ start: string }> };
};

/**
 * Teams by consent, written as the attacks of issue 12: a stranger's key names someone in a team
 * and tries to use their time; a team admin tries to take the team over; the victim tries to leave.
 */
describe('teams by consent', () => {
  let app: TestApp;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  const keys: Record<string, string> = {};
  const as = (who: string) => ({ token: keys[who]! });
  const members = async (slug: string) => (await app.api('GET', `/v1/teams/${slug}`)).body.team.members as Array<{ username: string; role: string; status: string }>;
  const mailTo = (username: string) => inbox.mails.filter((mail) => mail.to.includes(`${username}@example.com`));

  beforeAll(async () => {
    inbox = await startInbox();
    app = await startTestApp({ now: '2026-12-01T00:00:00Z', env: { SMTP_URL: inbox.smtpUrl } });
    for (const name of ['vic', 'mallory', 'olivia', 'adam', 'carl']) keys[name] = (await createHost(app, name)).apiKey;
  });
  afterAll(async () => {
    await app.close();
    await inbox.close();
  });

  describe("a stranger's key naming the victim", () => {
    let victimSlots: string[];

    beforeAll(async () => {
      victimSlots = (await slotsOf(app, 'vic/meet')).slots.map((s) => s.start);
      const team = await app.api('POST', '/v1/teams', { slug: 'trap', name: 'Trap', members: [{ username: 'vic' }] }, as('mallory'));
      expect(team.status).toBe(201);
    });

    it('only invites them: the team lists them as invited, and they are not in it', async () => {
      expect(await members('trap')).toEqual([
        { username: 'mallory', role: 'owner', status: 'active' },
        { username: 'vic', role: 'member', status: 'invited' },
      ]);
      expect((await app.api('GET', '/v1/teams', undefined, as('vic'))).body.teams).toEqual([]);
      expect((await app.api('GET', '/v1/teams/trap', undefined, as('vic'))).status).toBe(403);
    });

    it('cannot make a collective or round-robin event type with them as host', async () => {
      for (const schedulingType of ['collective', 'round_robin']) {
        const res = await app.api('POST', '/v1/event-types', { owner: 'trap', slug: `t-${schedulingType}`, title: 'T', durationMinutes: 30, schedulingType, hosts: [{ username: 'mallory' }, { username: 'vic' }] }, as('mallory'));
        expect(res.status).toBe(400);
        expect(res.body.error.details.fields).toEqual([{ field: 'hosts.1.username', message: '"vic" has not accepted the invitation to team "trap"' }]);
      }
      const own = await app.api('POST', '/v1/event-types', { owner: 'trap', slug: 'solo', title: 'Solo', durationMinutes: 30, schedulingType: 'collective', hosts: [{ username: 'mallory' }] }, as('mallory'));
      expect(own.status).toBe(201);
      const patched = await app.api('PATCH', `/v1/event-types/${own.body.eventType.id}`, { hosts: [{ username: 'mallory' }, { username: 'vic' }] }, as('mallory'));
      expect(patched.status).toBe(400);
      expect(patched.body.error.details.fields[0].field).toBe('hosts.1.username');
    });

    it("so bookings never block the victim's own event types or mail them", async () => {
      for (let hour = 9; hour < 17; hour++) {
        const res = await app.api('POST', '/v1/bookings', bookingBody('trap/solo', `${DAY}T${String(hour).padStart(2, '0')}:00:00Z`), { token: null });
        expect(res.status).toBe(201);
        expect(res.body.booking.hosts.map((h: { username: string }) => h.username)).toEqual(['mallory']);
      }
      expect((await app.api('POST', '/v1/bookings', bookingBody('trap/t-collective', `${DAY}T09:00:00Z`), { token: null })).status).toBe(404);
      await app.services.worker.runOnce();
      expect((await slotsOf(app, 'vic/meet')).slots.map((s) => s.start)).toEqual(victimSlots);
      expect((await app.api('GET', '/v1/bookings', undefined, as('vic'))).body.bookings).toEqual([]);
      // The one mail they get is the invitation, which they can ignore.
      expect(mailTo('vic').map((mail) => mail.subject)).toEqual(['Mallory Host invited you to the team Trap']);
    });

    it('sees nothing of the team while invited: neither its event types nor its webhooks', async () => {
      const eventTypes = (await app.api('GET', '/v1/event-types', undefined, as('vic'))).body.eventTypes.map((e: { event: string }) => e.event);
      expect(eventTypes).toEqual(['vic/meet']);
      expect((await app.api('GET', '/v1/webhooks?owner=trap', undefined, as('vic'))).status).toBe(403);
    });

    it('cannot accept for them: only their own key (or their emailed link) accepts', async () => {
      expect((await app.api('POST', '/v1/teams/trap/members/vic/accept', undefined, as('mallory'))).status).toBe(403);
      expect((await app.api('POST', '/v1/teams/trap/members/vic/accept')).status).toBe(403);
      expect((await members('trap')).find((m) => m.username === 'vic')?.status).toBe('invited');
    });

    it('lets the victim decline by leaving', async () => {
      expect((await app.api('DELETE', '/v1/teams/trap/members/vic', undefined, as('vic'))).status).toBe(204);
      expect((await members('trap')).map((m) => m.username)).toEqual(['mallory']);
    });
  });

  describe('the invitation link', () => {
    const linkOf = (username: string) => {
      const mail = mailTo(username).at(-1)!;
      return new URL(/(http\S+\/manage\/teams\/\S+)/.exec(mail.text)![1]!);
    };
    const postForm = (url: URL, fields: Record<string, string>) =>
      fetch(app.url + url.pathname, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

    beforeAll(async () => {
      expect((await app.api('POST', '/v1/teams', { slug: 'crew', name: 'Crew', members: [{ username: 'carl' }] }, as('olivia'))).status).toBe(201);
      await app.services.worker.runOnce();
    });

    it('shows a confirm page on GET and changes nothing until the POST', async () => {
      const link = linkOf('carl');
      const page = await fetch(app.url + link.pathname + link.search);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Join the team');
      expect((await members('crew')).find((m) => m.username === 'carl')?.status).toBe('invited');
    });

    it('refuses a forged or altered link, and accepts the real one', async () => {
      const link = linkOf('carl');
      const fields = { expires: link.searchParams.get('expires')!, sig: link.searchParams.get('sig')! };
      expect((await postForm(link, { ...fields, sig: fields.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).status).toBe(404);
      expect((await postForm(link, { ...fields, expires: String(Number(fields.expires) + 1) })).status).toBe(404);
      const other = new URL(link.href.replace('/invitations/carl', '/invitations/olivia'));
      expect((await postForm(other, fields)).status).toBe(404);
      expect((await members('crew')).find((m) => m.username === 'carl')?.status).toBe('invited');
      const accepted = await postForm(link, fields);
      expect(accepted.status).toBe(200);
      expect(await accepted.text()).toContain('You are now a member of Crew');
      expect((await members('crew')).find((m) => m.username === 'carl')?.status).toBe('active');
    });

    it('dies with the invitation, and expires', async () => {
      const old = linkOf('carl');
      // Removed and invited again: the old link names an invitation that no longer exists.
      expect((await app.api('DELETE', '/v1/teams/crew/members/carl', undefined, as('olivia'))).status).toBe(204);
      const again = await app.api('PATCH', '/v1/teams/crew', { members: [{ username: 'olivia', role: 'owner' }, { username: 'carl' }] }, as('olivia'));
      expect(again.body.team.members.find((m: { username: string }) => m.username === 'carl').status).toBe('invited');
      await app.services.worker.runOnce();
      expect((await postForm(old, { expires: old.searchParams.get('expires')!, sig: old.searchParams.get('sig')! })).status).toBe(404);
      const fresh = linkOf('carl');
      app.clock.advance(15 * 24 * 3_600_000);
      expect((await postForm(fresh, { expires: fresh.searchParams.get('expires')!, sig: fresh.searchParams.get('sig')! })).status).toBe(410);
      expect((await members('crew')).find((m) => m.username === 'carl')?.status).toBe('invited');
      app.clock.set('2026-12-01T00:00:00Z');
    });
  });

  describe('owners', () => {
    beforeAll(async () => {
      // The platform admin key adds members directly, as active.
      const res = await app.api('POST', '/v1/teams', { slug: 'firm', name: 'Firm', members: [{ username: 'olivia', role: 'owner' }, { username: 'adam', role: 'admin' }, { username: 'vic' }] });
      expect(res.body.team.members.every((m: { status: string }) => m.status === 'active')).toBe(true);
    });

    it('a team admin cannot make themselves the only owner, or touch an owner at all', async () => {
      const before = await members('firm');
      const attempts = [
        app.api('PATCH', '/v1/teams/firm', { members: [{ username: 'adam', role: 'owner' }, { username: 'vic' }] }, as('adam')),
        app.api('PATCH', '/v1/teams/firm', { members: [{ username: 'olivia', role: 'member' }, { username: 'adam', role: 'owner' }, { username: 'vic' }] }, as('adam')),
        app.api('PATCH', '/v1/teams/firm', { members: [{ username: 'olivia', role: 'owner' }, { username: 'adam', role: 'admin' }, { username: 'vic', role: 'owner' }] }, as('adam')),
        app.api('DELETE', '/v1/teams/firm/members/olivia', undefined, as('adam')),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe('Only an owner of team "firm" may add, remove or demote an owner');
      }
      expect(await members('firm')).toEqual(before);
    });

    it('a plain member cannot remove anyone but themselves', async () => {
      expect((await app.api('DELETE', '/v1/teams/firm/members/adam', undefined, as('vic'))).status).toBe(403);
      expect((await members('firm')).map((m) => m.username)).toEqual(['adam', 'olivia', 'vic']);
    });

    it('an owner promotes an owner; a team always keeps one', async () => {
      const lastOwner = await app.api('DELETE', '/v1/teams/firm/members/olivia', undefined, as('olivia'));
      expect(lastOwner.status).toBe(409);
      expect(lastOwner.body.error.code).toBe('last_owner');
      const demoted = await app.api('PATCH', '/v1/teams/firm', { members: [{ username: 'olivia', role: 'admin' }, { username: 'adam', role: 'admin' }, { username: 'vic' }] }, as('olivia'));
      expect(demoted.status).toBe(400);
      expect(demoted.body.error.details.fields[0].field).toBe('members');
      const promoted = await app.api('PATCH', '/v1/teams/firm', { members: [{ username: 'olivia', role: 'owner' }, { username: 'adam', role: 'owner' }, { username: 'vic' }] }, as('olivia'));
      expect(promoted.status).toBe(200);
      expect((await app.api('DELETE', '/v1/teams/firm/members/olivia', undefined, as('olivia'))).status).toBe(204);
      expect(await members('firm')).toEqual([
        { username: 'adam', role: 'owner', status: 'active' },
        { username: 'vic', role: 'member', status: 'active' },
      ]);
    });

    it('a member who hosts can leave: they stop hosting, and the team event type stops using their time', async () => {
      const created = await app.api('POST', '/v1/event-types', { owner: 'firm', slug: 'pair', title: 'Pair', durationMinutes: 30, schedulingType: 'collective', hosts: [{ username: 'adam' }, { username: 'vic' }] }, as('adam'));
      expect(created.status).toBe(201);
      const booked = await app.api('POST', '/v1/bookings', bookingBody('firm/pair', `${DAY}T10:00:00Z`), { token: null });
      expect(booked.status).toBe(201);
      expect((await slotsOf(app, 'vic/meet')).slots.map((s) => s.start)).not.toContain(`${DAY}T10:00:00.000Z`);

      expect((await app.api('DELETE', '/v1/teams/firm/members/vic', undefined, as('vic'))).status).toBe(204);
      expect((await app.api('GET', '/v1/event-types/firm/pair', undefined, { token: null })).body.eventType.hosts.map((h: { username: string }) => h.username)).toEqual(['adam']);
      expect((await app.api('GET', '/v1/teams', undefined, as('vic'))).body.teams).toEqual([]);
      // The meeting they already had stays theirs to see and cancel.
      expect((await app.api('GET', `/v1/bookings/${booked.body.booking.uid}`, undefined, as('vic'))).status).toBe(200);
    });

    it('answers 404 for a member or team that does not exist', async () => {
      expect((await app.api('DELETE', '/v1/teams/firm/members/nobody', undefined, as('adam'))).status).toBe(404);
      expect((await app.api('POST', '/v1/teams/nope/members/vic/accept', undefined, as('vic'))).status).toBe(404);
    });
  });
});
