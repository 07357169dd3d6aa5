import { HOLDING_STATUSES, type Booking } from '@openslot/sdk/schemas';

/**
 * Small server-rendered pages behind the links in booking emails, every value escaped. Only the
 * booker's manage page runs a script: the widget served from this same server, with the plain
 * cancel form as its no-script fallback.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Field {
  name: string;
  value: string;
}

function layout(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · OpenSlot</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{color:#6b7280}dd{margin:0}
textarea{width:100%;min-height:4rem;font:inherit}button{font:inherit;padding:.5rem 1rem;margin-top:.75rem;cursor:pointer}
</style>
${head}
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

function when(booking: Booking): string {
  const zone = booking.attendee.timeZone || 'UTC';
  const format = new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short', timeZone: zone });
  return `${format.formatRange(new Date(booking.start), new Date(booking.end))} (${zone})`;
}

function details(booking: Booking): string {
  const rows: Array<[string, string]> = [
    ['What', booking.title],
    ['When', when(booking)],
    ['Who', [...booking.hosts.map((host) => host.name), booking.attendee.name].join(', ')],
    ['Status', booking.status.replace('_', ' ')],
  ];
  // A meeting that will not take place has nowhere to go.
  if (!HOLDING_STATUSES.includes(booking.status)) return table(rows);
  if (booking.location.url) rows.push(['Where', booking.location.url]);
  else if (booking.location.address) rows.push(['Where', booking.location.address]);
  return table(rows);
}

function table(rows: Array<[string, string]>): string {
  return `<dl>${rows.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

function form(action: string, hidden: Field[], button: string, withReason: boolean): string {
  const inputs = hidden.map((field) => `<input type="hidden" name="${escapeHtml(field.name)}" value="${escapeHtml(field.value)}">`).join('');
  const reason = withReason ? '<label for="reason">Reason (optional)</label><textarea id="reason" name="reason" maxlength="2000"></textarea>' : '';
  return `<form method="post" action="${escapeHtml(action)}">${inputs}${reason}<button type="submit">${escapeHtml(button)}</button></form>`;
}

/** The host's page for a signed confirm/reject link: a GET shows it, only the form's POST acts. */
export function decisionPage(booking: Booking, decision: 'confirm' | 'reject', action: string, hidden: Field[]): string {
  const title = decision === 'confirm' ? 'Confirm this booking?' : 'Decline this booking?';
  const open = booking.status === 'pending';
  const closed = booking.rescheduledToUid
    ? '<p>This request moved to a new time: confirm or decline it from the newest email about it.</p>'
    : '<p>This booking is no longer waiting for a decision.</p>';
  const body = `${details(booking)}${open ? form(action, hidden, decision === 'confirm' ? 'Confirm booking' : 'Decline booking', decision === 'reject') : closed}`;
  return layout(title, body);
}

/**
 * The booker's page behind the manage link: `<openslot-booking>` in manage mode (see, cancel,
 * reschedule); without scripts, the booking and a cancel form while it holds time.
 */
export function managePage(booking: Booking, token: string, cancelAction: string, now: number): string {
  // Once the meeting has begun, only the host can cancel it.
  const cancellable = HOLDING_STATUSES.includes(booking.status) && Date.parse(booking.start) > now;
  const cancel = cancellable ? `<h2>Cancel</h2>${form(cancelAction, [{ name: 'token', value: token }], 'Cancel booking', true)}` : '';
  // The same token manages the booking that replaced this one.
  const replacement = booking.rescheduledToUid && `/manage/bookings/${encodeURIComponent(booking.rescheduledToUid)}?token=${encodeURIComponent(token)}`;
  const moved = replacement ? `<p>This booking was moved to a new time: <a href="${escapeHtml(replacement)}">see the new booking</a>.</p>` : '';
  const widget = `<openslot-booking booking-uid="${escapeHtml(booking.uid)}" token="${escapeHtml(token)}"></openslot-booking>`;
  return layout('Your booking', `${widget}<noscript>${details(booking)}${moved}${cancel}</noscript>`, '<script type="module" src="/widget.js"></script>');
}

/** The invited member's page behind the link in their invitation email: a GET shows it, only the form's POST accepts. */
export function invitationPage(team: { name: string; slug: string }, role: string, active: boolean, action: string, hidden: Field[]): string {
  const body = active
    ? `<p>You are already a member of ${escapeHtml(team.name)}.</p>`
    : `${table([['Team', `${team.name} (${team.slug})`], ['Role', role]])}<p>Once you join, the team can book your time on its event types. You can leave at any time.</p>${form(action, hidden, 'Join the team', false)}`;
  return layout(`Join ${team.name}?`, body);
}

export function messagePage(title: string, message: string, link?: { label: string; href: string }): string {
  const action = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : '';
  return layout(title, `<p>${escapeHtml(message)}</p>${action}`);
}

/** A page of this server that books `event` (`alice/intro`) with the widget: where "pick another time" links lead. */
export function bookPage(event: string): string {
  const widget = `<openslot-booking event="${escapeHtml(event)}"></openslot-booking>`;
  return layout('Book a time', `${widget}<noscript><p>Booking needs JavaScript.</p></noscript>`, '<script type="module" src="/widget.js"></script>');
}
