import type { Knex } from 'knex';
import type { CalendarConnection } from '@openslot/sdk/schemas';
import type { MailMessage } from '../notifications/index.js';
import { renderHtml, renderText, type EmailContent } from '../notifications/email-layout.js';
import type { Outbox } from '../outbox/outbox.js';

const TYPE_NAMES = { ics: 'calendar feed', caldav: 'CalDAV calendar', google: 'Google Calendar', microsoft: 'Microsoft calendar' } as const;

/** The host's email when a calendar refused our credentials: what stopped working and how to repair it. */
export function brokenConnectionEmail(host: { name: string; email: string }, connection: CalendarConnection, consoleUrl: string): MailMessage {
  const kind = TYPE_NAMES[connection.type];
  const content: EmailContent = {
    subject: `Your ${kind} is disconnected from OpenSlot`,
    heading: `Reconnect your ${kind}`,
    paragraphs: [
      `Hi ${host.name}, OpenSlot can no longer read ${connection.label}: ${connection.statusReason ?? 'the provider refused our access'}.`,
      'Until you reconnect it, its events do not block your booking page (so visitors may book times you are busy) and new bookings are not added to it. Bookings themselves are not affected.',
    ],
    details: [{ label: 'Connection', value: `${kind} — ${connection.label}` }],
    actions: [{ label: 'Reconnect your calendar', href: consoleUrl }],
  };
  return { to: [{ name: host.name, address: host.email }], subject: content.subject, text: renderText(content), html: renderHtml(content) };
}

/** Records CALENDAR_CONNECTION_BROKEN in the transaction that marks the connection broken. */
export async function recordBrokenEvent(outbox: Outbox, trx: Knex, host: { id: number; username: string }, connection: CalendarConnection, now: number): Promise<void> {
  await outbox.record(trx, { type: 'CALENDAR_CONNECTION_BROKEN', ownerUserId: host.id, eventTypeId: null, data: { connection, host: host.username } }, now);
}
