import { renderHtml, renderText, type EmailContent } from '../notifications/email-layout.js';
import type { MailMessage } from '../notifications/index.js';

/** The console's sign-in email: one link per account at that address, each good once for `minutes`. */
const lifetime = (minutes: number) => (minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(minutes * 60)} seconds`);

export function signInEmail(to: { name: string; address: string }, links: Array<{ username: string; href: string }>, minutes: number): MailMessage {
  const content: EmailContent = {
    subject: 'Your OpenSlot sign-in link',
    heading: 'Sign in to OpenSlot',
    paragraphs: [
      `This link signs you in to the OpenSlot console once, within ${lifetime(minutes)}.`,
      'If you did not ask for it, ignore this email: nobody can sign in without the link.',
    ],
    details: [],
    actions: links.map((link) => ({ label: links.length === 1 ? 'Sign in' : `Sign in as ${link.username}`, href: link.href })),
  };
  return { to: [to], subject: content.subject, text: renderText(content), html: renderHtml(content) };
}
