import { randomBytes } from 'node:crypto';
import type { Signer } from '../security/signing.js';

/** How long an invitation link works. Past it, a manager invites again (remove, then add). */
export const INVITATION_TTL_MS = 14 * 24 * 3_600_000;

const PURPOSE = 'team-invitation';

export function newInvitationKey(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * The link in an invitation email: signed for one team, one member, the invitation's own random
 * key and an expiry, so it accepts nothing else and dies with the invitation (a removed and
 * re-invited member has a new key). A GET shows the confirm page; the POST accepts.
 */
export function createInvitationLinks(deps: { publicUrl: string; signer: Signer }) {
  const { publicUrl, signer } = deps;
  const subject = (slug: string, username: string, invitationKey: string, expires: number) => `${slug}.${username}.${invitationKey}.${expires}`;

  return {
    acceptUrl(slug: string, username: string, invitationKey: string, expires: number): string {
      const sig = signer.sign(PURPOSE, subject(slug, username, invitationKey, expires));
      return `${publicUrl}/manage/teams/${encodeURIComponent(slug)}/invitations/${encodeURIComponent(username)}?expires=${expires}&sig=${sig}`;
    },

    verify(slug: string, username: string, invitationKey: string, expires: string, sig: string, now: number): 'valid' | 'expired' | 'invalid' {
      if (!/^\d{1,15}$/.test(expires)) return 'invalid';
      if (!signer.verify(PURPOSE, subject(slug, username, invitationKey, Number(expires)), sig)) return 'invalid';
      return Number(expires) <= now ? 'expired' : 'valid';
    },
  };
}

export type InvitationLinks = ReturnType<typeof createInvitationLinks>;
