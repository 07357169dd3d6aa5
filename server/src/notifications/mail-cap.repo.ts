import type { Knex } from 'knex';
import { dialectOf } from '../db/knex.js';

/** The per-recipient daily counts behind `MAIL_DAILY_LIMIT_PER_RECIPIENT` (migration 060). */
export function createMailCapRepo(db: Knex) {
  return {
    /** Adds one message to `addressHash`'s count for `utcDay` (a new day starts at 1) and answers the count. */
    async countOne(addressHash: string, utcDay: string): Promise<number> {
      // The upsert and the read in one transaction: the upsert holds the row until commit, so
      // concurrent workers each read their own count, never one another's.
      return db.transaction(async (trx) => {
        if (dialectOf(db) === 'mysql') {
          await trx.raw(
            'insert into mail_recipient_days (address_hash, utc_day, sent) values (?, ?, 1) on duplicate key update sent = if(utc_day = values(utc_day), sent + 1, 1), utc_day = values(utc_day)',
            [addressHash, utcDay],
          );
        } else {
          await trx.raw(
            'insert into mail_recipient_days (address_hash, utc_day, sent) values (?, ?, 1) on conflict (address_hash) do update set sent = case when utc_day = excluded.utc_day then sent + 1 else 1 end, utc_day = excluded.utc_day',
            [addressHash, utcDay],
          );
        }
        const row = await trx('mail_recipient_days').where({ address_hash: addressHash }).first('sent');
        return Number(row?.sent ?? 0);
      });
    },
  };
}

export type MailCapRepo = ReturnType<typeof createMailCapRepo>;
