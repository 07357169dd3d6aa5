import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The `text/calendar` part, parsed with ical.js, when there is one. */
  invite: { method: string; uid: string; sequence: number; start: string; end: string; status: string } | null;
}

/** A real SMTP server on a free port that keeps what it receives, parsed; or refuses every message with `refuse`. */
export async function startInbox(options: { refuse?: { code: number; message: string } } = {}) {
  const mails: ReceivedMail[] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (options.refuse) {
          refused++;
          return callback(Object.assign(new Error(options.refuse.message), { responseCode: options.refuse.code }));
        }
        mails.push(parseMail(session.envelope.rcptTo.map((r) => r.address), Buffer.concat(chunks).toString('latin1')));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    smtpUrl: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    mails,
    refused: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Just enough MIME for nodemailer's output: multipart nesting, base64 / quoted-printable, RFC 2047 subjects.
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
  const subject = (split(raw).headers.get('subject') ?? '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) => (enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : fromQp(text.replace(/_/g, ' '))));
  const parts = leaves(raw);
  const part = (type: string) => parts.find((p) => p.type.toLowerCase().startsWith(type))?.body ?? '';
  const ics = part('text/calendar');
  return { to, subject, text: part('text/plain'), html: part('text/html'), invite: ics ? parseInvite(ics) : null };
}

function parseInvite(ics: string): NonNullable<ReceivedMail['invite']> {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent')!;
  const instant = (name: string) => (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: instant('dtstart'),
    end: instant('dtend'),
    status: String(event.getFirstPropertyValue('status')),
  };
}
