import { expect, test } from '@playwright/test';
import { ADMIN_KEY, PORTS } from '../ports.mjs';

const API = `http://localhost:${PORTS.api}`;
const INBOX = `http://localhost:${PORTS.inbox}`;

test('a visitor books a call through the widget embedded in the demo site', async ({ page, request }) => {
  // Collect the widget's DOM events the way a host page would listen for them.
  await page.addInitScript(() => {
    const seen: Array<{ type: string; detail: unknown }> = [];
    (window as unknown as { openslotEvents: typeof seen }).openslotEvents = seen;
    for (const type of ['openslot-ready', 'openslot-date-select', 'openslot-slot-select', 'openslot-submit', 'openslot-booked']) {
      document.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
    }
  });
  await page.goto('/');
  const widget = page.locator('openslot-booking');
  await expect(widget.getByRole('heading', { name: 'Intro call' })).toBeVisible();

  // The first day with free times: this month or, late in a month, the next.
  const available = widget.locator('button[data-date][aria-disabled="false"]');
  if ((await available.count()) === 0) await widget.getByRole('button', { name: 'Next month' }).click();
  const day = available.first();
  const date = await day.getAttribute('data-date');
  await day.click();

  const firstTime = widget.locator('button[part="time"]').first();
  await expect(firstTime).toBeVisible();
  const timeLabel = (await firstTime.textContent())!.trim();
  await firstTime.click();
  await widget.locator('button[part~="confirm-time"]').click(); // the time list's Next

  await expect(widget.getByRole('heading', { name: 'Your details' })).toBeFocused();
  await widget.getByLabel('Name').fill('Vera Visitor');
  await widget.getByLabel('Email').fill('vera@example.com');
  await widget.getByRole('button', { name: 'Confirm booking' }).click();

  await expect(widget.getByRole('heading', { name: 'You’re booked' })).toBeVisible();
  await expect(widget.getByText('A calendar invitation is on its way to vera@example.com.')).toBeVisible();

  const events = await page.evaluate(() => (window as unknown as { openslotEvents: Array<{ type: string; detail: any }> }).openslotEvents);
  expect(events.map((event) => event.type)).toEqual(['openslot-ready', 'openslot-date-select', 'openslot-slot-select', 'openslot-submit', 'openslot-booked']);
  const booked = events.at(-1)!.detail;
  expect(booked.booking).toMatchObject({ status: 'accepted', eventType: 'alice/intro', attendee: { name: 'Vera Visitor', email: 'vera@example.com' } });

  // The booking is in the database, as its owner sees it.
  const stored = await request.get(`${API}/v1/bookings/${booked.booking.uid}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  expect(stored.status()).toBe(200);
  expect((await stored.json()).booking).toMatchObject({ uid: booked.booking.uid, status: 'accepted', start: booked.booking.start });

  // The next visitor no longer sees that time.
  await page.reload();
  await expect(widget.getByRole('heading', { name: 'Intro call' })).toBeVisible();
  const sameDay = widget.locator(`button[data-date="${date}"]`);
  if (await sameDay.count() === 0) await widget.getByRole('button', { name: 'Next month' }).click();
  if ((await sameDay.getAttribute('aria-disabled')) === 'false') {
    await sameDay.click();
    await expect(widget.locator('button[part="time"]').first()).toBeVisible();
    await expect(widget.locator('button[part="time"]', { hasText: new RegExp(`^\\s*${timeLabel}\\s*$`) })).toHaveCount(0);
  }

  // And the confirmation email reached the inbox.
  await expect
    .poll(async () => {
      const emails = (await (await request.get(`${INBOX}/api/email`)).json()) as Array<{ to: Array<{ address: string }>; subject: string }>;
      return emails.filter((email) => email.to.some((to) => to.address === 'vera@example.com')).map((email) => email.subject);
    })
    .toEqual([expect.stringContaining('Intro call')]);
});
