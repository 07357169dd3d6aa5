import { expect, test, type Page } from '@playwright/test';
import { PORTS } from '../ports.mjs';
import { recordWidgetEvents, widgetEvents } from './helpers.js';

const INBOX = `http://localhost:${PORTS.inbox}`;
const COACHES = { 'noah@example.com': 'Noah Pine', 'ivy@example.com': 'Ivy Harbor' };

interface Email {
  to: Array<{ address: string }>;
  subject: string;
  text: string;
}

/** Books the first free time on the team page as one visitor; returns the booking and the time's label. */
async function bookFirstTime(page: Page, visitor: { name: string; email: string }) {
  await recordWidgetEvents(page, ['openslot-booked']);
  await page.goto('/team.html');
  const widget = page.locator('openslot-booking');
  await expect(widget.getByRole('heading', { name: 'Discovery call' })).toBeVisible();
  const available = widget.locator('button[data-date][aria-disabled="false"]');
  await expect(widget.locator('table[aria-busy="false"]')).toBeVisible();
  if ((await available.count()) === 0) await widget.getByRole('button', { name: 'Next month' }).click();
  await available.first().click();
  const time = widget.locator('button[part="time"]').first();
  const label = (await time.textContent())!.trim();
  await time.click();
  await widget.locator('button[part~="confirm-time"]').click(); // the time list's Next
  await widget.getByLabel('Name').fill(visitor.name);
  await widget.getByLabel('Email').fill(visitor.email);
  await widget.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(widget.getByRole('heading', { name: 'You’re booked' })).toBeVisible();
  const booking = (await widgetEvents(page)).find((e) => e.type === 'openslot-booked')!.detail.booking;
  return { booking, label };
}

test('two visitors book the round-robin team event and land on two different coaches', async ({ browser, request }) => {
  const first = await bookFirstTime(await browser.newPage(), { name: 'Ola Early', email: 'ola@example.com' });
  const second = await bookFirstTime(await browser.newPage(), { name: 'Per Later', email: 'per@example.com' });

  // The same first free time: the first coach is taken, so the second visitor gets the other one.
  expect(second.label).toBe(first.label);
  expect(first.booking).toMatchObject({ eventType: 'harbor/discovery', status: 'accepted' });
  expect(first.booking.hosts).toHaveLength(1);
  expect(second.booking.hosts).toHaveLength(1);
  const coaches = [first.booking.hosts[0].email, second.booking.hosts[0].email];
  expect(new Set(coaches).size).toBe(2);
  expect(coaches.sort()).toEqual(Object.keys(COACHES).sort());

  // Each visitor's confirmation names their coach, and each coach is told of their own booking only.
  const inbox = async () => (await (await request.get(`${INBOX}/api/email`)).json()) as Email[];
  const mailTo = (emails: Email[], address: string) => emails.filter((email) => email.to.some((to) => to.address === address));
  for (const { booking, visitor } of [
    { booking: first.booking, visitor: 'ola@example.com' },
    { booking: second.booking, visitor: 'per@example.com' },
  ]) {
    const coach = booking.hosts[0] as { email: keyof typeof COACHES; name: string };
    await expect.poll(async () => mailTo(await inbox(), visitor).map((email) => email.text).join('\n')).toContain(`You are booked with ${COACHES[coach.email]}.`);
    await expect
      .poll(async () => mailTo(await inbox(), coach.email).map((email) => email.subject))
      .toEqual([expect.stringMatching(new RegExp(`^New booking: Discovery call with ${booking.attendee.name} on `))]);
  }
});
