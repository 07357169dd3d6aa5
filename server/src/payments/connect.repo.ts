import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/knex.js';
import { newPaymentUid } from './payments.repo.js';

/** The Stripe account a user or a team (an account row too, migration 006) is paid into. */
export interface ConnectedAccount {
  userId: number;
  /** Keys the account's creation at Stripe, so two clicks on "connect" make one account. */
  connectKey: string;
  accountId: string | null;
  chargesEnabled: boolean;
  detailsSubmitted: boolean;
}

const toAccount = (row: Record<string, any>): ConnectedAccount => ({
  userId: row.user_id,
  connectKey: row.connect_key,
  accountId: row.account_id,
  chargesEnabled: Boolean(row.charges_enabled),
  detailsSubmitted: Boolean(row.details_submitted),
});

export function createConnectRepo(db: Knex) {
  const find = async (userId: number, trx: Knex = db) => {
    const row = await trx('stripe_accounts').where({ user_id: userId }).first();
    return row ? toAccount(row) : null;
  };

  return {
    find,

    /** The owner's row, made on first use (two racing requests get the same one). */
    async findOrStart(userId: number, now: number): Promise<ConnectedAccount> {
      const existing = await find(userId);
      if (existing) return existing;
      try {
        await db('stripe_accounts').insert({ user_id: userId, connect_key: newPaymentUid('ck'), created_at: now, updated_at: now });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      return (await find(userId))!;
    },

    async setAccountId(userId: number, accountId: string, now: number): Promise<void> {
      await db('stripe_accounts').where({ user_id: userId }).whereNull('account_id').update({ account_id: accountId, updated_at: now });
    },

    /** What Stripe says of the account (on return from onboarding, and on `account.updated`). */
    async updateStatus(accountId: string, status: { chargesEnabled: boolean; detailsSubmitted: boolean }, now: number): Promise<boolean> {
      const changed = await db('stripe_accounts').where({ account_id: accountId }).update({ charges_enabled: status.chargesEnabled, details_submitted: status.detailsSubmitted, updated_at: now });
      return changed > 0;
    },
  };
}

export type ConnectRepo = ReturnType<typeof createConnectRepo>;
