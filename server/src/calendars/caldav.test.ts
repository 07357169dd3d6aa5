import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInbox, type ReceivedMail } from '../test-support/smtp-inbox.js';
import { startRadicale, type Radicale } from '../../test-fakes/radicale.mjs';
import { icsOf } from '../test-support/ics-server.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const DAY = '2026-12-02';
const PASSWORD = 'alice-app-password';

describe('CalDAV against a real Radicale', () => {
  let radicale: Radicale;
  let app: TestApp;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  let work: string;
  let personal: string;
  let connection: { id: string; calendars: Array<{ id: string; name: string }> };

  beforeAll(async () => {
    radicale = await startRadicale({ alice: PASSWORD });
    inbox = await startInbox();
    app = await startTestApp({ env: { SMTP_URL: inbox.smtpUrl, CALENDAR_SLOTS_BUDGET_MS: '2000', CALENDAR_BOOKING_BUDGET_MS: '3000' } });
    await app.api('POST', '/v1/users', { username: 'alice', name: 'Alice', email: 'alice@example.com', timeZone: 'Europe/London' });
    await app.api('POST', '/v1/event-types', { owner: 'alice', slug: 'intro', title: 'Intro', durationMinutes: 30, slotIntervalMinutes: 15 });
    work = await radicale.makeCalendar('alice', 'work');
    personal = await radicale.makeCalendar('alice', 'personal');
    // Created by PUT before OpenSlot first reads the calendars.
    await radicale.put(personal, 'dentist.ics', icsOf('UID:dentist\nDTSTART:20261202T100000Z\nDTEND:20261202T110000Z\nSUMMARY:Dentist'));
    await radicale.put(
      work,
      'standup.ics',
      icsOf(
        'UID:standup\nDTSTART;TZID=Europe/London:20261101T150000\nDTEND;TZID=Europe/London:20261101T153000\nRRULE:FREQ=DAILY\nEXDATE;TZID=Europe/London:20261202T150000\nSUMMARY:Stand-up',
        'UID:standup\nRECURRENCE-ID;TZID=Europe/London:20261203T150000\nDTSTART;TZID=Europe/London:20261202T160000\nDTEND;TZID=Europe/London:20261202T163000\nSUMMARY:Stand-up (moved)',
      ),
    );
    await radicale.put(work, 'lunch.ics', icsOf('UID:lunch\nDTSTART:20261202T130000Z\nDTEND:20261202T140000Z\nTRANSP:TRANSPARENT\nSUMMARY:Lunch (free)'));
  });
  afterAll(async () => {
    await app.close();
    await inbox.close();
    await radicale.stop();
  });

  const slots = async () => (await app.api('GET', `/v1/slots?event=alice/intro&start=${DAY}&end=${DAY}&timeZone=UTC`, undefined, { token: null })).body;
  const times = (body: { slots: Record<string, Array<{ start: string }>> }) => (body.slots[DAY] ?? []).map((slot) => slot.start.slice(11, 16));
  const book = (start: string) => app.api('POST', '/v1/bookings', { event: 'alice/intro', start, timeZone: 'UTC', attendee: { name: 'Vera', email: 'vera@example.com' } }, { token: null });
  const ours = async (uid: string) => (await radicale.objects(work)).filter((ics) => ics.includes(`UID:${uid}@openslot`));

  it('discovers the calendars from the server URL; the host picks which are busy and the destination', async () => {
    const created = await app.api('POST', '/v1/users/alice/calendars', { type: 'caldav', url: radicale.url, username: 'alice', password: PASSWORD });
    expect(created.status).toBe(201);
    connection = created.body.connection;
    expect(JSON.stringify(created.body)).not.toContain(PASSWORD);
    expect(connection).toMatchObject({ type: 'caldav', status: 'ok', label: expect.stringContaining('alice at 127.0.0.1') });
    expect(connection.calendars.map((c) => c.name).sort()).toEqual(['personal', 'work']);
    const id = (name: string) => connection.calendars.find((c) => c.name === name)!.id;
    const chosen = await app.api('PATCH', `/v1/users/alice/calendars/${connection.id}`, {
      calendars: [{ id: id('work'), busy: true, destination: true }, { id: id('personal'), busy: true, destination: false }],
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.connection.calendars.filter((c: { destination: boolean }) => c.destination).map((c: { name: string }) => c.name)).toEqual(['work']);
  });

  it('events created by PUT hide slots; a recurring event with an exception and a moved occurrence expands right; free time stays free', async () => {
    const offered = times(await slots());
    expect(offered).toEqual(expect.arrayContaining(['09:30', '11:00', '13:00', '13:30', '15:00', '15:30']));
    for (const hidden of ['09:45', '10:00', '10:30', '10:45', '16:00', '16:15']) expect(offered).not.toContain(hidden);
  });

  it('a booking appears in the destination calendar, moves on reschedule (same UID, over its own old time), and is gone after cancel', async () => {
    const created = await book(`${DAY}T11:00:00Z`);
    expect(created.status).toBe(201);
    const { uid } = created.body.booking;
    await app.services.worker.runOnce();
    const [written] = await ours(uid);
    expect(written).toContain('DTSTART:20261202T110000Z');
    expect(written).toContain('SUMMARY:Intro — Alice and Vera');
    expect(written).not.toMatch(/^METHOD:/m);

    // 11:15 overlaps the booking's own event in Radicale: it must not block its own move.
    const moved = await app.api('POST', `/v1/bookings/${uid}/reschedule`, { start: `${DAY}T11:15:00Z` }, { token: created.body.manageToken });
    expect(moved.status).toBe(201);
    await app.services.worker.runOnce();
    const after = await ours(uid);
    expect(after).toHaveLength(1);
    expect(after[0]).toContain('DTSTART:20261202T111500Z');
    expect(after[0]).toContain('SEQUENCE:1');

    // Another visitor cannot take the time: the booking is busy in OpenSlot and in the calendar.
    expect((await book(`${DAY}T11:15:00Z`)).status).toBe(409);

    const cancelled = await app.api('POST', `/v1/bookings/${moved.body.booking.uid}/cancel`, {}, { token: created.body.manageToken });
    expect(cancelled.status).toBe(200);
    await app.services.worker.runOnce();
    expect(await ours(uid)).toHaveLength(0);
  });

  it('the booking check reads the calendar fresh: an event added a moment ago refuses the booking', async () => {
    expect(times(await slots())).toContain('12:00');
    await radicale.put(personal, 'call.ics', icsOf('UID:call\nDTSTART:20261202T120000Z\nDTEND:20261202T123000Z\nSUMMARY:Call'));
    // The slots view may still show 12:00 from its cache; the booking must not.
    const refused = await book(`${DAY}T12:00:00Z`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('slot_unavailable');
  });

  it('a wrong password shows as a broken connection (never a 500): the host is emailed, a CALENDAR_CONNECTION_BROKEN event is recorded, repairing it works', async () => {
    const wrong = await app.api('POST', '/v1/users/alice/calendars', { type: 'caldav', url: radicale.url, username: 'alice', password: 'wrong' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('calendar_auth_failed');

    radicale.setPassword('alice', 'a-new-password');
    app.clock.advance(61_000);
    const body = await slots();
    expect(body.degraded).toEqual(expect.arrayContaining([expect.objectContaining({ host: 'alice', reason: 'broken' })]));
    const listed = (await app.api('GET', `/v1/users/alice/calendars/${connection.id}`)).body.connection;
    expect(listed).toMatchObject({ status: 'broken', statusReason: expect.stringContaining('refused') });
    // A booking fails closed while the host's calendar cannot be read.
    const refused = await book(`${DAY}T14:00:00Z`);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('calendar_unavailable');

    const event = await app.services.db('outbox_events').where({ type: 'CALENDAR_CONNECTION_BROKEN' }).first();
    const payload = JSON.parse(event.payload);
    expect(payload.data).toMatchObject({ host: 'alice', connection: { id: connection.id, status: 'broken' } });
    expect(event.payload).not.toContain(PASSWORD);
    await app.services.worker.runOnce();
    const mails: ReceivedMail[] = inbox.mails.splice(0).filter((mail) => mail.to.includes('alice@example.com') && /calendar/i.test(mail.subject));
    expect(mails.map((mail) => mail.subject)).toEqual(['Your CalDAV calendar is disconnected from OpenSlot']);
    expect(mails[0]!.text).not.toContain(PASSWORD);

    const repaired = await app.api('PATCH', `/v1/users/alice/calendars/${connection.id}`, { password: 'a-new-password' });
    expect(repaired.status).toBe(200);
    expect(repaired.body.connection.status).toBe('ok');
    expect((await book(`${DAY}T14:00:00Z`)).status).toBe(201);
  });
});
