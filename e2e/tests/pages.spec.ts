import { expect, test } from '@playwright/test';
import { ADMIN_KEY } from '../ports.mjs';
import { API } from './helpers.js';

const owner = { authorization: `Bearer ${ADMIN_KEY}` };

test('the Vue page drives the widget’s locale and layout and hears its events', async ({ page }) => {
  await page.goto('/vue.html');
  const widget = page.locator('openslot-booking');
  await expect(widget.getByRole('heading', { name: 'Intro call' })).toBeVisible();

  await page.getByLabel('Language').selectOption('de-DE');
  await expect(widget.getByRole('button', { name: 'Nächster Monat' })).toBeVisible();
  await page.getByLabel('Layout').selectOption('week');
  await expect(widget.locator('.day-column')).toHaveCount(7);

  const times = widget.locator('button[part="time"]');
  for (let week = 0; week < 6 && (await times.count()) === 0; week++) {
    await widget.getByRole('button', { name: 'Nächste Woche' }).click();
    await expect(widget.locator('.week[aria-busy="false"]')).toBeVisible();
  }
  await times.first().click();
  await widget.locator('button[part~="confirm-time"]').click(); // the time list's Next
  await expect(widget.getByRole('heading', { name: 'Ihre Angaben' })).toBeFocused();
  await widget.getByLabel('Name').fill('Vroni Vue');
  await widget.getByLabel('E-Mail', { exact: true }).fill('vroni@example.com');
  await widget.getByRole('button', { name: 'Buchung bestätigen' }).click();
  await expect(widget.getByRole('heading', { name: 'Ihr Termin ist gebucht' })).toBeVisible();
  await expect(page.locator('#thanks')).toHaveText(/Booked .* \(accepted\)\./);
});

test('the SDK-only page lists free times and books through @openslot/sdk', async ({ page, request }) => {
  await page.goto('/sdk.html');
  await expect(page.getByRole('status')).toHaveText('The next free times:');
  const first = page.getByRole('list', { name: 'Free times' }).getByRole('button').first();
  const label = await first.textContent();
  await first.click();
  await page.getByLabel('Name').fill('Sam SDK');
  await page.getByLabel('Email').fill('sam@example.com');
  await page.getByRole('button', { name: 'Book', exact: true }).click();

  const result = page.locator('#result');
  await expect(result).toContainText('Booked (accepted)');
  const uid = /Reference (\S+)\.$/.exec((await result.textContent())!)![1]!;
  const stored = await (await request.get(`${API}/v1/bookings/${uid}`, { headers: owner })).json();
  expect(stored.booking).toMatchObject({ status: 'accepted', attendee: { name: 'Sam SDK' }, metadata: { source: 'sdk-demo' } });
  // The list was refreshed: the booked time is gone.
  await expect(page.getByRole('list', { name: 'Free times' }).getByRole('button', { name: label!, exact: true })).toHaveCount(0);
});
