import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[];
  header(name: string): string;
  subject: string;
  text: string;
  html: string;
  /** The `Content-Type` of the `text/calendar` part (it carries `method=`), or ''. */
  calendarType: string;
  /** The `text/calendar` part, parsed with ical.js, when there is one. */
  invite: { method: string; uid: string; sequence: number; start: string; end: string; status: string; location: string | null; url: string | null } | null;
}

export interface Refusal {
  code: number;
  message: string;
}

/**
 * A real SMTP server on a free port that keeps what it receives, parsed. `reply` decides each
 * message (the n-th attempt, to these recipients): null accepts, a refusal refuses, and a promise
 * holds the sender until it settles.
 */
export type InboxReply = (attempt: number, recipients: string[]) => Refusal | null | Promise<Refusal | null>;

export async function startInbox(initialReply: InboxReply = () => null, options: { port?: number } = {}) {
  let reply = initialReply;
  const mails: ReceivedMail[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        const refusal = await reply(++attempts, recipients);
        if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        mails.push(parseMail(recipients, Buffer.concat(chunks).toString('latin1')));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    smtpUrl: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    mails,
    attempts: () => attempts,
    /** Decides the messages from now on. */
    setReply: (next: InboxReply) => void (reply = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Just enough MIME for nodemailer's output: multipart nesting, base64 / quoted-printable, RFC 2047 words.
function parseMail(to: string[], raw: string): ReceivedMail {
  const split = (text: string) => {
    const at = text.indexOf('\r\n\r\n');
    const headers = new Map<string, string>();
    for (const line of text.slice(0, at).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
      const colon = line.indexOf(':');
      headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
    }
    return { headers, body: text.slice(at + 4) };
  };
  const fromQp = (text: string) =>
    Buffer.from(text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  const leaves = (text: string): Array<{ type: string; body: string }> => {
    const { headers, body } = split(text);
    const type = headers.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) return body.split(`--${boundary}`).slice(1, -1).flatMap((part) => leaves(part.replace(/^\r\n/, '')));
    const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
    const decoded = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : encoding === 'quoted-printable' ? fromQp(body) : body;
    return [{ type, body: decoded }];
  };
  const decodeWords = (value: string) =>
    value
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) => (enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : fromQp(text.replace(/_/g, ' '))));
  const { headers } = split(raw);
  const header = (name: string) => decodeWords(headers.get(name.toLowerCase()) ?? '');
  const parts = leaves(raw);
  const part = (type: string) => parts.find((p) => p.type.toLowerCase().startsWith(type));
  const calendar = part('text/calendar');
  return {
    to,
    header,
    subject: header('subject'),
    text: part('text/plain')?.body ?? '',
    html: part('text/html')?.body ?? '',
    calendarType: calendar?.type ?? '',
    invite: calendar ? parseInvite(calendar.body) : null,
  };
}

function parseInvite(ics: string): NonNullable<ReceivedMail['invite']> {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent')!;
  const instant = (name: string) => (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
  const text = (name: string) => {
    const value = event.getFirstPropertyValue(name);
    return value === null || value === undefined ? null : String(value);
  };
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: instant('dtstart'),
    end: instant('dtend'),
    status: String(event.getFirstPropertyValue('status')),
    location: text('location'),
    url: text('url'),
  };
}
