import { expect, test } from '@playwright/test';
import { ADMIN_KEY } from '../ports.mjs';
import { API, recordWidgetEvents, widgetEvents } from './helpers.js';

test('a visitor books through the popup button, which loads nothing until opened', async ({ page, request }) => {
  await recordWidgetEvents(page, ['openslot-ready', 'openslot-booked']);
  const apiCalls: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`${API}/v1/`)) apiCalls.push(r.url());
  });
  await page.goto('/popup.html');
  const button = page.getByRole('button', { name: 'Book an intro call' });
  await expect(button).toBeVisible();
  await expect(page.getByRole('button', { name: 'Talk to us' })).toBeVisible(); // the floating one
  expect(apiCalls).toEqual([]);

  await button.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const widget = dialog.locator('openslot-booking');
  await expect(widget.getByRole('heading', { name: 'Intro call' })).toBeVisible();
  expect(apiCalls.some((url) => url.includes('/v1/slots'))).toBe(true);

  // Escape closes it and gives the focus back to the button; the booker keeps its state.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();

  const available = widget.locator('button[data-date][aria-disabled="false"]');
  await expect(widget.locator('table[aria-busy="false"]')).toBeVisible();
  if ((await available.count()) === 0) await widget.getByRole('button', { name: 'Next month' }).click();
  await available.first().click();
  await widget.locator('button[part="time"]').first().click();
  await widget.locator('button[part~="confirm-time"]').click(); // the time list's Next
  await widget.getByLabel('Name').fill('Paula Popup');
  await widget.getByLabel('Email', { exact: true }).fill('paula@example.com');
  await widget.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(widget.getByRole('heading', { name: 'You’re booked' })).toBeVisible();
  await expect(page.locator('#thanks')).toBeVisible(); // the event left the dialog and reached the page

  const booked = (await widgetEvents(page)).find((e) => e.type === 'openslot-booked')!.detail;
  const stored = await (await request.get(`${API}/v1/bookings/${booked.booking.uid}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json();
  expect(stored.booking).toMatchObject({ status: 'accepted', attendee: { name: 'Paula Popup', email: 'paula@example.com' } });

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
});
