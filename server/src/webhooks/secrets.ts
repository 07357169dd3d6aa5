import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/knex.js';

/** A new signing secret in the Standard Webhooks / Svix format: `whsec_` + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret, space-separated: during a
 * rotation receivers holding either the old or the new secret verify.
 */
export function signatureHeader(secrets: string[], id: string, timestampSeconds: number, body: string): string {
  return secrets
    .map((secret) => `v1,${createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`)
    .join(' ');
}

/**
 * Subscription secrets must be readable to sign, so they are encrypted (AES-256-GCM), not hashed.
 * The key lives in app_secrets like the manage-token key: a leaked export or log of the
 * subscriptions table alone reveals no secret; a full database dump does (then rotate).
 */
export interface SecretBox {
  seal(secret: string): string;
  open(sealed: string): string;
}

const KEY_NAME = 'webhook_secret_key';

export async function loadSecretBox(db: Knex): Promise<SecretBox> {
  const key = await encryptionKey(db);
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return `v1:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
    },
    open(sealed) {
      const bytes = Buffer.from(sealed.slice('v1:'.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

async function encryptionKey(db: Knex): Promise<Buffer> {
  const existing = await db('app_secrets').where({ name: KEY_NAME }).first('value');
  if (existing) return Buffer.from(existing.value, 'base64');
  try {
    await db('app_secrets').insert({ name: KEY_NAME, value: randomBytes(32).toString('base64') });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return encryptionKey(db);
}
