import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@openslot/sdk';
import { bookingBody, expectNoOverlap } from '../test-support/bookings.js';
import { startInbox, type ReceivedMail } from '../test-support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const PUBLIC_URL = 'https://slots.example.com';
const hostsOf = (booking: { hosts: Array<{ username: string }> }) => booking.hosts.map((host) => host.username);

// Group and team bookings through every change: the hosts they hold, the name they were booked
// under, the title, and who is told.
describe('group and team bookings through reschedule, confirm and cancel', () => {
  let app: TestApp;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  const post = (event: string, start: string, overrides: Record<string, unknown> = {}) => app.api('POST', '/v1/bookings', bookingBody(event, start, overrides), { token: null });
  const mailed = async (): Promise<ReceivedMail[]> => {
    await app.services.worker.runOnce();
    return inbox.mails.splice(0);
  };
  const to = (mails: ReceivedMail[], address: string) => mails.filter((mail) => mail.to.includes(address));

  beforeAll(async () => {
    inbox = await startInbox();
    app = await startTestApp({ now: '2026-12-01T00:00:00Z', env: { SMTP_URL: inbox.smtpUrl, PUBLIC_URL } });
    for (const [username, name] of [['alice', 'Alice Example'], ['bob', 'Bob Builder'], ['cara', 'Cara Chen']]) {
      expect((await app.api('POST', '/v1/users', { username, name, email: `${username}@example.com`, timeZone: 'UTC', allowDynamicGroup: true })).status).toBe(201);
    }
    for (const [slug, requiresConfirmation] of [['intro', false], ['ask', true]] as const) {
      expect((await app.api('POST', '/v1/event-types', { owner: 'alice', slug, title: 'Intro call', durationMinutes: 30, requiresConfirmation, bookingWindow: { type: 'unlimited' } })).status).toBe(201);
    }
    await app.api('POST', '/v1/event-types', { owner: 'bob', slug: 'own', title: 'Own', durationMinutes: 30, bookingWindow: { type: 'unlimited' } });
    await app.api('POST', '/v1/teams', { slug: 'acme', name: 'Acme', members: [{ username: 'bob' }, { username: 'cara' }] });
    await app.api('POST', '/v1/event-types', { owner: 'acme', slug: 'sales', title: 'Sales call', durationMinutes: 30, schedulingType: 'round_robin', hosts: [{ username: 'bob' }, { username: 'cara' }], bookingWindow: { type: 'unlimited' } });
    await mailed();
  });
  afterAll(async () => {
    await app.close();
    await inbox.close();
  });

  it('a dynamic-group booking reports the group it was booked as, and a title that reads well', async () => {
    const res = await post('alice+bob/intro', '2026-12-07T10:00:00Z', { attendee: { name: 'Nina', email: 'nina@example.net' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.booking).toMatchObject({ eventType: 'alice+bob/intro', title: 'Intro call — Alice Example, Bob Builder and Nina' });
    const subjects = (await mailed()).map((mail) => mail.subject);
    expect(subjects.filter((subject) => subject.startsWith('New booking: Intro call with Nina on '))).toHaveLength(2);
    expect(subjects.join('\n')).not.toMatch(/Nina with Nina|between/);
    // `+` in a query string reads as a space, and handles have none: the slots and the list take either.
    const slots = await fetch(`${app.url}/v1/slots?event=alice+bob/intro&start=2026-12-07&end=2026-12-07&timeZone=UTC`);
    expect(((await slots.json()) as { eventType: string }).eventType).toBe('alice+bob/intro');
    // The SDK encodes the handle wherever it goes (a path segment, a query).
    const sdk = createClient({ baseUrl: app.url });
    expect((await sdk.eventTypes.getPublic('alice+bob/intro')).eventType.hosts.map((host) => host.username)).toEqual(['alice', 'bob']);
    expect((await sdk.slots.list({ event: 'alice+bob/intro', start: '2026-12-07', end: '2026-12-07', timeZone: 'UTC' })).eventType).toBe('alice+bob/intro');
    // Owners find it under the name it was booked as.
    const listed = await fetch(`${app.url}/v1/bookings?event=alice+bob/intro`, { headers: { authorization: `Bearer ${(await app.api('POST', '/v1/users/bob/api-keys')).body.key}` } });
    expect(((await listed.json()) as { bookings: Array<{ uid: string }> }).bookings.map((b) => b.uid)).toEqual([res.body.booking.uid]);
  });

  it('a rescheduled group booking keeps every host, checks each one’s time, and tells each one', async () => {
    const { booking, manageToken } = (await post('alice+bob/intro', '2026-12-08T10:00:00Z')).body;
    await mailed();
    expect((await post('bob/own', '2026-12-08T14:00:00Z')).status).toBe(201); // Bob is busy at 14:00
    await mailed();

    const clash = await app.api('POST', `/v1/bookings/${booking.uid}/reschedule`, { start: '2026-12-08T14:00:00Z' }, { token: manageToken });
    expect(clash.status).toBe(409);

    const moved = await app.api('POST', `/v1/bookings/${booking.uid}/reschedule`, { start: '2026-12-08T15:00:00Z' }, { token: manageToken });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(moved.body.booking).toMatchObject({ eventType: 'alice+bob/intro', title: 'Intro call — Alice Example, Bob Builder and Dana Booker' });
    expect(hostsOf(moved.body.booking)).toEqual(['alice', 'bob']);
    const mails = await mailed();
    for (const host of ['alice@example.com', 'bob@example.com']) expect(to(mails, host).map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Rescheduled: Intro call with Dana Booker to /)]);
    expect((await post('bob/own', '2026-12-08T15:00:00Z')).status).toBe(409);
    await mailed();

    const cancelled = await app.api('POST', `/v1/bookings/${moved.body.booking.uid}/cancel`, {}, { token: manageToken });
    expect(hostsOf(cancelled.body.booking)).toEqual(['alice', 'bob']);
    const cancelMails = await mailed();
    for (const host of ['alice@example.com', 'bob@example.com']) expect(to(cancelMails, host)).toHaveLength(1);
    expect((await post('bob/own', '2026-12-08T15:00:00Z')).status).toBe(201);
    await expectNoOverlap(app.services.db, 'bob');
    await mailed();
  });

  it('a pending group request that moves gets fresh decision links and no invite; confirming it keeps every host', async () => {
    const { booking, manageToken } = (await post('alice+bob/ask', '2026-12-09T10:00:00Z')).body;
    const requested = to(await mailed(), 'bob@example.com')[0]!;
    const oldConfirm = /Confirm booking: (\S+)/.exec(requested.text)![1]!.replace(PUBLIC_URL, app.url);

    const moved = (await app.api('POST', `/v1/bookings/${booking.uid}/reschedule`, { start: '2026-12-09T11:00:00Z' }, { token: manageToken })).body.booking;
    expect(moved).toMatchObject({ status: 'pending', eventType: 'alice+bob/ask' });
    const mails = await mailed();
    expect(mails.every((mail) => mail.invite === null)).toBe(true);
    const hostMail = to(mails, 'bob@example.com')[0]!;
    expect(hostMail.subject).toMatch(/^Please confirm: Intro call with Dana Booker, moved to /);
    expect(hostMail.text).toMatch(new RegExp(`Confirm booking: ${PUBLIC_URL}/manage/bookings/${moved.uid}/confirm\\?`));
    expect(hostMail.text).toMatch(new RegExp(`Decline booking: ${PUBLIC_URL}/manage/bookings/${moved.uid}/reject\\?`));
    expect(to(mails, 'dana@example.net')[0]!.subject).toMatch(/^Requested: Intro call, moved to /);
    // The first email's link now says where the request went.
    expect(await (await fetch(oldConfirm)).text()).toContain('This request moved to a new time');

    const confirmed = await app.api('POST', `/v1/bookings/${moved.uid}/confirm`, {});
    expect(confirmed.body.booking.status).toBe('accepted');
    expect(hostsOf(confirmed.body.booking)).toEqual(['alice', 'bob']);
    const invites = (await mailed()).map((mail) => mail.invite?.method);
    expect(invites).toEqual(['REQUEST', 'REQUEST', 'REQUEST']); // Dana, Alice, Bob
  });

  it('a round-robin booking that moves to another host is titled with that host', async () => {
    const first = (await post('acme/sales', '2026-12-10T10:00:00Z')).body;
    const [host] = hostsOf(first.booking);
    const other = host === 'bob' ? 'cara' : 'bob';
    expect(first.booking.title).toBe(`Sales call — ${host === 'bob' ? 'Bob Builder' : 'Cara Chen'} and Dana Booker`);
    // The host is taken at 11:00 by their own booking, so the move goes to the other host.
    await app.api('POST', '/v1/event-types', { owner: host, slug: 'busy', title: 'Busy', durationMinutes: 30, bookingWindow: { type: 'unlimited' } });
    expect((await post(`${host}/busy`, '2026-12-10T11:00:00Z')).status).toBe(201);
    const moved = await app.api('POST', `/v1/bookings/${first.booking.uid}/reschedule`, { start: '2026-12-10T11:00:00Z' }, { token: first.manageToken });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(hostsOf(moved.body.booking)).toEqual([other]);
    expect(moved.body.booking).toMatchObject({ eventType: 'acme/sales', title: `Sales call — ${other === 'bob' ? 'Bob Builder' : 'Cara Chen'} and Dana Booker` });
  });
});
