import { expect, test } from '@playwright/test';
import { ADMIN_KEY } from '../ports.mjs';
import { API, bookThroughApi, recordWidgetEvents, widgetEvents } from './helpers.js';

const owner = { authorization: `Bearer ${ADMIN_KEY}` };

test.beforeEach(async ({ page }) => {
  await recordWidgetEvents(page, ['openslot-ready', 'openslot-cancelled', 'openslot-rescheduled', 'openslot-error']);
});

test('a booker reschedules through the manage page', async ({ page, request }) => {
  const { booking, manageToken } = await bookThroughApi(request, { name: 'Rita Rescheduler', email: 'rita@example.com' });
  await page.goto(`/manage.html?uid=${booking.uid}&token=${manageToken}`);
  const widget = page.locator('openslot-booking');
  await expect(widget.getByRole('heading', { name: 'Your booking' })).toBeVisible();
  await expect(widget.locator('.status')).toHaveText('Confirmed');
  await expect(widget.getByRole('link', { name: 'Join the meeting' })).toHaveAttribute('href', /^https?:\/\//);

  await widget.getByRole('button', { name: 'Reschedule' }).click();
  await expect(widget.getByRole('heading', { name: 'Pick a new time' })).toBeVisible();
  const available = widget.locator('button[data-date][aria-disabled="false"]');
  await expect(widget.locator('table[aria-busy="false"]')).toBeVisible();
  if ((await available.count()) === 0) await widget.getByRole('button', { name: 'Next month' }).click();
  await available.first().click();
  await widget.locator('button[part="time"]').first().click();
  await widget.locator('button[part~="confirm-time"]').click(); // the time list's Next
  await widget.getByRole('button', { name: 'Confirm new time' }).click();

  await expect(widget.getByRole('heading', { name: 'Booking rescheduled' })).toBeVisible();
  const rescheduled = (await widgetEvents(page)).find((e) => e.type === 'openslot-rescheduled')!.detail;
  expect(rescheduled.previous).toMatchObject({ uid: booking.uid, status: 'cancelled', rescheduledToUid: rescheduled.booking.uid });
  expect(rescheduled.booking).toMatchObject({ status: 'accepted', rescheduledFromUid: booking.uid });
  expect(rescheduled.booking.start).not.toBe(booking.start);

  // The server agrees, and the page now points at the new booking.
  const old = await (await request.get(`${API}/v1/bookings/${booking.uid}`, { headers: owner })).json();
  expect(old.booking).toMatchObject({ status: 'cancelled', rescheduledToUid: rescheduled.booking.uid });
  const moved = await (await request.get(`${API}/v1/bookings/${rescheduled.booking.uid}`, { headers: owner })).json();
  expect(moved.booking).toMatchObject({ status: 'accepted', start: rescheduled.booking.start });
  await expect(page).toHaveURL(new RegExp(`uid=${rescheduled.booking.uid}`));
});

test('a booker cancels with a reason through the manage page', async ({ page, request }) => {
  const { booking, manageToken } = await bookThroughApi(request, { name: 'Carl Canceller', email: 'carl@example.com' });
  await page.goto(`/manage.html?uid=${booking.uid}&token=${manageToken}`);
  const widget = page.locator('openslot-booking');
  await widget.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(widget.getByRole('heading', { name: 'Cancel booking' })).toBeFocused();
  await widget.getByLabel('Reason for cancelling').fill('Something came up');
  await widget.getByRole('button', { name: 'Cancel booking' }).click();

  await expect(widget.getByRole('heading', { name: 'Booking cancelled' })).toBeVisible();
  await expect(widget.locator('.status')).toHaveText('Cancelled');
  const events = await widgetEvents(page);
  expect(events.filter((e) => e.type === 'openslot-error')).toEqual([]);
  expect(events.find((e) => e.type === 'openslot-cancelled')!.detail.booking).toMatchObject({ uid: booking.uid, status: 'cancelled', cancellationReason: 'Something came up' });

  const stored = await (await request.get(`${API}/v1/bookings/${booking.uid}`, { headers: owner })).json();
  expect(stored.booking).toMatchObject({ status: 'cancelled', cancellationReason: 'Something came up' });

  // A second visit shows it cancelled, with nothing left to change.
  await page.reload();
  await expect(widget.locator('.status')).toHaveText('Cancelled');
  await expect(widget.getByRole('button', { name: 'Reschedule' })).toHaveCount(0);
});

test('the manage page says what is wrong with a bad link', async ({ page, request }) => {
  const { booking } = await bookThroughApi(request, { name: 'Tess Token', email: 'tess@example.com' });
  await page.goto(`/manage.html?uid=${booking.uid}&token=not-the-token`);
  const widget = page.locator('openslot-booking');
  await expect(widget.getByRole('alert')).toBeVisible();
  // Not found: trying again would not help, so there is no Retry.
  await expect(widget.getByRole('alert')).toContainText('doesn’t exist');
  await expect(widget.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  expect((await widgetEvents(page)).map((e) => e.type)).toContain('openslot-error');
});
