import { expect, test } from '@playwright/test';
import { PORTS } from '../ports.mjs';
import { bookThroughApi } from './helpers.js';

const INBOX = `http://localhost:${PORTS.inbox}`;

test("the booking email's manage link opens the server's page, where the booker moves the meeting; the old link then leads to the new booking", async ({ page, request }) => {
  const { booking } = await bookThroughApi(request, { name: 'Mia Mailreader', email: 'mia@example.com' });

  // The link as the booker gets it: from the email in the inbox.
  let manageUrl = '';
  await expect
    .poll(async () => {
      const emails = (await (await request.get(`${INBOX}/api/email`)).json()) as Array<{ to: Array<{ address: string }>; text: string }>;
      const mail = emails.find((email) => email.to.some((to) => to.address === 'mia@example.com'));
      manageUrl = /Reschedule or cancel: (\S+)/.exec(mail?.text ?? '')?.[1] ?? '';
      return manageUrl;
    })
    .toContain(`/manage/bookings/${booking.uid}?token=`);

  const response = await page.goto(manageUrl);
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
  const widget = page.locator('openslot-booking');
  await expect(widget.getByRole('heading', { name: 'Your booking' })).toBeVisible();
  await widget.getByRole('button', { name: 'Reschedule' }).click();
  const available = widget.locator('button[data-date][aria-disabled="false"]');
  await expect(widget.locator('table[aria-busy="false"]')).toBeVisible();
  if ((await available.count()) === 0) await widget.getByRole('button', { name: 'Next month' }).click();
  await available.first().click();
  await widget.locator('button[part="time"]').first().click();
  await widget.locator('button[part~="confirm-time"]').click(); // the time list's Next
  await widget.getByRole('button', { name: 'Confirm new time' }).click();
  await expect(widget.getByRole('heading', { name: 'Booking rescheduled' })).toBeVisible();

  const newWhen = await widget.locator('.when').textContent();

  // The old booking's manage link, followed again, leads to the new booking.
  const old = await request.get(`http://localhost:${PORTS.api}/v1/bookings/${booking.uid}?token=${new URL(manageUrl).searchParams.get('token')}`);
  expect((await old.json()).booking).toMatchObject({ status: 'cancelled', rescheduledToUid: expect.any(String) });
  await page.goto(manageUrl);
  await expect(widget.getByText('This booking was moved to another time.')).toBeVisible();
  await expect(widget.locator('.status')).toHaveText('Cancelled');
  await expect(widget.getByRole('link', { name: 'Join the meeting' })).toHaveCount(0);
  await expect(widget.getByRole('button', { name: 'Reschedule' })).toHaveCount(0);
  await widget.getByRole('button', { name: 'See the new booking' }).click();
  await expect(widget.locator('.status')).toHaveText('Confirmed');
  await expect(widget.locator('.when')).toHaveText(newWhen!);
  await expect(widget.getByRole('link', { name: 'Join the meeting' })).toBeVisible();
  await expect(widget.getByRole('button', { name: 'Reschedule' })).toBeVisible();
});
