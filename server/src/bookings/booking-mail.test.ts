import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, createHost } from '../test-support/bookings.js';
import { startInbox, type ReceivedMail } from '../test-support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const PUBLIC_URL = 'https://slots.example.com';

// Real messages through a real SMTP server, after each change commits: who gets what, the links
// in them (followed to the pages they open), and the calendar invite read with ical.js.
describe('booking emails and the pages their links open', () => {
  let app: TestApp;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  let tara: Awaited<ReturnType<typeof createHost>>;
  beforeAll(async () => {
    inbox = await startInbox();
    app = await startTestApp({ now: '2026-12-01T08:00:00Z', env: { SMTP_URL: inbox.smtpUrl, PUBLIC_URL, MAIL_FROM: 'OpenSlot <bookings@slots.example.com>' } });
    tara = await createHost(app, 'tara', { requiresConfirmation: true, slotIntervalMinutes: 15, allowGuests: true });
  });
  afterAll(async () => {
    await app.close();
    await inbox.close();
  });

  /** The mail the last change sent, once the worker has delivered it. */
  const delivered = async (): Promise<ReceivedMail[]> => {
    await app.services.worker.runOnce();
    return inbox.mails.splice(0);
  };
  const to = (mails: ReceivedMail[], address: string) => {
    const found = mails.filter((mail) => mail.to.includes(address));
    expect(found, `one mail to ${address}`).toHaveLength(1);
    return found[0]!;
  };
  const local = (url: string) => url.replace(PUBLIC_URL, app.url);
  const linkIn = (mail: ReceivedMail, label: string) => new RegExp(`${label}: (\\S+)`).exec(mail.text)?.[1] ?? '';
  const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
  const hiddenFields = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replaceAll('&amp;', '&')]));
  const statusOf = async (uid: string) => (await app.api('GET', `/v1/bookings/${uid}`)).body.booking.status;

  it('a request mails the booker (manage link, no invite) and the host (confirm and decline links)', async () => {
    const { booking, manageToken } = await book(app, tara.event, '2026-12-02T10:00:00Z', { attendee: { name: 'Uma <b>Booker</b>', email: 'uma@example.net' }, guests: ['val@example.org'] });
    const mails = await delivered();
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual(['tara@example.com', 'uma@example.net']);

    const booker = to(mails, 'uma@example.net');
    expect(booker.subject).toMatch(/^Requested: /);
    expect(booker.invite).toBeNull();
    expect(linkIn(booker, 'Reschedule or cancel')).toBe(`${PUBLIC_URL}/manage/bookings/${booking.uid}?token=${encodeURIComponent(manageToken)}`);

    const host = to(mails, 'tara@example.com');
    expect(host.subject).toMatch(/^Please confirm: /);
    expect(linkIn(host, 'Confirm booking')).toMatch(new RegExp(`^${PUBLIC_URL}/manage/bookings/${booking.uid}/confirm\\?expires=\\d+&sig=`));
    expect(linkIn(host, 'Decline booking')).toMatch(new RegExp(`^${PUBLIC_URL}/manage/bookings/${booking.uid}/reject\\?`));
    expect(host.text).not.toContain(manageToken);
  });

  it("the host's confirm link shows a page on GET (changing nothing) and confirms on POST; then booker and host get a REQUEST invite", async () => {
    const { booking } = await book(app, tara.event, '2026-12-02T11:00:00Z', { attendee: { name: 'Wes <script>alert(1)</script>', email: 'wes@example.net' } });
    const confirmUrl = local(linkIn(to(await delivered(), 'tara@example.com'), 'Confirm booking'));

    const page = await fetch(confirmUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('Confirm this booking?');
    expect(html).toContain('Wes &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(await statusOf(booking.uid)).toBe('pending');

    const tampered = await fetch(`${app.url}/manage/bookings/${booking.uid}/confirm`, form({ ...hiddenFields(html), sig: 'forged' }));
    expect(tampered.status).toBe(404);
    const otherDecision = await fetch(`${app.url}/manage/bookings/${booking.uid}/reject`, form(hiddenFields(html)));
    expect(otherDecision.status).toBe(404);
    expect(await statusOf(booking.uid)).toBe('pending');

    const confirmed = await fetch(`${app.url}/manage/bookings/${booking.uid}/confirm`, form(hiddenFields(html)));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Booking confirmed');
    expect(await statusOf(booking.uid)).toBe('accepted');

    const mails = await delivered();
    for (const address of ['wes@example.net', 'tara@example.com']) {
      expect(to(mails, address).invite).toMatchObject({
        method: 'REQUEST',
        uid: `${booking.uid}@openslot`,
        sequence: 1,
        start: '2026-12-02T11:00:00.000Z',
        end: '2026-12-02T11:30:00.000Z',
        status: 'CONFIRMED',
        location: expect.stringMatching(/^https:\/\/meet\.jit\.si\//),
      });
    }
    expect(to(mails, 'wes@example.net').subject).toMatch(/^Confirmed: /);

    const twice = await fetch(`${app.url}/manage/bookings/${booking.uid}/confirm`, form(hiddenFields(html)));
    expect(twice.status).toBe(409);
    expect(await twice.text()).toMatch(/is accepted; only pending/);
  });

  it('the decline link rejects with a reason; the booker hears of it without an invite', async () => {
    const { booking } = await book(app, tara.event, '2026-12-02T12:00:00Z', { attendee: { name: 'Xia', email: 'xia@example.net' } });
    const rejectUrl = local(linkIn(to(await delivered(), 'tara@example.com'), 'Decline booking'));
    const html = await (await fetch(rejectUrl)).text();
    expect(html).toContain('<textarea');
    const res = await fetch(`${app.url}/manage/bookings/${booking.uid}/reject`, form({ ...hiddenFields(html), reason: 'Fully booked that week' }));
    expect(res.status).toBe(200);
    const mails = await delivered();
    const booker = to(mails, 'xia@example.net');
    expect(booker.subject).toMatch(/^Declined: /);
    expect(booker.text).toContain('Reason: Fully booked that week');
    expect(booker.invite).toBeNull();
    expect((await app.api('GET', `/v1/bookings/${booking.uid}`)).body.booking.rejectionReason).toBe('Fully booked that week');
  });

  it('a decision link stops working when the meeting is over', async () => {
    const { booking } = await book(app, tara.event, '2026-12-02T13:00:00Z', { attendee: { name: 'Yan', email: 'yan@example.net' } });
    const confirmUrl = local(linkIn(to(await delivered(), 'tara@example.com'), 'Confirm booking'));
    app.clock.set('2026-12-02T13:30:00Z');
    try {
      expect((await fetch(confirmUrl)).status).toBe(410);
      const { searchParams } = new URL(confirmUrl);
      const post = await fetch(`${app.url}/manage/bookings/${booking.uid}/confirm`, form({ expires: searchParams.get('expires')!, sig: searchParams.get('sig')! }));
      expect(post.status).toBe(410);
      expect(await statusOf(booking.uid)).toBe('pending');
    } finally {
      app.clock.set('2026-12-01T08:00:00Z');
    }
  });

  it('reschedule and cancel keep the calendar UID and raise SEQUENCE; the manage page cancels on POST', async () => {
    const zane = await createHost(app, 'zane', { slotIntervalMinutes: 15, allowGuests: true });
    const { booking, manageToken } = await book(app, zane.event, '2026-12-03T09:00:00Z', { attendee: { name: 'Ada', email: 'ada@example.net' }, guests: ['bea@example.org'] });
    let mails = await delivered();
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual(['ada@example.net', 'bea@example.org', 'zane@example.com']);
    expect(to(mails, 'ada@example.net').invite).toMatchObject({ method: 'REQUEST', uid: `${booking.uid}@openslot`, sequence: 0, status: 'CONFIRMED' });

    const moved = await app.api('POST', `/v1/bookings/${booking.uid}/reschedule`, { start: '2026-12-03T09:15:00Z' }, { token: manageToken });
    expect(moved.status).toBe(201);
    const newUid = moved.body.booking.uid;
    mails = await delivered();
    for (const address of ['ada@example.net', 'bea@example.org', 'zane@example.com']) {
      expect(to(mails, address).invite).toMatchObject({ method: 'REQUEST', uid: `${booking.uid}@openslot`, sequence: 1, start: '2026-12-03T09:15:00.000Z' });
    }
    const bookerMail = to(mails, 'ada@example.net');
    expect(bookerMail.subject).toMatch(/^Rescheduled: /);
    expect(bookerMail.text).toMatch(/Previously: /);
    const manageUrl = linkIn(bookerMail, 'Reschedule or cancel');
    expect(manageUrl).toBe(`${PUBLIC_URL}/manage/bookings/${newUid}?token=${encodeURIComponent(manageToken)}`);

    const page = await fetch(local(manageUrl));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Cancel booking');
    expect(await statusOf(newUid)).toBe('accepted');
    expect((await fetch(`${app.url}/manage/bookings/${newUid}?token=wrong`)).status).toBe(404);
    expect((await fetch(`${app.url}/manage/bookings/${booking.uid}/cancel`, form({ token: 'wrong' }))).status).toBe(404);

    const cancelled = await fetch(`${app.url}/manage/bookings/${newUid}/cancel`, form({ ...hiddenFields(html), reason: 'Sick' }));
    expect(cancelled.status).toBe(200);
    expect(await statusOf(newUid)).toBe('cancelled');
    mails = await delivered();
    for (const address of ['ada@example.net', 'bea@example.org', 'zane@example.com']) {
      expect(to(mails, address).invite).toMatchObject({ method: 'CANCEL', uid: `${booking.uid}@openslot`, sequence: 2, status: 'CANCELLED' });
    }
    expect(to(mails, 'zane@example.com').text).toContain('Reason: Sick');
  });

  it('a mail server that refuses every message never fails or slows the booking', async () => {
    // The mail server holds every message until the booking has been answered, then refuses it.
    let answered!: () => void;
    const bookingAnswered = new Promise<void>((resolve) => (answered = resolve));
    const refusing = await startInbox(async () => {
      await bookingAnswered;
      return { code: 550, message: 'Mailbox unavailable' };
    });
    const other = await startTestApp({ now: '2026-12-01T08:00:00Z', env: { SMTP_URL: refusing.smtpUrl, PUBLIC_URL } });
    try {
      const host = await createHost(other, 'ines');
      const res = await other.api('POST', '/v1/bookings', { event: host.event, start: '2026-12-02T09:00:00Z', timeZone: 'UTC', attendee: { name: 'Jo', email: 'jo@example.net' } }, { token: null });
      expect(res.status).toBe(201);
      answered();
      await other.services.worker.runOnce();
      expect(refusing.attempts()).toBe(2); // booker and host, each tried and refused
      expect(refusing.mails).toEqual([]);
      expect((await other.api('GET', `/v1/bookings/${res.body.booking.uid}`)).body.booking.status).toBe('accepted');
    } finally {
      await other.close();
      await refusing.close();
    }
  });
});
