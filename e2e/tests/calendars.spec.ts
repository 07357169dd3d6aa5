import { expect, test, type Page } from '@playwright/test';
import { startRadicale, type Radicale } from '../../server/test-fakes/radicale.mjs';
import { ADMIN_KEY, PORTS } from '../ports.mjs';
import { API } from './helpers.js';

const owner = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
const GOOGLE = `http://127.0.0.1:${PORTS.google}`;

/** A weekday at least two days ahead (UTC), as YYYY-MM-DD: every host below works 09:00–17:00 UTC then. */
function nextWorkday(): string {
  let day = new Date(Date.now() + 2 * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day = new Date(day.getTime() + 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** The demo site's page for any event, in UTC with 24-hour times. */
async function embed(page: Page, event: string): Promise<void> {
  await page.goto(`/book.html?event=${encodeURIComponent(event)}&time-zone=UTC&locale=en-GB`);
}

/** Opens `date` in the widget and answers the times it offers. */
async function offeredTimes(page: Page, date: string): Promise<string[]> {
  const widget = page.locator('openslot-booking');
  const day = widget.locator(`button[data-date="${date}"]`);
  await expect(widget.locator('table[aria-busy="false"]')).toBeVisible();
  if ((await day.count()) === 0) {
    await widget.getByRole('button', { name: 'Next month' }).click();
    await expect(widget.locator('table[aria-busy="false"]')).toBeVisible();
  }
  await day.click();
  await expect(widget.locator('button[part="time"]').first()).toBeVisible();
  return (await widget.locator('button[part="time"]').allTextContents()).map((text) => text.trim());
}

async function bookAt(page: Page, time: string, name: string): Promise<void> {
  const widget = page.locator('openslot-booking');
  await widget.locator('button[part="time"]', { hasText: new RegExp(`^\\s*${time}\\s*$`) }).click();
  await widget.locator('button[part~="confirm-time"]').click(); // the time list's Next
  await widget.getByLabel('Name').fill(name);
  await widget.getByLabel('Email').fill(`${name.split(' ')[0]!.toLowerCase()}@example.com`);
  await widget.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(widget.getByRole('heading', { name: 'You’re booked' })).toBeVisible();
}

async function host(request: import('@playwright/test').APIRequestContext, username: string): Promise<void> {
  expect((await request.post(`${API}/v1/users`, { headers: owner, data: { username, name: username[0]!.toUpperCase() + username.slice(1), email: `${username}@example.com`, timeZone: 'UTC' } })).status()).toBe(201);
  expect((await request.post(`${API}/v1/event-types`, { headers: owner, data: { owner: username, slug: 'call', title: 'Call', durationMinutes: 30 } })).status()).toBe(201);
}

test.describe('a CalDAV calendar (a real Radicale)', () => {
  let radicale: Radicale;
  test.beforeAll(async () => {
    radicale = await startRadicale({ rita: 'rita-app-password' });
  });
  test.afterAll(async () => {
    await radicale.stop();
  });

  test('its 10:00 event is not offered; a visitor books 11:00 and the booking lands in Radicale', async ({ page, request }) => {
    const date = nextWorkday();
    const compact = date.replaceAll('-', '');
    await host(request, 'rita');
    const work = await radicale.makeCalendar('rita', 'work');
    await radicale.put(work, 'dentist.ics', ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//e2e//EN', 'BEGIN:VEVENT', 'UID:dentist@e2e', 'DTSTAMP:20260101T000000Z', `DTSTART:${compact}T100000Z`, `DTEND:${compact}T110000Z`, 'SUMMARY:Dentist', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
    const connected = await request.post(`${API}/v1/users/rita/calendars`, { headers: owner, data: { type: 'caldav', url: radicale.url, username: 'rita', password: 'rita-app-password' } });
    expect(connected.status()).toBe(201);

    await embed(page, 'rita/call');
    const times = await offeredTimes(page, date);
    expect(times).toContain('9:30');
    expect(times).not.toContain('10:00');
    expect(times).not.toContain('10:30');
    expect(times).toContain('11:00');
    await bookAt(page, '11:00', 'Vera Visitor');

    await expect.poll(async () => (await radicale.objects(work)).filter((ics) => ics.includes(`DTSTART:${compact}T110000Z`)).length, { timeout: 15_000 }).toBe(1);
  });
});

test('Google: consent on the fake Google, the callback, a busy event hides a slot, the booking is inserted', async ({ page, request }) => {
  const date = nextWorkday();
  await host(request, 'gina');
  const started = await request.post(`${API}/v1/users/gina/calendars/google/connect`, { headers: owner, data: {} });
  expect(started.status()).toBe(201);

  await page.goto((await started.json()).url);
  await expect(page.getByRole('heading', { name: 'OpenSlot wants to access your Google Account' })).toBeVisible();
  await page.getByRole('link', { name: 'Allow' }).click();
  await expect(page.getByRole('heading', { name: 'Your calendar is connected' })).toBeVisible();
  const connections = (await (await request.get(`${API}/v1/users/gina/calendars`, { headers: owner })).json()).connections;
  expect(connections).toMatchObject([{ type: 'google', status: 'ok' }]);

  expect((await request.post(`${GOOGLE}/_test/events`, { data: { start: `${date}T13:00:00Z`, end: `${date}T14:00:00Z`, summary: 'Lunch with a client' } })).status()).toBe(201);
  await embed(page, 'gina/call');
  const times = await offeredTimes(page, date);
  expect(times).not.toContain('13:00');
  expect(times).not.toContain('13:30');
  expect(times).toContain('14:00');
  await bookAt(page, '14:00', 'Gus Guest');

  await expect
    .poll(async () => ((await (await request.get(`${GOOGLE}/_test/events`)).json()).items as Array<{ summary?: string; start: { dateTime: string } }>).filter((e) => e.summary === 'Call — Gina and Gus Guest').map((e) => e.start.dateTime), { timeout: 15_000 })
    .toEqual([`${date}T14:00:00.000Z`]);
});

test('the demo host’s calendar feed, served by the demo site, hides its dentist appointment', async ({ request }) => {
  const feed = await request.get(`http://localhost:${PORTS.demo}/calendar.ics`);
  const dentist = /DTSTART;TZID=Europe\/London:(\d{4})(\d{2})(\d{2})T100000/.exec(await feed.text())!;
  const date = `${dentist[1]}-${dentist[2]}-${dentist[3]}`;
  const slots = (await (await request.get(`${API}/v1/slots`, { params: { event: 'alice/intro', start: date, end: date, timeZone: 'Europe/London' } })).json()).slots[date] as Array<{ start: string }> | undefined;
  const local = (slots ?? []).map((slot) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(new Date(slot.start)));
  expect(local).not.toContain('10:00');
  expect(local).not.toContain('10:30');
});
