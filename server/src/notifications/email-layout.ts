/** The parts every booking email is made of, rendered once as text and once as HTML. */
export interface EmailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  details: EmailDetail[];
  actions: EmailLink[];
}

export interface EmailDetail {
  label: string;
  value: string;
  href?: string;
}

export interface EmailLink {
  label: string;
  href: string;
}

export function renderText(content: EmailContent): string {
  const details = content.details.map((d) => `${d.label}: ${d.value}${d.href && d.href !== d.value ? ` (${d.href})` : ''}`);
  const actions = content.actions.map((a) => `${a.label}: ${a.href}`);
  return [content.heading, ...content.paragraphs, details.join('\n'), actions.join('\n')]
    .filter(Boolean)
    .join('\n\n')
    .concat('\n');
}

// Inline styles only: mail clients drop <style> blocks. Link text names the action on its own
// so screen-reader link lists make sense; the details are a <dl> so labels stay tied to values.
export function renderHtml(content: EmailContent): string {
  const paragraphs = content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const details = content.details
    .map((d) => {
      const value = d.href ? `<a href="${escapeHtml(d.href)}">${escapeHtml(d.value)}</a>` : escapeHtml(d.value);
      return `<dt style="font-weight:600">${escapeHtml(d.label)}</dt>\n<dd style="margin:0 0 12px 0">${value}</dd>`;
    })
    .join('\n');
  const actions = content.actions
    .map(
      (a) =>
        `<a href="${escapeHtml(a.href)}" style="display:inline-block;margin:0 8px 8px 0;padding:10px 16px;` +
        `background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none">${escapeHtml(a.label)}</a>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;color:#1f2937;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:16px;line-height:1.5">
<main style="max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:22px;margin:0 0 16px 0">${escapeHtml(content.heading)}</h1>
${paragraphs}
${details ? `<dl>\n${details}\n</dl>` : ''}
${actions ? `<p>\n${actions}\n</p>` : ''}
</main>
</body>
</html>
`;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface RecipientZone {
  timeZone: string;
  locale?: string | null;
}

/** "Tuesday, December 1, 2026, 10:00 – 10:30 AM GMT+1 (Europe/Berlin)" in the recipient's zone and locale. */
export function formatMeetingTime(start: string, end: string, recipient: RecipientZone): string {
  const { timeZone, locale } = usableZone(recipient);
  const format = formatter(locale, timeZone, 'long');
  return `${format.formatRange(new Date(start), new Date(end))} (${timeZone})`;
}

/** "Dec 1, 2026, 10:00 AM" for subject lines. */
export function formatShortTime(start: string, recipient: RecipientZone): string {
  const { timeZone, locale } = usableZone(recipient);
  return formatter(locale, timeZone, 'short').format(new Date(start));
}

const FORMATS = {
  long: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  short: { dateStyle: 'medium', timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** Building an Intl.DateTimeFormat costs far more than using one; each booking email needs several. Kept per locale, zone and style (bounded). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string, style: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    if (formatters.size >= 1_000) formatters.clear();
    format = new Intl.DateTimeFormat(locale, { timeZone, ...FORMATS[style] });
    formatters.set(key, format);
  }
  return format;
}

// A bad locale or zone in stored data must not stop the email; fall back to English and UTC.
function usableZone({ timeZone, locale }: RecipientZone): { timeZone: string; locale: string } {
  const usable = { timeZone: 'UTC', locale: 'en' };
  try {
    usable.locale = Intl.getCanonicalLocales(locale ?? 'en')[0] ?? 'en';
  } catch {}
  try {
    formatter('en', timeZone, 'short');
    usable.timeZone = timeZone;
  } catch {}
  return usable;
}
