import { expect, test } from '@playwright/test';
import { ADMIN_KEY } from '../ports.mjs';
import { API, recordWidgetEvents, widgetEvents } from './helpers.js';

test('a signed-in member books with a prefilled, locked form; the page’s UTM parameters reach the booking', async ({ page, request }) => {
  await recordWidgetEvents(page, ['openslot-booked']);
  await page.goto('/members.html?utm_source=newsletter&utm_campaign=spring');
  const widget = page.locator('openslot-booking');
  await expect(widget.getByRole('heading', { name: 'Intro call' })).toBeVisible();

  // The column layout: the month's days one under another, each with its times.
  const times = widget.locator('button[part="time"]');
  if ((await widget.getByText('No free times this month.').count()) > 0) await widget.getByRole('button', { name: 'Next month' }).click();
  await times.first().click();
  await widget.locator('button[part~="confirm-time"]').click(); // the time list's Next

  await expect(widget.getByRole('heading', { name: 'Your details' })).toBeFocused();
  const name = widget.getByLabel('Name');
  const email = widget.getByLabel('Email', { exact: true });
  const guests = widget.getByLabel(/Guests/);
  await expect(name).toHaveValue('Maya Member');
  await expect(email).toHaveValue('maya@example.com');
  await expect(guests).toHaveValue('sam@example.com');
  for (const input of [name, email, guests]) await expect(input).not.toBeEditable();

  await widget.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(widget.getByRole('heading', { name: 'You’re booked' })).toBeVisible();

  const booked = (await widgetEvents(page)).find((e) => e.type === 'openslot-booked')!.detail;
  const stored = await (await request.get(`${API}/v1/bookings/${booked.booking.uid}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json();
  expect(stored.booking).toMatchObject({
    status: 'accepted',
    attendee: { name: 'Maya Member', email: 'maya@example.com' },
    guests: ['sam@example.com'],
    metadata: { memberId: 'm-1042', utm_source: 'newsletter', utm_campaign: 'spring' },
  });
});
