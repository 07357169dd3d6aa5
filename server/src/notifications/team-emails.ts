import type { TeamRole } from '@openslot/sdk/schemas';
import type { NewJob } from '../jobs/index.js';
import { renderHtml, renderText, type EmailContent } from './email-layout.js';
import type { MailAddress } from './mail-message.js';

/** The job kind of one team email (rendered when the change commits, sent by the worker). */
export const TEAM_MAIL = 'mail.team';

export interface TeamInvitation {
  to: MailAddress;
  /** Who invited them: the name of the owner or admin whose key added them. */
  inviter: string;
  team: { slug: string; name: string };
  role: TeamRole;
  acceptUrl: string;
  expiresAt: number;
}

/** The invitation to join a team: the member's consent, given through the signed link or their own key. */
export function teamInvitationMailJob(invitation: TeamInvitation): NewJob {
  const { inviter, team, role, acceptUrl, expiresAt } = invitation;
  const until = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(expiresAt));
  const content: EmailContent = {
    subject: `${inviter} invited you to the team ${team.name}`,
    heading: `Join ${team.name}?`,
    paragraphs: [
      `${inviter} added you to the team ${team.name} on OpenSlot as ${role === 'member' ? 'a member' : `an ${role}`}.`,
      'Until you accept, the team cannot book your time or see your calendar, and you can ignore this email. The link works until ' + `${until}; you can also accept with your own API key.`,
    ],
    details: [{ label: 'Team', value: `${team.name} (${team.slug})` }],
    actions: [{ label: 'Review the invitation', href: acceptUrl }],
  };
  const message = { to: [invitation.to], subject: content.subject, text: renderText(content), html: renderHtml(content) };
  return { kind: TEAM_MAIL, payload: { message, team: team.slug, email: 'team_invitation' } };
}
