import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { MailAddress } from './mail-message.js';
import type { MailCapRepo } from './mail-cap.repo.js';

/**
 * At most `limit` messages a UTC day to one address, counted in the database so a restart (or
 * another worker) does not start the count again. Addresses are counted as a hash of their
 * lowercased form: the table holds no address.
 */
export function createMailCap(deps: { repo: MailCapRepo; limit: number; clock: Clock }) {
  const { repo, limit, clock } = deps;
  return {
    /** Counts one message to each of `to` and answers those still under the day's limit. */
    async admit(to: MailAddress[]): Promise<MailAddress[]> {
      const day = new Date(clock.now()).toISOString().slice(0, 10);
      const admitted: MailAddress[] = [];
      for (const recipient of to) {
        const hash = createHash('sha256').update(recipient.address.trim().toLowerCase()).digest('hex');
        if ((await repo.countOne(hash, day)) <= limit) admitted.push(recipient);
      }
      return admitted;
    },
  };
}

export type MailCap = ReturnType<typeof createMailCap>;
