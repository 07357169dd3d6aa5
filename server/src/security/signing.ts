import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/knex.js';

/**
 * Signs and checks the capability tokens the server hands out (manage tokens, email action links).
 * The key lives in the database, created once by whichever process asks first, so every server
 * behind a load balancer signs alike without extra configuration.
 */
export interface Signer {
  sign(purpose: string, subject: string): string;
  verify(purpose: string, subject: string, token: string): boolean;
}

export async function loadSigner(db: Knex): Promise<Signer> {
  const key = await signingKey(db);
  const sign = (purpose: string, subject: string) => createHmac('sha256', key).update(`${purpose}:${subject}`).digest('base64url');
  return {
    sign,
    verify(purpose, subject, token) {
      const expected = Buffer.from(sign(purpose, subject));
      const given = Buffer.from(token);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

async function signingKey(db: Knex): Promise<Buffer> {
  const existing = await db('app_secrets').where({ name: 'signing_key' }).first('value');
  if (existing) return Buffer.from(existing.value, 'base64');
  try {
    await db('app_secrets').insert({ name: 'signing_key', value: randomBytes(32).toString('base64') });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return signingKey(db);
}
