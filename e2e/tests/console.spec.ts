import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_KEY, PORTS } from '../ports.mjs';
import { API } from './helpers.js';

const INBOX = `http://localhost:${PORTS.inbox}`;
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

interface Mail {
  id: string;
  to: Array<{ address: string }>;
  subject: string;
  text: string;
}

const inbox = async (request: APIRequestContext) => (await (await request.get(`${INBOX}/api/email`)).json()) as Mail[];

/** Creates a host in UTC with `name/intro` (30 min) and `name/request` (the host confirms each), unless the stack has them. */
async function ensureHost(request: APIRequestContext, username: string) {
  const user = await request.post(`${API}/v1/users`, { headers: admin, data: { username, name: `${username[0]!.toUpperCase()}${username.slice(1)} Host`, email: `${username}@example.com`, timeZone: 'UTC' } });
  expect([201, 409]).toContain(user.status());
  for (const [slug, extra] of [['intro', {}], ['request', { requiresConfirmation: true }]] as const) {
    const created = await request.post(`${API}/v1/event-types`, { headers: admin, data: { owner: username, slug, title: slug === 'intro' ? 'Intro call' : 'Request a call', durationMinutes: 30, ...extra } });
    expect([201, 409]).toContain(created.status());
  }
}

/** Asks for a sign-in link on the console's page and returns the one maildev received. */
async function requestLink(page: Page, request: APIRequestContext, email: string): Promise<string> {
  const before = new Set((await inbox(request)).map((mail) => mail.id));
  await page.goto(`${API}/console`);
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByRole('status')).toContainText('a sign-in link is on its way');
  let link = '';
  await expect
    .poll(async () => {
      const mail = (await inbox(request)).find((m) => !before.has(m.id) && m.subject === 'Your OpenSlot sign-in link' && m.to.some((to) => to.address === email));
      link = /Sign in: (\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
      return link;
    })
    .toContain('/console/sign-in/link?token=');
  return link;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const MON_THU = [1, 2, 3, 4];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  await ensureHost(request, 'carol');
  await ensureHost(request, 'bob');
});

test('a host signs in with the emailed link, sets Mon–Thu 10–16 and a day off, and the visitor’s widget shows exactly that', async ({ page, request }) => {
  test.setTimeout(120_000);
  const link = await requestLink(page, request, 'carol@example.com');
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Signed in as carol' })).toBeVisible();

  // The first Monday–Thursday at least two days ahead becomes the day off.
  const today = new Date(`${isoDate(new Date())}T00:00:00Z`);
  let dayOff = addDays(today, 2);
  while (!MON_THU.includes(dayOff.getUTCDay())) dayOff = addDays(dayOff, 1);

  const availability = page.locator('openslot-availability');
  await expect(availability.getByRole('heading', { name: 'Availability' })).toBeVisible();
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday']) {
    await availability.getByLabel(`${day}, from`).fill('10:00');
    await availability.getByLabel(`${day}, until`).fill('16:00');
  }
  await availability.getByRole('checkbox', { name: 'Friday' }).uncheck();
  await availability.getByRole('button', { name: 'Add a date' }).click();
  await availability.getByLabel('Date', { exact: true }).fill(isoDate(dayOff));
  const off = availability.getByRole('checkbox', { name: 'Day off' });
  if (!(await off.isChecked())) await off.check();
  await availability.getByRole('button', { name: 'Save' }).click();
  await expect(availability.getByRole('status')).toHaveText('Saved.');

  // The visitor's booker on the demo site.
  const visitor = await page.context().newPage();
  await visitor.goto(`/book.html?event=carol/intro&time-zone=UTC&locale=en-GB`);
  const widget = visitor.locator('openslot-booking');
  await expect(widget.getByRole('heading', { name: 'Intro call' })).toBeVisible();
  await expect(widget.locator('table[aria-busy="false"]')).toBeVisible();
  const month = isoDate(dayOff).slice(0, 7);
  if (month !== isoDate(today).slice(0, 7)) {
    await widget.getByRole('button', { name: 'Next month' }).click();
    await expect(widget.locator('table[aria-busy="false"]')).toBeVisible();
  }
  const expected: string[] = [];
  for (let d = addDays(today, 1); isoDate(d).startsWith(month) || d < new Date(`${month}-01T00:00:00Z`); d = addDays(d, 1)) {
    if (isoDate(d).startsWith(month) && MON_THU.includes(d.getUTCDay()) && isoDate(d) !== isoDate(dayOff)) expected.push(isoDate(d));
  }
  const shown = (await widget.locator('button[data-date][aria-disabled="false"]').evaluateAll((days) => days.map((day) => day.getAttribute('data-date')!)))
    .filter((date) => date.startsWith(month) && date > isoDate(today));
  expect(shown).toEqual(expected);

  await widget.locator(`button[data-date="${expected[0]}"]`).click();
  const times = widget.locator('button[part="time"]');
  await expect(times.first()).toBeVisible();
  expect((await times.allTextContents()).map((text) => text.trim())).toEqual(['10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30']);
  await visitor.close();

  // The change is in the host's audit, as the console's.
  const key = (await (await request.post(`${API}/v1/users/carol/api-keys`, { headers: admin, data: {} })).json()).key;
  const audit = (await (await request.get(`${API}/v1/users/carol/audit`, { headers: { authorization: `Bearer ${key}` } })).json()).entries;
  expect(audit[0]).toMatchObject({ actor: { username: 'carol', via: 'console' }, action: 'PATCH /v1/schedules/:id' });
});

test('the host confirms a pending request in <openslot-bookings> and the visitor’s email arrives', async ({ page, request }) => {
  const slots = await (await request.get(`${API}/v1/slots`, { params: { event: 'carol/request', start: isoDate(new Date()), end: isoDate(addDays(new Date(), 14)), timeZone: 'UTC' } })).json();
  const start = (Object.values(slots.slots) as Array<Array<{ start: string }>>).flat()[0]!.start;
  const booked = await request.post(`${API}/v1/bookings`, { data: { event: 'carol/request', start, timeZone: 'UTC', attendee: { name: 'Pat Visitor', email: 'pat@example.com' } } });
  expect((await booked.json()).booking.status).toBe('pending');

  await page.goto(await requestLink(page, request, 'carol@example.com'));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const bookings = page.locator('openslot-bookings');
  await bookings.getByRole('tab', { name: 'Pending' }).click();
  await bookings.getByRole('button', { name: 'Confirm' }).first().click();
  await expect(bookings.getByRole('heading', { name: 'Confirm Pat Visitor’s request' })).toBeVisible();
  await bookings.getByRole('button', { name: 'Confirm' }).last().click();
  await expect(bookings.getByRole('status')).toHaveText('Booking confirmed. The attendee gets an email.');

  await expect
    .poll(async () => (await inbox(request)).filter((mail) => mail.to.some((to) => to.address === 'pat@example.com')).map((mail) => mail.subject.split(':')[0]))
    .toContain('Confirmed');
});

test('a used sign-in link and an expired one are refused with a clear page', async ({ page, request }) => {
  test.setTimeout(120_000);
  const link = await requestLink(page, request, 'carol@example.com');
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Signed in as carol' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();

  const used = await page.goto(link);
  expect(used!.status()).toBe(410);
  await expect(page.getByRole('alert')).toHaveText('This sign-in link was already used. Each link works once: ask for a new one.');

  // The e2e stack's links live 30 s (SIGN_IN_LINK_MINUTES=0.5): this one is left to expire.
  const late = await requestLink(page, request, 'carol@example.com');
  await expect.poll(async () => (await request.get(late)).status(), { timeout: 60_000, intervals: [2_000] }).toBe(410);
  await page.goto(late);
  await expect(page.getByRole('alert')).toHaveText('This sign-in link has expired. Links work for a few minutes: ask for a new one.');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toHaveCount(0);
});

test("alice's session token cannot read bob's bookings", async ({ request }) => {
  const slots = await (await request.get(`${API}/v1/slots`, { params: { event: 'bob/intro', start: isoDate(new Date()), end: isoDate(addDays(new Date(), 14)), timeZone: 'UTC' } })).json();
  const start = (Object.values(slots.slots) as Array<Array<{ start: string }>>).flat()[0]!.start;
  const bobs = (await (await request.post(`${API}/v1/bookings`, { data: { event: 'bob/intro', start, timeZone: 'UTC', attendee: { name: 'Quinn', email: 'quinn@example.com' } } })).json()).booking;

  const minted = await request.post(`${API}/v1/users/alice/session-tokens`, { headers: admin, data: {} });
  expect(minted.status()).toBe(201);
  const token = { authorization: `Bearer ${(await minted.json()).token}` };
  expect([403, 404]).toContain((await request.get(`${API}/v1/bookings/${bobs.uid}`, { headers: token })).status());
  const listed = (await (await request.get(`${API}/v1/bookings`, { headers: token })).json()).bookings as Array<{ uid: string }>;
  expect(listed.map((b) => b.uid)).not.toContain(bobs.uid);
  expect((await request.get(`${API}/v1/users/bob`, { headers: token })).status()).toBe(403);
});
