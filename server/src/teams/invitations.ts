import type { Signer } from '../security/signing.js';

/** How long an invitation link works. Past it, a manager invites again (remove, then add). */
export const INVITATION_TTL_MS = 14 * 24 * 3_600_000;

const PURPOSE = 'team-invitation';

/**
 * The link in an invitation email: signed for one team, one member, the invitation's start and an
 * expiry, so it accepts nothing else, and dies with the invitation (a removed and re-invited member
 * has a new start). A GET shows the confirm page; the POST accepts.
 */
export function createInvitationLinks(deps: { publicUrl: string; signer: Signer }) {
  const { publicUrl, signer } = deps;
  const subject = (slug: string, username: string, since: number, expires: number) => `${slug}.${username}.${since}.${expires}`;

  return {
    acceptUrl(slug: string, username: string, since: number, expires: number): string {
      const sig = signer.sign(PURPOSE, subject(slug, username, since, expires));
      return `${publicUrl}/manage/teams/${encodeURIComponent(slug)}/invitations/${encodeURIComponent(username)}?expires=${expires}&sig=${sig}`;
    },

    verify(slug: string, username: string, since: number, expires: string, sig: string, now: number): 'valid' | 'expired' | 'invalid' {
      if (!/^\d{1,15}$/.test(expires)) return 'invalid';
      if (!signer.verify(PURPOSE, subject(slug, username, since, Number(expires)), sig)) return 'invalid';
      return Number(expires) <= now ? 'expired' : 'valid';
    },
  };
}

export type InvitationLinks = ReturnType<typeof createInvitationLinks>;
