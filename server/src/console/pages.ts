import { escapeHtml } from '../manage/pages.js';
import type { ConsoleSessionRow } from '../sessions/sessions.repo.js';
import type { LinkRefusal } from './console.service.js';

/**
 * The console's server-rendered pages, every value escaped. Scripts and styles come only from
 * this server (`/host.js`, `/console/console.js`, `/console/console.css`): the CSP allows nothing else.
 */

function layout(title: string, body: string, scripts = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · OpenSlot console</title>
<link rel="stylesheet" href="/console/console.css">
${scripts}
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

export function signInPage(options: { sent?: boolean; email?: string; error?: string } = {}): string {
  if (options.sent) {
    return layout('Check your email', '<p role="status">If an account uses that address, a sign-in link is on its way. It works once, for a few minutes.</p><p><a href="/console/sign-in">Send another link</a></p>');
  }
  const error = options.error ? `<p role="alert" id="email-error">${escapeHtml(options.error)}</p>` : '';
  return layout(
    'Sign in',
    `<p>Enter the email address of your OpenSlot account: we send you a link that signs you in.</p>${error}
<form method="post" action="/console/sign-in">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254" value="${escapeHtml(options.email ?? '')}"${options.error ? ' aria-invalid="true" aria-describedby="email-error"' : ''}>
<button type="submit">Email me a sign-in link</button>
</form>`,
  );
}

const REFUSALS: Record<LinkRefusal, string> = {
  used: 'This sign-in link was already used. Each link works once: ask for a new one.',
  expired: 'This sign-in link has expired. Links work for a few minutes: ask for a new one.',
  unknown: 'This is not a sign-in link we sent. Ask for a new one.',
};

export function linkRefusedPage(reason: LinkRefusal): string {
  return layout('This link cannot sign you in', `<p role="alert">${REFUSALS[reason]}</p><p><a href="/console/sign-in">Send me a new link</a></p>`);
}

/** Behind the emailed link: only the button's POST uses it, so a mail scanner opening links signs nobody in. */
export function confirmSignInPage(token: string): string {
  return layout(
    'Sign in to OpenSlot',
    `<form method="post" action="/console/sign-in/link"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Sign in</button></form>`,
  );
}

export function refusedPage(message: string): string {
  return layout('Not allowed', `<p role="alert">${escapeHtml(message)}</p><p><a href="/console">Back to the console</a></p>`);
}

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function sessionsList(sessions: ConsoleSessionRow[], current: number): string {
  const items = sessions.map((s) => {
    const label = `${s.userAgent || 'Unknown browser'}, signed in ${when(s.createdAt)}, last seen ${when(s.lastSeenAt)}`;
    const action = s.id === current ? '/console/sign-out' : `/console/sessions/${s.id}/revoke`;
    const button = s.id === current ? 'Sign out' : 'Sign this session out';
    return `<li data-session="${s.id}"><span>${escapeHtml(label)}${s.id === current ? ' <strong>(this browser)</strong>' : ''}</span> <form method="post" action="${action}"><button type="submit">${button}</button></form></li>`;
  });
  return `<ul class="sessions">${items.join('')}</ul>`;
}

const COMPONENTS: Array<[string, string]> = [
  ['openslot-availability', 'Hours and days off'],
  ['openslot-event-types', 'Event types'],
  ['openslot-bookings', 'Bookings'],
  ['openslot-calendars', 'Calendars'],
  ['openslot-payments', 'Payments'],
];

/** The signed-in console: the host components with a session token, the host's sessions, sign out. */
export function consolePage(options: { username: string; api: string; token: { token: string; expiresAt: string }; sessions: ConsoleSessionRow[]; current: number }): string {
  const attrs = `api="${escapeHtml(options.api)}" username="${escapeHtml(options.username)}" token="${escapeHtml(options.token.token)}"`;
  const sections = COMPONENTS.map(([tag, title]) => `<section aria-labelledby="${tag}-title"><h2 id="${tag}-title">${title}</h2><${tag} ${attrs}></${tag}></section>`).join('\n');
  return layout(
    `Signed in as ${options.username}`,
    `<form method="post" action="/console/sign-out" class="sign-out"><button type="submit">Sign out</button></form>
${sections}
<section aria-labelledby="sessions-title"><h2 id="sessions-title">Where you are signed in</h2>${sessionsList(options.sessions, options.current)}</section>`,
    `<meta name="openslot-token-expires" content="${escapeHtml(options.token.expiresAt)}">
<script type="module" src="/host.js"></script>
<script type="module" src="/console/console.js"></script>`,
  );
}
